import { TaskGroup, TaskGroupError } from "react-taskgroup/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { deferred, drain, nextTurn, rejectionOf, untilAborted } from "./helpers.js";

afterEach(() => {
  vi.useRealTimers();
});

describe("getSnapshot", () => {
  it("starts open and empty", () => {
    expect(new TaskGroup().getSnapshot()).toEqual({
      status: "open",
      running: 0,
      queued: 0,
      settled: 0,
      error: undefined,
    });
  });

  it("is frozen", () => {
    const snapshot = new TaskGroup().getSnapshot();
    expect(Object.isFrozen(snapshot)).toBe(true);
    expect(() => {
      (snapshot as { running: number }).running = 5;
    }).toThrow(TypeError);
  });

  it("returns the same object until something changes, then a new one", async () => {
    const group = new TaskGroup();
    const first = group.getSnapshot();
    expect(group.getSnapshot()).toBe(first);
    const gate = deferred();
    group.spawn(() => gate.promise);
    const second = group.getSnapshot();
    expect(second).not.toBe(first);
    expect(second.running).toBe(1);
    await drain();
    expect(group.getSnapshot()).toBe(second);
    gate.resolve();
    await drain();
    const third = group.getSnapshot();
    expect(third).not.toBe(second);
    expect(third).toMatchObject({ running: 0, settled: 1 });
    expect(first.running).toBe(0);
  });

  it("shows the error from the first failure on, growing as failures arrive", async () => {
    const group = new TaskGroup({ failFast: false });
    const gate = deferred();
    const [e1, e2] = [new Error("1"), new Error("2")];
    group.spawn(() => Promise.reject(e1));
    group.spawn(async () => {
      await gate.promise;
      throw e2;
    });
    await drain();
    const error = group.getSnapshot().error;
    expect(error).toBeInstanceOf(TaskGroupError);
    expect(error?.errors).toEqual([e1]);
    gate.resolve();
    const rejected = await rejectionOf(group.join());
    expect(group.getSnapshot().error).toBe(error);
    expect(rejected).toBe(error);
    expect(error?.errors).toEqual([e1, e2]);
  });
});

describe("status", () => {
  it("becomes closed after join succeeds", async () => {
    const group = new TaskGroup();
    group.spawn(() => 1);
    expect(group.getSnapshot().status).toBe("open");
    await group.join();
    expect(group.getSnapshot().status).toBe("closed");
  });

  it("becomes failed at the first failure and stays failed", async () => {
    const group = new TaskGroup({ timeout: 1 });
    group.spawn(() => Promise.reject(new Error("boom")));
    group.spawn(untilAborted);
    await drain();
    expect(group.getSnapshot().status).toBe("failed");
    group.cancel();
    expect(group.getSnapshot().status).toBe("failed");
    await rejectionOf(group.join());
    await nextTurn();
    expect(group.getSnapshot().status).toBe("failed");
  });

  it("stays cancelled after join, never closed", async () => {
    const group = new TaskGroup();
    group.spawn(untilAborted);
    group.cancel();
    expect(group.getSnapshot().status).toBe("cancelled");
    await rejectionOf(group.join());
    expect(group.getSnapshot().status).toBe("cancelled");
  });

  it("gives way from cancelled to failed when a failure follows", async () => {
    const group = new TaskGroup();
    const cleanup = deferred();
    group.spawn(async (signal) => {
      await untilAborted(signal).catch(() => undefined);
      await cleanup.promise;
      throw new Error("cleanup");
    });
    group.cancel();
    expect(group.getSnapshot().status).toBe("cancelled");
    cleanup.resolve();
    await drain();
    expect(group.getSnapshot().status).toBe("failed");
    await rejectionOf(group.join());
  });

  it("becomes failed, not cancelled, when a group holding failures is cancelled", async () => {
    const group = new TaskGroup({ failFast: false });
    group.spawn(() => Promise.reject(new Error("boom")));
    group.spawn(untilAborted);
    await drain();
    group.cancel();
    expect(group.getSnapshot().status).toBe("failed");
    expect(await rejectionOf(group.join())).toBeInstanceOf(TaskGroupError);
  });

  it("stays open under failFast: false until join ends with the failures", async () => {
    const group = new TaskGroup({ failFast: false });
    group.spawn(() => Promise.reject(new Error("boom")));
    await drain();
    expect(group.getSnapshot().status).toBe("open");
    await rejectionOf(group.join());
    expect(group.getSnapshot().status).toBe("failed");
  });
});

describe("subscribe", () => {
  it("tells a burst over many microtasks at most twice: at once, then at the turn's end", async () => {
    const group = new TaskGroup();
    const seen: number[] = [];
    group.subscribe(() => seen.push(group.getSnapshot().settled));
    for (let i = 0; i < 20; i++) {
      group.spawn(async () => {
        for (let j = 0; j < i; j++) await null;
        return i;
      });
    }
    await group.join();
    // The first change is told on a microtask, before the burst is over; the rest once, when
    // the group reaches its final state, before join() settles (SPEC 4.2).
    expect(seen).toHaveLength(2);
    expect(seen[0]).toBeLessThan(20);
    expect(seen[1]).toBe(20);
    await nextTurn();
    // Nothing is left for the end of the turn.
    expect(seen).toEqual([seen[0], 20]);
    expect(group.getSnapshot()).toMatchObject({ status: "closed", settled: 20 });
  });

  it("notifies again on a later turn when something changes again", async () => {
    vi.useFakeTimers();
    const group = new TaskGroup();
    const listener = vi.fn();
    group.subscribe(listener);
    const gate = deferred();
    group.spawn(() => gate.promise);
    vi.advanceTimersByTime(0);
    expect(listener).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(10);
    expect(listener).toHaveBeenCalledTimes(1);
    gate.resolve();
    await drain();
    vi.advanceTimersByTime(0);
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it("stops calling a listener once it unsubscribes", async () => {
    const group = new TaskGroup();
    const kept = vi.fn();
    const dropped = vi.fn();
    group.subscribe(kept);
    const unsubscribe = group.subscribe(dropped);
    unsubscribe();
    group.spawn(() => 1);
    await group.join();
    await nextTurn();
    expect(dropped).not.toHaveBeenCalled();
    expect(kept).toHaveBeenCalled();
  });

  it("schedules nothing while nobody subscribes", async () => {
    vi.useFakeTimers();
    const group = new TaskGroup();
    group.spawn(() => 1);
    await group.join();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("still notifies after a flush was left pending on fake timers", async () => {
    vi.useFakeTimers();
    const first = new TaskGroup();
    first.subscribe(() => {});
    first.spawn(() => 1); // schedules a flush on the fake clock, never advanced
    vi.useRealTimers();
    const group = new TaskGroup();
    const listener = vi.fn();
    group.subscribe(listener);
    const statuses: string[] = [];
    listener.mockImplementation(() => statuses.push(group.getSnapshot().status));
    group.spawn(() => 2);
    const gate = deferred();
    group.spawn(() => gate.promise);
    await drain();
    // The end of this turn is scheduled on the real timers, so the later change is told.
    expect(statuses).toEqual(["open", "open"]);
    expect(group.getSnapshot().settled).toBe(1);
    gate.resolve();
    await group.join();
    expect(statuses.at(-1)).toBe("closed");
  });
});
