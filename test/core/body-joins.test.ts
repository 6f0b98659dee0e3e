import { CancelledError, TaskGroup, TaskGroupError } from "react-taskgroup/core";
import { describe, expect, it } from "vitest";

describe("a body that awaits its own group's join()", () => {
  it("rejects run() with the group's TaskGroupError when a task failed", async () => {
    const boom = new Error("boom");
    let inner: unknown;
    const outcome = TaskGroup.run(async (group) => {
      group.spawn(async () => {
        throw boom;
      });
      try {
        await group.join();
      } catch (error) {
        inner = error;
        throw error;
      }
    });
    const error = await outcome.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TaskGroupError);
    expect(error).toBe(inner);
    expect((error as TaskGroupError).errors).toEqual([boom]);
  });

  it("resolves run() with the body's value when every task succeeded", async () => {
    const value = await TaskGroup.run(async (group) => {
      const task = group.spawn(async () => 2);
      await group.join();
      return (await task) * 21;
    });
    expect(value).toBe(42);
  });

  it("rejects run() with what the body throws after the group closed", async () => {
    const late = new Error("after join");
    await expect(
      TaskGroup.run(async (group) => {
        await group.join();
        throw late;
      }),
    ).rejects.toBe(late);
  });

  it("rejects a child run() with its TaskGroupError when its body awaits the child's join()", async () => {
    const parent = new TaskGroup();
    const child = parent.run(async (group) => {
      group.spawn(() => {
        throw new Error("child task");
      });
      await group.join();
    });
    await expect(child).rejects.toBeInstanceOf(TaskGroupError);
    await expect(parent.join()).resolves.toBeUndefined();
  });

  it("rejects with the CancelledError when the group was cancelled while the body waited", async () => {
    const outcome = TaskGroup.run(async (group) => {
      group.spawn(
        (signal) =>
          new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason))),
      );
      queueMicrotask(() => group.cancel("stop"));
      await group.join();
    });
    await expect(outcome).rejects.toBeInstanceOf(CancelledError);
  });
});
