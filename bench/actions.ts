/**
 * Actions (SPEC 3) against what people write by hand:
 * - restart: every run cancels the one before, its body waiting on its signal as `fetch` does,
 *   against the usual switch: an AbortController per run, a Set of the live ones (to cancel them
 *   all on unmount), `current?.abort()` before each start;
 * - enqueue, limit 1: trivial async bodies one at a time, against a promise chain with an
 *   AbortController per run (checked before the body starts, as a cancel button needs);
 * - spawn with `retry` set but never needed, against the same spawn without it;
 * - 1,000,000 runs through one long-lived action: heap and the parent's listeners flat.
 */
import { getEventListeners } from "node:events";
import { CancelledError, createAction, type Run, TaskGroup } from "../src/core/index.js";
import { collect, drain, heapUsed } from "./harness.js";
import type { LongLivedResult } from "./longlived.js";
import type { Runner } from "./throughput.js";
import { ignore, untilAborted } from "./workloads.js";

/** The engine's side of every case is named "TaskGroup", the hand-written one "hand-written". */
export const HAND = "hand-written";

export const restartEngine: Runner = {
  name: "TaskGroup",
  run: async (n) => {
    const group = new TaskGroup();
    const search = createAction(group, (scope, _i: number) => untilAborted(scope.signal), {
      policy: "restart",
    });
    for (let i = 0; i < n; i++) search.run(i);
    search.cancel();
    await group.join();
  },
};

export const restartHand: Runner = {
  name: HAND,
  run: async (n) => {
    const live = new Set<AbortController>();
    const settled: Promise<unknown>[] = new Array(n);
    let current: AbortController | undefined;
    const body = (signal: AbortSignal, _i: number) => untilAborted(signal);
    const run = async (controller: AbortController, i: number) => {
      try {
        return await body(controller.signal, i);
      } finally {
        live.delete(controller);
      }
    };
    for (let i = 0; i < n; i++) {
      current?.abort(new DOMException("restarted", "AbortError"));
      const controller = new AbortController();
      current = controller;
      live.add(controller);
      const promise = run(controller, i);
      promise.catch(ignore);
      settled[i] = promise;
    }
    for (const controller of live) controller.abort();
    await Promise.allSettled(settled);
  },
};

export const enqueueEngine: Runner = {
  name: "TaskGroup",
  run: async (n) => {
    const group = new TaskGroup();
    const save = createAction(group, async (_scope, i: number) => i, { policy: "enqueue" });
    for (let i = 0; i < n; i++) save.run(i);
    await group.join();
  },
};

export const enqueueHand: Runner = {
  name: HAND,
  run: async (n) => {
    const body = async (_signal: AbortSignal, i: number) => i;
    let chain: Promise<unknown> = Promise.resolve();
    for (let i = 0; i < n; i++) {
      const controller = new AbortController();
      const promise = chain.then(() =>
        controller.signal.aborted
          ? Promise.reject(controller.signal.reason)
          : body(controller.signal, i),
      );
      chain = promise.catch(ignore);
    }
    await chain;
  },
};

export const spawnWithoutRetry: Runner = {
  name: HAND,
  run: (n) =>
    TaskGroup.run((group) => {
      for (let i = 0; i < n; i++) group.spawn(async () => i);
    }),
};

export const spawnWithRetry: Runner = {
  name: "TaskGroup",
  run: (n) =>
    TaskGroup.run((group) => {
      for (let i = 0; i < n; i++) group.spawn(async () => i, { retry: 2 });
    }),
};

const BATCH = 1_000;
const WARMUP = 10_000;
const SAMPLE_EVERY = 100_000;
const FLAT_BYTES = 1 << 20;

/**
 * `total` runs through one action of a group that has a parent signal, 1,000 at a time, each
 * batch awaited with `Promise.allSettled(runs)`. Per 16 runs: one cancelled right away, one that
 * fails (its run's TaskGroupError, never the group's), one synchronous, thirteen async.
 */
export async function longLivedAction(total: number): Promise<LongLivedResult> {
  const parent = new AbortController();
  const signal = parent.signal;
  const listeners = () => getEventListeners(signal, "abort").length;
  const group = new TaskGroup({ name: "long-lived", signal });
  const failure = new Error("expected");
  const action = createAction(group, (scope, i: number) => {
    const kind = i & 15;
    if (kind === 0) return untilAborted(scope.signal);
    if (kind === 1) return Promise.reject(failure);
    if (kind === 2) return i;
    return (async () => i)();
  });
  let peak = 0;
  const batch = async (first: number) => {
    const runs: Run<[number], unknown>[] = new Array(BATCH);
    for (let k = 0; k < BATCH; k++) {
      const run = action.run(first + k);
      if (((first + k) & 15) === 0) run.cancel("not needed");
      runs[k] = run;
    }
    peak = Math.max(peak, listeners());
    await Promise.allSettled(runs);
  };
  for (let done = 0; done < WARMUP; done += BATCH) await batch(-WARMUP + done);
  const heap: { tasks: number; bytes: number }[] = [];
  const sample = async (tasks: number) => {
    await drain();
    collect();
    heap.push({ tasks, bytes: heapUsed() });
  };
  await sample(0);
  const listenersBefore = listeners();
  const start = performance.now();
  for (let done = 0; done < total; ) {
    await batch(done);
    done += BATCH;
    if (done % SAMPLE_EVERY === 0 || done >= total) await sample(done);
  }
  const elapsedMs = performance.now() - start;
  const listenersAfter = listeners();
  parent.abort(new Error("the parent is done"));
  const joinCancelled = await group.join().then(
    () => false,
    (error: unknown) => error instanceof CancelledError,
  );
  const heapBefore = heap[0]?.bytes ?? Number.NaN;
  const heapAfter = heap[heap.length - 1]?.bytes ?? Number.NaN;
  const n = heap.length;
  const mx = heap.reduce((s, p) => s + p.tasks, 0) / n;
  const my = heap.reduce((s, p) => s + p.bytes, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of heap) {
    num += (p.tasks - mx) * (p.bytes - my);
    den += (p.tasks - mx) ** 2;
  }
  return {
    tasks: total,
    elapsedMs,
    heap,
    heapBefore,
    heapAfter,
    slope: den === 0 ? 0 : num / den,
    listenersBefore,
    listenersAfter,
    listenersPeak: peak,
    listenersAfterJoin: listeners(),
    joinCancelled,
    flat: heapAfter - heapBefore < FLAT_BYTES && listenersAfter === listenersBefore,
  };
}
