/**
 * SPEC 1.8: a long-lived group keeps no settled task, and its listener counts stay flat however
 * many tasks pass through it. Memory is checked with WeakRefs and a forced garbage collection.
 */
import { getEventListeners } from "node:events";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { type Task, TaskGroup } from "react-taskgroup/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { deferred, drain, rejectionOf, untilAborted } from "./helpers.js";

function exposeGc(): (() => void) | undefined {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  try {
    setFlagsFromString("--expose-gc");
    return runInNewContext("gc") as () => void;
  } catch {
    return undefined;
  }
}
const gc = exposeGc();

/** Collects garbage until every ref is cleared or we give up; returns how many survived. */
async function survivors(refs: WeakRef<object>[]): Promise<number> {
  // A macrotask between rounds as well: on a busy machine the last few objects may still be held
  // by a pending timer or microtask of the run that made them.
  for (let i = 0; i < 20; i++) {
    await drain();
    await new Promise((resolve) => setTimeout(resolve, 0));
    gc?.();
    if (refs.every((ref) => ref.deref() === undefined)) return 0;
  }
  return refs.filter((ref) => ref.deref() !== undefined).length;
}

const abortListeners = (signal: AbortSignal) => getEventListeners(signal, "abort").length;

afterEach(() => {
  vi.useRealTimers();
});

describe.skipIf(!gc)("a long-lived group keeps no settled task", () => {
  it("forgets 20,000 tasks and their values once they settle", async () => {
    const group = new TaskGroup({ limit: 50 });
    const refs: WeakRef<object>[] = [];
    for (let batch = 0; batch < 20; batch++) {
      const gate = deferred();
      for (let i = 0; i < 1000; i++) {
        const value = { payload: new Array(10).fill(i) };
        const task = group.spawn(async (signal) => {
          if (i % 3 === 0) return untilAborted(signal); // cancelled one by one below
          await gate.promise;
          return value;
        });
        if (i % 3 === 0) task.cancel(); // queued ones are dropped, running ones abort
        if (i % 250 === 0) refs.push(new WeakRef(task), new WeakRef(value));
      }
      gate.resolve();
      while (group.getSnapshot().running + group.getSnapshot().queued > 0) await drain();
    }
    expect(group.getSnapshot()).toMatchObject({ status: "open", settled: 20_000 });
    expect(await survivors(refs)).toBe(0);
    await group.join();
  });

  it("keeps failures it must report, but not the tasks that succeeded next to them", async () => {
    const group = new TaskGroup({ failFast: false });
    const refs: WeakRef<Task<unknown>>[] = [];
    for (let i = 0; i < 2000; i++) {
      const task = group.spawn(async () => {
        if (i % 100 === 0) throw new Error(`failure ${i}`);
        return i;
      });
      if (i % 100 === 1) refs.push(new WeakRef(task));
    }
    while (group.getSnapshot().running > 0) await drain();
    expect(group.getSnapshot().error?.errors).toHaveLength(20);
    expect(await survivors(refs)).toBe(0);
    await rejectionOf(group.join());
  });

  it("forgets child groups run through it once they finish", async () => {
    const group = new TaskGroup();
    const refs: WeakRef<TaskGroup>[] = [];
    for (let i = 0; i < 500; i++) {
      await group.run(async (child) => {
        refs.push(new WeakRef(child));
        child.spawn(async () => i);
      });
    }
    expect(await survivors(refs)).toBe(0);
    await group.join();
  });
});

describe("listener counts stay flat", () => {
  it("adds no listener to the parent signal or its own signal per task", async () => {
    const parent = new AbortController();
    const group = new TaskGroup({ signal: parent.signal });
    const before = abortListeners(parent.signal);
    for (let i = 0; i < 1000; i++) group.spawn(async () => i);
    expect(abortListeners(parent.signal)).toBe(before);
    expect(abortListeners(group.signal)).toBe(0);
    await group.join();
  });

  it("removes its parent-signal listener when it finishes, whichever way", async () => {
    const parent = new AbortController();
    expect(abortListeners(parent.signal)).toBe(0);
    for (let i = 0; i < 300; i++) {
      const group = new TaskGroup({ signal: parent.signal });
      const kind = i % 3;
      group.spawn(async (signal) => {
        if (kind === 1) throw new Error("fail");
        if (kind === 2) return untilAborted(signal);
        return i;
      });
      if (kind === 2) group.cancel();
      await group.join().catch(() => undefined);
    }
    expect(abortListeners(parent.signal)).toBe(0);
  });

  it("removes a SpawnOptions.signal listener when its task settles, however it settles", async () => {
    const shared = new AbortController();
    const group = new TaskGroup({ limit: 10, failFast: false });
    const tasks: Task<unknown>[] = [];
    for (let i = 0; i < 300; i++) {
      const kind = i % 4;
      const task = group.spawn(
        async (signal) => {
          if (kind === 1) throw new Error("fail");
          if (kind === 2) return untilAborted(signal);
          return i;
        },
        { signal: shared.signal },
      );
      if (kind === 2 || kind === 3) task.cancel(); // running: aborted; queued: dropped
      tasks.push(task);
    }
    expect(abortListeners(shared.signal)).toBeGreaterThan(0);
    await rejectionOf(group.join());
    expect(tasks.every((t) => t.status !== "pending")).toBe(true);
    expect(abortListeners(shared.signal)).toBe(0);
  });

  it("removes the listener of a task dropped because its signal had already aborted", async () => {
    const group = new TaskGroup();
    const signal = AbortSignal.abort();
    for (let i = 0; i < 100; i++) group.spawn(() => i, { signal });
    expect(abortListeners(signal)).toBe(0);
    await group.join();
  });

  it("leaves no timer behind for tasks and groups that settle before their deadline", async () => {
    vi.useFakeTimers();
    const group = new TaskGroup({ timeout: 60_000 });
    for (let i = 0; i < 500; i++) group.spawn(async () => i, { timeout: 1000 });
    await group.join();
    expect(vi.getTimerCount()).toBe(0);
  });
});
