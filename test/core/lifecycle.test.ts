import { CancelledError, InvalidStateError, TaskGroup, TaskGroupError } from "react-taskgroup/core";
import { describe, expect, it } from "vitest";
import { deferred, drain, rejectionOf, track, untilAborted } from "./helpers.js";

describe("join", () => {
  it("waits for tasks a running task spawns while join waits", async () => {
    const group = new TaskGroup();
    const first = deferred();
    const second = deferred();
    let late: ReturnType<typeof group.spawn<string>> | undefined;
    group.spawn(async () => {
      await first.promise;
      late = group.spawn(async () => {
        await second.promise;
        return "late";
      });
    });
    const join = track(group.join());
    first.resolve();
    await drain();
    expect(late?.status).toBe("pending");
    expect(join.state.status).toBe("pending");
    second.resolve();
    await drain();
    expect(join.state.status).toBe("fulfilled");
    expect(late?.value).toBe("late");
    expect(group.getSnapshot().status).toBe("closed");
  });

  it("resolves at once for a group with no tasks, and closes it", async () => {
    const group = new TaskGroup();
    await group.join();
    expect(group.getSnapshot().status).toBe("closed");
  });

  it("returns the same promise when called twice", () => {
    const group = new TaskGroup();
    expect(group.join()).toBe(group.join());
  });
});

