import { TaskGroup, TaskGroupError } from "react-taskgroup/core";
import { describe, expect, it } from "vitest";
import { deferred, drain, rejectionOf, untilAborted } from "./helpers.js";

describe("spawn", () => {
  it("calls the function at once, synchronously, with the task's signal", () => {
    const group = new TaskGroup();
    let seen: AbortSignal | undefined;
    const task = group.spawn((signal) => {
      seen = signal;
      return 1;
    });
    expect(seen).toBeInstanceOf(AbortSignal);
    expect(seen).toBe(task.signal);
    expect(seen?.aborted).toBe(false);
  });

  it("never throws what the function throws synchronously", async () => {
    const group = new TaskGroup();
    const boom = new Error("boom");
    let task: ReturnType<typeof group.spawn> | undefined;
    expect(() => {
      task = group.spawn(() => {
        throw boom;
      });
    }).not.toThrow();
    expect(task?.status).toBe("pending");
    const error = await rejectionOf(group.join());
    expect(error).toBeInstanceOf(TaskGroupError);
    expect((error as TaskGroupError).errors).toEqual([boom]);
    expect(task?.reason).toBe(boom);
  });

  it("handles a synchronous throw on a later tick, not during spawn", async () => {
    const group = new TaskGroup();
    const sibling = group.spawn(untilAborted);
    group.spawn(() => {
      throw new Error("sync");
    });
    // Still running right after spawn: the failure is taken on a later microtask.
    expect(sibling.signal.aborted).toBe(false);
    expect(group.getSnapshot().status).toBe("open");
    await drain();
    expect(sibling.signal.aborted).toBe(true);
    await rejectionOf(group.join());
  });

  it("treats a rejected promise as a failure of that task", async () => {
    const group = new TaskGroup();
    const boom = new Error("async");
    const task = group.spawn(async () => {
      await null;
      throw boom;
    });
    const error = (await rejectionOf(group.join())) as TaskGroupError;
    expect(error.errors).toEqual([boom]);
    expect(error.tasks).toEqual([task]);
    expect(task.status).toBe("rejected");
    expect(task.cancelled).toBe(false);
  });

  it("treats a rejected thenable that is not a promise as a failure", async () => {
    const group = new TaskGroup();
    const boom = new Error("thenable");
    const thenable: PromiseLike<never> = {
      // biome-ignore lint/suspicious/noThenProperty: a hand-made thenable is the point
      then: (_, onRejected) => {
        queueMicrotask(() => onRejected?.(boom));
        return thenable as never;
      },
    };
    group.spawn(() => thenable);
    const error = (await rejectionOf(group.join())) as TaskGroupError;
    expect(error.errors).toEqual([boom]);
  });

  it("fulfils with a synchronous return value on a later tick", async () => {
    const group = new TaskGroup();
    const task = group.spawn(() => 42);
    expect(task.status).toBe("pending");
    expect(group.getSnapshot().running).toBe(1);
    await drain();
    expect(task.status).toBe("fulfilled");
    expect(task.value).toBe(42);
    await group.join();
  });

  it("fulfils with the value of a returned promise", async () => {
    const group = new TaskGroup();
    const gate = deferred<string>();
    const task = group.spawn(() => gate.promise);
    gate.resolve("done");
    expect(await task).toBe("done");
    await group.join();
  });

  it("names a task after its option, else its function, else its position", () => {
    const group = new TaskGroup();
    function loadUser() {
      return 1;
    }
    expect(group.spawn(() => 1, { name: "given" }).name).toBe("given");
    expect(group.spawn(loadUser).name).toBe("loadUser");
    expect(group.spawn(((s: AbortSignal) => s) as never).name).toMatch(/^task-\d+$/);
  });

  it("gives every task its own signal", async () => {
    const group = new TaskGroup();
    const a = group.spawn(untilAborted);
    const b = group.spawn(untilAborted);
    expect(a.signal).not.toBe(b.signal);
    expect(a.signal).not.toBe(group.signal);
    a.cancel();
    await drain();
    expect(a.cancelled).toBe(true);
    expect(b.signal.aborted).toBe(false);
    b.cancel();
    await group.join();
  });

  it("lets a task spawn a sibling synchronously from inside its function", async () => {
    const group = new TaskGroup();
    const order: string[] = [];
    group.spawn(() => {
      order.push("outer start");
      group.spawn(() => {
        order.push("inner");
      });
      order.push("outer end");
    });
    expect(order).toEqual(["outer start", "inner", "outer end"]);
    await group.join();
    expect(group.getSnapshot().settled).toBe(2);
  });

  it("records a failure from a function that throws a non-Error value", async () => {
    const group = new TaskGroup();
    group.spawn(() => {
      throw "a string";
    });
    const error = (await rejectionOf(group.join())) as TaskGroupError;
    expect(error.errors).toEqual(["a string"]);
  });

  it("reports a failed task once even when the body rethrows it by awaiting it", async () => {
    const boom = new Error("boom");
    const run = TaskGroup.run(async (group) => {
      const task = group.spawn(async () => {
        throw boom;
      });
      return await task;
    });
    const error = (await rejectionOf(run)) as TaskGroupError;
    expect(error.errors).toEqual([boom]);
  });

  it("reports a failed task once when a sibling rethrows it by awaiting it", async () => {
    const group = new TaskGroup();
    const boom = new Error("boom");
    const gate = deferred();
    const failing = group.spawn(async () => {
      await gate.promise;
      throw boom;
    });
    const waiter = group.spawn(async () => await failing);
    gate.resolve();
    const error = (await rejectionOf(group.join())) as TaskGroupError;
    expect(error.errors).toEqual([boom]);
    expect(error.tasks).toEqual([failing]);
    expect(waiter.status).toBe("rejected");
  });
});
