import { CancelledError, InvalidStateError, TaskGroup, TaskGroupError } from "react-taskgroup/core";
import { describe, expect, it } from "vitest";
import { deferred, drain, rejectionOf, track, untilAborted } from "./helpers.js";

describe("group.run (child scope)", () => {
  it("resolves to the child body's value once the child's tasks are done", async () => {
    const group = new TaskGroup();
    const value = await group.run(async (child) => {
      const a = child.spawn(async () => 2);
      return (await a) * 21;
    });
    expect(value).toBe(42);
    await group.join();
  });

  it("gives the child its own group and signal, following the parent's", async () => {
    const parent = new TaskGroup();
    const entered = deferred<TaskGroup>();
    const run = track(
      parent.run(async (child) => {
        entered.resolve(child);
        await untilAborted(child.signal);
      }),
    );
    const child = await entered.promise;
    expect(child).not.toBe(parent);
    expect(child.signal.aborted).toBe(false);
    parent.cancel("stop");
    expect(child.signal.aborted).toBe(true);
    await drain();
    expect(run.state.status).toBe("rejected");
    if (run.state.status === "rejected") expect(run.state.reason).toBeInstanceOf(CancelledError);
    await rejectionOf(parent.join());
  });

  it("cancels the child's tasks when the parent fails", async () => {
    const parent = new TaskGroup();
    let childTask: { cancelled: boolean } | undefined;
    const run = rejectionOf(
      parent.run((child) => {
        childTask = child.spawn(untilAborted);
      }),
    );
    parent.spawn(() => Promise.reject(new Error("boom")));
    expect(await rejectionOf(parent.join())).toBeInstanceOf(TaskGroupError);
    expect(await run).toBeInstanceOf(CancelledError);
    expect(childTask?.cancelled).toBe(true);
  });

  it("rejects only its own awaiter: a caught child failure does not fail the parent", async () => {
    const parent = new TaskGroup();
    const sibling = parent.spawn(async () => "sibling");
    const boom = new Error("child task");
    const error = await rejectionOf(
      parent.run((child) => {
        child.spawn(() => Promise.reject(boom));
      }),
    );
    expect(error).toBeInstanceOf(TaskGroupError);
    expect((error as TaskGroupError).errors).toEqual([boom]);
    expect(parent.signal.aborted).toBe(false);
    await parent.join();
    expect(sibling.value).toBe("sibling");
    expect(parent.getSnapshot().status).toBe("closed");
  });

  it("fails the parent when the child's error escapes the parent's body", async () => {
    const boom = new Error("child task");
    const error = (await rejectionOf(
      TaskGroup.run(async (group) => {
        await group.run((child) => {
          child.spawn(() => Promise.reject(boom));
        });
      }),
    )) as TaskGroupError;
    expect(error.errors).toHaveLength(1);
    expect(error.tasks).toEqual([undefined]);
    const nested = error.errors[0] as TaskGroupError;
    expect(nested).toBeInstanceOf(TaskGroupError);
    expect(nested.errors).toEqual([boom]);
  });

  it("fails the parent when the child's error escapes a parent task", async () => {
    const boom = new Error("child task");
    const parent = new TaskGroup();
    const task = parent.spawn(() =>
      parent.run((child) => {
        child.spawn(() => Promise.reject(boom));
      }),
    );
    const error = (await rejectionOf(parent.join())) as TaskGroupError;
    expect(error.tasks).toEqual([task]);
    expect((error.errors[0] as TaskGroupError).errors).toEqual([boom]);
  });

  it("makes the parent's join wait for its child groups", async () => {
    const parent = new TaskGroup();
    const gate = deferred();
    const run = parent.run(async () => {
      await gate.promise;
      return "child";
    });
    const join = track(parent.join());
    await drain();
    expect(join.state.status).toBe("pending");
    gate.resolve();
    expect(await run).toBe("child");
    await drain();
    expect(join.state.status).toBe("fulfilled");
  });

  it("makes the parent's join wait for a child's task that ignores the abort for a while", async () => {
    const parent = new TaskGroup();
    const slow = deferred();
    const run = rejectionOf(
      parent.run((child) => {
        child.spawn(async (signal) => {
          await untilAborted(signal).catch(() => undefined);
          await slow.promise;
        });
      }),
    );
    parent.cancel();
    const join = track(parent.join());
    await drain();
    expect(join.state.status).toBe("pending");
    slow.resolve();
    await run;
    await drain();
    expect(join.state.status).toBe("rejected");
  });

  it("refuses to start a child in a group that no longer accepts tasks", async () => {
    const group = new TaskGroup();
    group.cancel();
    let called = false;
    expect(() =>
      group.run(() => {
        called = true;
      }),
    ).toThrow(InvalidStateError);
    expect(called).toBe(false);
    await rejectionOf(group.join());
  });

  it("makes a parent body that rethrows the child's cancellation a cancellation, not a failure", async () => {
    const error = await rejectionOf(
      TaskGroup.run(async (group) => {
        const child = group.run((c) => untilAborted(c.signal));
        group.cancel("stop");
        await child;
      }),
    );
    expect(error).toBeInstanceOf(CancelledError);
  });

  it("lets a child be cancelled alone through its own cancel()", async () => {
    const parent = new TaskGroup();
    const error = await rejectionOf(
      parent.run(async (child) => {
        child.spawn(untilAborted);
        child.cancel("just the child");
      }),
    );
    expect((error as CancelledError).cause).toBe("just the child");
    expect(parent.signal.aborted).toBe(false);
    await parent.join();
  });
});

describe("a failure seen by a parent and its child scope", () => {
  it("is listed once when a child body rethrows a failure its parent recorded", async () => {
    const boom = new Error("boom");
    const error = (await rejectionOf(
      TaskGroup.run(async (group) => {
        const failing = group.spawn(async () => {
          await null;
          throw boom;
        });
        // The child's body awaits the parent's failing task, and so rethrows its error.
        await group.run(async () => {
          await failing;
        });
      }),
    )) as TaskGroupError;
    expect(error.leaves()).toEqual([boom]);
    expect(error.errors).toEqual([boom]);
  });

  it("keeps a nested group with new failures, and lists a shared failure once in leaves()", async () => {
    const boom = new Error("boom");
    const other = new Error("other");
    const error = (await rejectionOf(
      TaskGroup.run(async (group) => {
        const failing = group.spawn(async () => {
          await null;
          throw boom;
        });
        await group.run(async (child) => {
          child.spawn(() => Promise.reject(other));
          await failing;
        });
      }),
    )) as TaskGroupError;
    expect(error.leaves()).toEqual([boom, other]);
    expect(error.errors[0]).toBe(boom);
    expect(error.errors[1]).toBeInstanceOf(TaskGroupError);
  });

  it("keeps equal primitives thrown by different tasks", async () => {
    const error = (await rejectionOf(
      TaskGroup.run(
        (group) => {
          group.spawn(() => Promise.reject("same"));
          group.spawn(() => Promise.reject("same"));
        },
        { failFast: false },
      ),
    )) as TaskGroupError;
    expect(error.leaves()).toEqual(["same", "same"]);
  });
});