describe("spawn on a group that no longer accepts tasks", () => {
  const refused = (group: TaskGroup) => {
    let called = false;
    let thrown: unknown;
    try {
      group.spawn(() => {
        called = true;
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidStateError);
    expect(called).toBe(false);
  };

  it("throws InvalidStateError on a closed group and never calls the function", async () => {
    const group = new TaskGroup();
    await group.join();
    refused(group);
  });

  it("throws InvalidStateError on a failed group", async () => {
    const group = new TaskGroup();
    group.spawn(() => Promise.reject(new Error("boom")));
    await drain();
    refused(group);
    await rejectionOf(group.join());
  });

  it("throws InvalidStateError on a cancelled group", async () => {
    const group = new TaskGroup();
    group.cancel();
    refused(group);
    await rejectionOf(group.join());
  });
});

describe("TaskGroup.run", () => {
  it("resolves to the body's value once every task is done", async () => {
    const gate = deferred();
    let taskDone = false;
    const run = track(
      TaskGroup.run((group) => {
        group.spawn(async () => {
          await gate.promise;
          taskDone = true;
        });
        return "value";
      }),
    );
    await drain();
    expect(run.state.status).toBe("pending");
    gate.resolve();
    await drain();
    expect(taskDone).toBe(true);
    expect(run.state).toEqual({ status: "fulfilled", value: "value" });
  });

  it("cancels the tasks when the body throws, and reports the throw", async () => {
    const bodyError = new Error("body");
    let task: { cancelled: boolean } | undefined;
    const error = (await rejectionOf(
      TaskGroup.run(async (group) => {
        task = group.spawn(untilAborted);
        await null;
        throw bodyError;
      }),
    )) as TaskGroupError;
    expect(error.errors).toEqual([bodyError]);
    expect(task?.cancelled).toBe(true);
  });
});

describe("cancel", () => {
  it("aborts every task and the body, and join rejects with the reason as cause", async () => {
    const group = new TaskGroup();
    const tasks = [group.spawn(untilAborted), group.spawn(untilAborted)];
    const reason = { why: "user" };
    group.cancel(reason);
    expect(group.signal.aborted).toBe(true);
    expect(tasks.every((t) => t.signal.aborted)).toBe(true);
    const error = await rejectionOf(group.join());
    expect(error).toBeInstanceOf(CancelledError);
    expect((error as CancelledError).cause).toBe(reason);
    expect(group.getSnapshot().status).toBe("cancelled");
  });

  it("gives one signal whether it is read before or after the cancel, aborted first, with join's reason", async () => {
    const early = new TaskGroup();
    const signal = early.signal;
    const order: string[] = [];
    signal.addEventListener("abort", () => order.push("group"));
    const task = early.spawn(untilAborted);
    task.signal.addEventListener("abort", () => order.push("task"));
    early.cancel("early");
    expect(early.signal).toBe(signal);
    expect(order).toEqual(["group", "task"]);
    expect(await rejectionOf(early.join())).toBe(signal.reason);

    const late = new TaskGroup();
    late.spawn(untilAborted);
    late.cancel("late");
    const first = late.signal;
    expect(first.aborted).toBe(true);
    expect(late.signal).toBe(first);
    const error = await rejectionOf(late.join());
    expect(error).toBe(first.reason);
    expect((error as CancelledError).cause).toBe("late");
  });

  it("is idempotent: the first reason stays", async () => {
    const group = new TaskGroup();
    group.spawn(untilAborted);
    group.cancel("first");
    const signalReason = group.signal.reason;
    group.cancel("second");
    expect(group.signal.reason).toBe(signalReason);
    const error = (await rejectionOf(group.join())) as CancelledError;
    expect(error.cause).toBe("first");
  });

  it("is a no-op once the group has closed", async () => {
    const group = new TaskGroup();
    group.spawn(() => 1);
    await group.join();
    group.cancel("late");
    expect(group.signal.aborted).toBe(false);
    expect(group.getSnapshot().status).toBe("closed");
  });

  it("lets failures win: join rejects with a TaskGroupError", async () => {
    const group = new TaskGroup();
    const cleanup = new Error("cleanup");
    group.spawn(async (signal) => {
      await untilAborted(signal).catch(() => undefined);
      throw cleanup;
    });
    group.cancel();
    const error = (await rejectionOf(group.join())) as TaskGroupError;
    expect(error).toBeInstanceOf(TaskGroupError);
    expect(error.errors).toEqual([cleanup]);
  });

  it("never lets TaskGroup.run resolve as if the work had completed", async () => {
    const error = await rejectionOf(
      TaskGroup.run((group) => {
        group.spawn(async (signal) => {
          await untilAborted(signal).catch(() => undefined);
          return "ignored the abort";
        });
        group.cancel("stop");
        return "body value";
      }),
    );
    expect(error).toBeInstanceOf(CancelledError);
  });

  it("settles a group whose task cancels it before its first await", async () => {
    const group = new TaskGroup();
    const task = group.spawn((signal) => {
      group.cancel("from inside");
      return untilAborted(signal);
    });
    const error = (await rejectionOf(group.join())) as CancelledError;
    expect(error.cause).toBe("from inside");
    expect(task.cancelled).toBe(true);
  });

  it("settles a group whose body cancels it before its first await", async () => {
    let task: { cancelled: boolean } | undefined;
    const error = await rejectionOf(
      TaskGroup.run(async (group) => {
        task = group.spawn(untilAborted);
        group.cancel("from the body");
        await untilAborted(group.signal);
      }),
    );
    expect(error).toBeInstanceOf(CancelledError);
    expect((error as CancelledError).cause).toBe("from the body");
    expect(task?.cancelled).toBe(true);
  });
});

describe("await using", () => {
  it("joins the group at the end of the block", async () => {
    const order: string[] = [];
    const gate = deferred();
    const block = (async () => {
      await using group = new TaskGroup();
      group.spawn(async () => {
        await gate.promise;
        order.push("task");
      });
      order.push("block end");
    })();
    await drain();
    expect(order).toEqual(["block end"]);
    gate.resolve();
    await block;
    expect(order).toEqual(["block end", "task"]);
  });

  it("throws the group's error at the end of the block", async () => {
    const boom = new Error("boom");
    const error = await rejectionOf(
      (async () => {
        await using group = new TaskGroup();
        group.spawn(() => Promise.reject(boom));
      })(),
    );
    expect(error).toBeInstanceOf(TaskGroupError);
    expect((error as TaskGroupError).errors).toEqual([boom]);
  });
});
