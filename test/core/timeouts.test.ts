import { type CancelledError, TaskGroup, TaskGroupError, TimeoutError } from "react-taskgroup/core";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { deferred, drain, rejectionOf, track, untilAborted } from "./helpers.js";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("group timeout", () => {
  it("cancels the group at its deadline, and join rejects with a TimeoutError", async () => {
    const group = new TaskGroup({ timeout: 100 });
    const task = group.spawn(untilAborted);
    const join = rejectionOf(group.join());
    await vi.advanceTimersByTimeAsync(99);
    expect(group.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(group.signal.aborted).toBe(true);
    expect(group.getSnapshot().status).toBe("cancelled");
    const error = await join;
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).name).toBe("TimeoutError");
    expect(task.cancelled).toBe(true);
    expect((task.reason as CancelledError).cause).toBeInstanceOf(TimeoutError);
  });

  it("rejects TaskGroup.run with a TimeoutError at the deadline", async () => {
    const run = rejectionOf(TaskGroup.run((group) => untilAborted(group.signal), { timeout: 50 }));
    await vi.advanceTimersByTimeAsync(50);
    expect(await run).toBeInstanceOf(TimeoutError);
  });

  it("lets failures win over the deadline", async () => {
    const group = new TaskGroup({ timeout: 10 });
    const cleanup = new Error("cleanup");
    group.spawn(async (signal) => {
      await untilAborted(signal).catch(() => undefined);
      throw cleanup;
    });
    const join = rejectionOf(group.join());
    await vi.advanceTimersByTimeAsync(10);
    const error = (await join) as TaskGroupError;
    expect(error).toBeInstanceOf(TaskGroupError);
    expect(error.errors).toEqual([cleanup]);
    expect(group.getSnapshot().status).toBe("failed");
  });

  it("does nothing once the group finished before its deadline", async () => {
    const group = new TaskGroup({ timeout: 100 });
    group.spawn(() => 1);
    await group.join();
    await vi.advanceTimersByTimeAsync(200);
    expect(group.signal.aborted).toBe(false);
    expect(group.getSnapshot().status).toBe("closed");
    expect(vi.getTimerCount()).toBe(0);
  });

  it("accepts timeout 0 and Infinity", async () => {
    const zero = new TaskGroup({ timeout: 0 });
    zero.spawn(untilAborted);
    const join = rejectionOf(zero.join());
    await vi.advanceTimersByTimeAsync(0);
    expect(zero.signal.aborted).toBe(true);
    expect(await join).toBeInstanceOf(TimeoutError);
    const never = new TaskGroup({ timeout: Number.POSITIVE_INFINITY });
    never.spawn(() => 1);
    await vi.advanceTimersByTimeAsync(1_000_000);
    await never.join();
  });
});

describe("task timeout", () => {
  it("fails the task with a TimeoutError, so fail-fast cancels its siblings", async () => {
    const group = new TaskGroup();
    const sibling = group.spawn(untilAborted);
    const slow = group.spawn(untilAborted, { timeout: 30 });
    const join = rejectionOf(group.join());
    await vi.advanceTimersByTimeAsync(30);
    const error = (await join) as TaskGroupError;
    expect(error).toBeInstanceOf(TaskGroupError);
    expect(error.errors).toHaveLength(1);
    expect(error.errors[0]).toBeInstanceOf(TimeoutError);
    expect(error.tasks).toEqual([slow]);
    expect(slow.cancelled).toBe(false);
    expect(slow.reason).toBeInstanceOf(TimeoutError);
    expect(sibling.cancelled).toBe(true);
  });

  it("counts a queued task's time from when its function starts", async () => {
    const group = new TaskGroup({ limit: 1 });
    const first = deferred();
    group.spawn(() => first.promise);
    const queued = group.spawn(untilAborted, { timeout: 50 });
    await vi.advanceTimersByTimeAsync(100);
    expect(queued.signal.aborted).toBe(false);
    first.resolve();
    await vi.advanceTimersByTimeAsync(49);
    expect(queued.signal.aborted).toBe(false);
    const join = rejectionOf(group.join());
    await vi.advanceTimersByTimeAsync(1);
    expect(queued.signal.aborted).toBe(true);
    expect(((await join) as TaskGroupError).errors[0]).toBeInstanceOf(TimeoutError);
  });

  it("fulfils a task that finishes before its timeout and clears the timer", async () => {
    const group = new TaskGroup();
    const task = group.spawn(async () => "fast", { timeout: 1000 });
    await group.join();
    expect(task.value).toBe("fast");
    expect(vi.getTimerCount()).toBe(0);
  });

  it("fails only that task's group member under failFast: false", async () => {
    const group = new TaskGroup({ failFast: false });
    const other = deferred<string>();
    const otherTask = group.spawn(() => other.promise);
    group.spawn(untilAborted, { timeout: 5 });
    const join = track(group.join());
    await vi.advanceTimersByTimeAsync(5);
    expect(otherTask.signal.aborted).toBe(false);
    other.resolve("kept");
    await drain();
    expect(join.state.status).toBe("rejected");
    expect(otherTask.value).toBe("kept");
  });
});
