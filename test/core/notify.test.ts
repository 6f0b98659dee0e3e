/**
 * SPEC 4.2: subscribers hear the final state before join()/run() settle, and a burst's trailing
 * notification comes within one macrotask, not on a (clamped) setTimeout(0).
 */
import { createAction, TaskGroup, type TaskGroupSnapshot } from "react-taskgroup/core";
import { describe, expect, it, vi } from "vitest";
import { deferred, drain, nextTurn, rejectionOf } from "./helpers.js";

describe("subscribers hear the final state before the promise settles", () => {
  it("a new user's subscribe, await join(), unsubscribe has seen closed", async () => {
    const group = new TaskGroup();
    let seen: TaskGroupSnapshot | undefined;
    const unsubscribe = group.subscribe(() => {
      seen = group.getSnapshot();
    });
    group.spawn(async () => {
      await null;
      return 1;
    });
    await group.join();
    unsubscribe();
    expect(seen).toMatchObject({ status: "closed", running: 0, settled: 1 });
  });

  it("has seen failed, with the error, before join() rejects", async () => {
    const group = new TaskGroup();
    const statuses: string[] = [];
    group.subscribe(() => statuses.push(group.getSnapshot().status));
    group.spawn(() => Promise.reject(new Error("boom")));
    const error = await rejectionOf(group.join());
    expect(statuses.at(-1)).toBe("failed");
    expect(group.getSnapshot().error).toBe(error);
  });

  it("has seen a child scope closed before group.run() resolves", async () => {
    const group = new TaskGroup();
    let seen: TaskGroupSnapshot | undefined;
    await group.run(async (scope) => {
      scope.subscribe(() => {
        seen = scope.getSnapshot();
      });
      scope.spawn(async () => {
        await null;
      });
    });
    expect(seen?.status).toBe("closed");
  });

  it("has seen TaskGroup.run's group closed before it resolves", async () => {
    let seen: TaskGroupSnapshot | undefined;
    await TaskGroup.run((group) => {
      group.subscribe(() => {
        seen = group.getSnapshot();
      });
      group.spawn(() => 1);
    });
    expect(seen).toMatchObject({ status: "closed", settled: 1 });
  });

  it("has seen an action's last run settled before awaiting it resumes", async () => {
    const group = new TaskGroup();
    const gate = deferred<string>();
    const action = createAction(group, () => gate.promise);
    const seen: unknown[] = [];
    const unsubscribe = action.subscribe(() => {
      const { running, value } = action.getSnapshot();
      seen.push([running, value]);
    });
    const run = action.run();
    gate.resolve("done");
    await run;
    unsubscribe();
    expect(seen.at(-1)).toEqual([0, "done"]);
  });

  it("still tells a burst of action runs at most twice", async () => {
    const group = new TaskGroup();
    const action = createAction(group, async (_scope, steps: number) => {
      for (let i = 0; i < steps; i++) await null;
      return steps;
    });
    const listener = vi.fn();
    action.subscribe(listener);
    const runs = Array.from({ length: 20 }, (_, i) => action.run(i));
    await Promise.all(runs);
    await nextTurn();
    expect(listener.mock.calls.length).toBeLessThanOrEqual(2);
    expect(action.getSnapshot()).toMatchObject({ running: 0, runs: 20 });
  });

  it("does not let a throwing listener stop the group from settling", async () => {
    const group = new TaskGroup();
    const thrown = new Error("listener");
    const errors: unknown[] = [];
    const onError = (error: unknown) => errors.push(error);
    process.on("uncaughtException", onError);
    const listeners = process.listeners("uncaughtException");
    // Vitest reports uncaught exceptions itself: let only ours see this one.
    for (const listener of listeners)
      if (listener !== onError) process.off("uncaughtException", listener);
    try {
      group.subscribe(() => {
        if (group.getSnapshot().status === "closed") throw thrown;
      });
      group.spawn(async () => {
        await null;
      });
      await group.join();
      await drain();
      expect(errors).toContain(thrown);
    } finally {
      process.off("uncaughtException", onError);
      for (const listener of listeners)
        if (listener !== onError) process.on("uncaughtException", listener);
    }
  });
});

describe("the trailing notification", () => {
  it("comes within one macrotask, without waiting for timers", async () => {
    // Timers held still: only a non-timer macrotask can deliver the trailing notification.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const group = new TaskGroup();
    const seen: number[] = [];
    group.subscribe(() => seen.push(group.getSnapshot().settled));
    const gates = [deferred(), deferred()];
    for (const gate of gates) group.spawn(() => gate.promise);
    await Promise.resolve();
    expect(seen).toEqual([0]); // the first change, on a microtask
    for (const gate of gates) gate.resolve();
    await drain(); // one real macrotask turn
    expect(seen).toEqual([0, 2]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("stays under fake timers' control when setImmediate is faked", async () => {
    vi.useFakeTimers();
    const group = new TaskGroup();
    const listener = vi.fn();
    group.subscribe(listener);
    const gate = deferred();
    group.spawn(() => gate.promise);
    group.spawn(() => gate.promise);
    await Promise.resolve();
    expect(listener).toHaveBeenCalledTimes(1);
    gate.resolve();
    await Promise.resolve();
    await Promise.resolve();
    expect(listener).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(0);
    expect(listener).toHaveBeenCalledTimes(2);
  });
});
