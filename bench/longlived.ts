/**
 * A long-lived group (SPEC 1.8): 1,000,000 tasks pass through one group that has a parent
 * AbortSignal, in batches of 1,000 running at once, each batch awaited with
 * `Promise.allSettled(tasks)`. The mix, per 16 tasks: one `untilAborted` cancelled alone by
 * `task.cancel()` right after spawn (not a failure of the group), one spawned with
 * `{ signal: parent }` (one more listener on the parent while it runs), one synchronous value,
 * thirteen async values. Heap (after a full GC) and the parent's abort listeners are read after a
 * warm-up and every 100,000 tasks; at the end the parent aborts and the group must let go of its
 * own listener too.
 */
import { getEventListeners, setMaxListeners } from "node:events";
import { CancelledError, type Task, TaskGroup } from "../src/core/index.js";
import { collect, drain, heapUsed } from "./harness.js";
import { untilAborted } from "./workloads.js";

export interface LongLivedResult {
  readonly tasks: number;
  readonly elapsedMs: number;
  /** Heap after a full GC, every 100,000 tasks; the first one after the warm-up. */
  readonly heap: readonly { readonly tasks: number; readonly bytes: number }[];
  readonly heapBefore: number;
  readonly heapAfter: number;
  /** Least-squares slope of `heap` over tasks, in bytes per task. */
  readonly slope: number;
  readonly listenersBefore: number;
  readonly listenersAfter: number;
  /** The most listeners the parent had while a batch ran. */
  readonly listenersPeak: number;
  /** After the parent aborted and the group's join settled. */
  readonly listenersAfterJoin: number;
  /** The join's outcome after the parent aborted: a CancelledError, as SPEC 1.5 says. */
  readonly joinCancelled: boolean;
  readonly flat: boolean;
}

export const BATCH = 1_000;
const WARMUP = 10_000;
const SAMPLE_EVERY = 100_000;
/** Heap growth that still counts as flat over the run: about one byte per task. */
export const FLAT_BYTES = 1 << 20;

export async function longLived(total: number): Promise<LongLivedResult> {
  const parent = new AbortController();
  const signal = parent.signal;
  const listeners = () => getEventListeners(signal, "abort").length;
  // A sixteenth of each batch listens on the parent while it runs (one listener per task, see
  // SpawnOptions.signal): more than Node's default of 10, which would print a leak warning.
  setMaxListeners(BATCH, signal);
  const group = new TaskGroup({ name: "long-lived", signal });
  let peak = 0;

  const batch = async (first: number): Promise<void> => {
    const tasks: Task<unknown>[] = new Array(BATCH);
    for (let k = 0; k < BATCH; k++) {
      const i = first + k;
      const kind = i & 15;
      if (kind === 0) {
        const task = group.spawn(untilAborted);
        task.cancel("not needed");
        tasks[k] = task;
      } else if (kind === 1) tasks[k] = group.spawn(async () => i, { signal });
      else if (kind === 2) tasks[k] = group.spawn(() => i);
      else tasks[k] = group.spawn(async () => i);
    }
    peak = Math.max(peak, listeners());
    await Promise.allSettled(tasks);
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
  const listenersAfterJoin = listeners();

  const heapBefore = heap[0]?.bytes ?? Number.NaN;
  const heapAfter = heap[heap.length - 1]?.bytes ?? Number.NaN;
  return {
    tasks: total,
    elapsedMs,
    heap,
    heapBefore,
    heapAfter,
    slope: slopeOf(heap),
    listenersBefore,
    listenersAfter,
    listenersPeak: peak,
    listenersAfterJoin,
    joinCancelled,
    flat: heapAfter - heapBefore < FLAT_BYTES && listenersAfter === listenersBefore,
  };
}

function slopeOf(points: readonly { tasks: number; bytes: number }[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, p) => s + p.tasks, 0) / n;
  const my = points.reduce((s, p) => s + p.bytes, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.tasks - mx) * (p.bytes - my);
    den += (p.tasks - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}
