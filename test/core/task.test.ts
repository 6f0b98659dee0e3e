import { CancelledError, InvalidStateError, TaskGroup } from "react-taskgroup/core";
import { describe, expect, it } from "vitest";
import { deferred, drain, rejectionOf, untilAborted } from "./helpers.js";

describe("Task (thenable protocol)", () => {
  it("is pending with no value or reason while running", () => {
    const group = new TaskGroup();
    const task = group.spawn(() => new Promise(() => {}));
    expect(task.status).toBe("pending");
    expect(task.value).toBeUndefined();
    expect(task.reason).toBeUndefined();
    expect(task.cancelled).toBe(false);
  });

  it("exposes the value once fulfilled, and await gives it", async () => {
    const group = new TaskGroup();
    const task = group.spawn(async () => ({ id: 1 }));
    const value = await task;
    expect(value).toEqual({ id: 1 });
    expect(task.status).toBe("fulfilled");
    expect(task.value).toBe(value);
    expect(task.result()).toBe(value);
    await group.join();
  });

  it("exposes the reason once rejected, and result() throws it", async () => {
    const group = new TaskGroup({ failFast: false });
    const boom = new Error("boom");
    const task = group.spawn(() => Promise.reject(boom));
    expect(await rejectionOf(task)).toBe(boom);
    expect(task.status).toBe("rejected");
    expect(task.reason).toBe(boom);
    expect(() => task.result()).toThrow(boom);
    await rejectionOf(group.join());
  });

  it("throws InvalidStateError from result() while pending", () => {
    const group = new TaskGroup();
    const task = group.spawn(() => new Promise(() => {}));
    expect(() => task.result()).toThrow(InvalidStateError);
  });

  it("rejects with a CancelledError when cancelled", async () => {
    const group = new TaskGroup();
    const task = group.spawn(untilAborted);
    task.cancel("why");
    const reason = await rejectionOf(task);
    expect(reason).toBeInstanceOf(CancelledError);
    expect(reason).toBe(task.reason);
    expect(() => task.result()).toThrow(CancelledError);
    await group.join();
  });

  it("calls then callbacks of a settled task on a later tick, like a promise", async () => {
    const group = new TaskGroup();
    const task = group.spawn(() => 5);
    await task;
    let seen: number | undefined;
    const chained = task.then((v) => {
      seen = v;
      return v * 2;
    });
    expect(seen).toBeUndefined();
    expect(await chained).toBe(10);
    expect(seen).toBe(5);
    await group.join();
  });

  it("works with Promise.all and Promise.allSettled", async () => {
    const results = await TaskGroup.run(async (group) => {
      const a = group.spawn(async () => 1);
      const b = group.spawn(() => "two");
      return Promise.all([a, b]);
    });
    expect(results).toEqual([1, "two"]);
  });

  it("leaves no unhandled rejection when a failed task's rejection is handled", async () => {
    const group = new TaskGroup();
    const gate = deferred();
    const task = group.spawn(async () => {
      await gate.promise;
      throw new Error("handled");
    });
    const handled = task.then(
      () => "no",
      () => "handled",
    );
    gate.resolve();
    expect(await handled).toBe("handled");
    await rejectionOf(group.join());
    await drain();
  });

  it("creates no unhandled rejection for a failed task nobody awaits", async () => {
    const group = new TaskGroup({ failFast: false });
    group.spawn(() => Promise.reject(new Error("ignored")));
    group.spawn(() => {
      throw new Error("ignored too");
    });
    await drain();
    await drain();
    // The guard fails this test on any unhandled rejection; the group's join is handled below.
    await rejectionOf(group.join());
  });

  it("creates no unhandled rejection for a cancelled task nobody awaits", async () => {
    const group = new TaskGroup();
    group.spawn(untilAborted);
    group.cancel();
    await drain();
    await rejectionOf(group.join());
  });
});
