import { CancelledError, TaskGroup, TaskGroupError } from "react-taskgroup/core";
import { describe, expect, it } from "vitest";
import { deferred, drain, foreignAbortError, rejectionOf, untilAborted } from "./helpers.js";

describe("fail-fast", () => {
  it("cancels siblings and the body's signal when a task fails", async () => {
    const group = new TaskGroup();
    const boom = new Error("boom");
    const sibling = group.spawn(untilAborted);
    const failing = group.spawn(async () => {
      await null;
      throw boom;
    });
    await drain();
    expect(sibling.signal.aborted).toBe(true);
    expect(group.signal.aborted).toBe(true);
    expect(group.getSnapshot().status).toBe("failed");
    const error = await rejectionOf(group.join());
    expect(error).toBeInstanceOf(TaskGroupError);
    expect(sibling.cancelled).toBe(true);
    expect(sibling.reason).toBeInstanceOf(CancelledError);
    expect(failing.cancelled).toBe(false);
    expect((error as TaskGroupError).errors).toEqual([boom]);
  });

  it("says why the group stopped in the cancelled siblings' reason", async () => {
    const group = new TaskGroup();
    const boom = new Error("boom");
    const sibling = group.spawn(untilAborted);
    group.spawn(() => Promise.reject(boom));
    await rejectionOf(group.join());
    expect((sibling.reason as CancelledError).cause).toBe(boom);
    expect((group.signal.reason as CancelledError).cause).toBe(boom);
  });

  it("rejects TaskGroup.run with a TaskGroupError even for one error", async () => {
    const boom = new Error("one");
    const error = await rejectionOf(
      TaskGroup.run((group) => {
        group.spawn(() => Promise.reject(boom));
      }),
    );
    expect(error).toBeInstanceOf(TaskGroupError);
    expect(error).toBeInstanceOf(AggregateError);
    expect((error as TaskGroupError).errors).toEqual([boom]);
  });

  it("lists failures in the order they happened, not the order of spawning", async () => {
    const group = new TaskGroup();
    const [first, second] = [deferred(), deferred()];
    const [e1, e2] = [new Error("first"), new Error("second")];
    const late = group.spawn(async (signal) => {
      try {
        await untilAborted(signal);
      } finally {
        await second.promise;
        // biome-ignore lint/correctness/noUnsafeFinally: cleanup that throws is the point
        throw e2;
      }
    });
    const early = group.spawn(async () => {
      await first.promise;
      throw e1;
    });
    first.resolve();
    await drain();
    second.resolve();
    const error = (await rejectionOf(group.join())) as TaskGroupError;
    expect(error.errors).toEqual([e1, e2]);
    expect(error.tasks).toEqual([early, late]);
  });

  it("puts the body's throw last, even when a task fails after it", async () => {
    const gate = deferred();
    const [taskError, bodyError] = [new Error("task"), new Error("body")];
    let task: unknown;
    const error = (await rejectionOf(
      TaskGroup.run(async (group) => {
        task = group.spawn(async (signal) => {
          try {
            await untilAborted(signal);
          } catch {
            await gate.promise;
            throw taskError;
          }
        });
        queueMicrotask(() => gate.resolve());
        throw bodyError;
      }),
    )) as TaskGroupError;
    expect(error.errors).toEqual([taskError, bodyError]);
    expect(error.tasks).toEqual([task, undefined]);
  });

  it("never lists a cancellation among the errors", async () => {
    const group = new TaskGroup();
    const boom = new Error("boom");
    group.spawn(untilAborted);
    group.spawn(async (signal) => {
      await untilAborted(signal).catch(() => {
        throw foreignAbortError();
      });
    });
    group.spawn(() => Promise.reject(boom));
    const error = (await rejectionOf(group.join())) as TaskGroupError;
    expect(error.errors).toEqual([boom]);
  });

  it("keeps a nested group's error as one member, never flattened", async () => {
    const inner = new Error("inner");
    const error = (await rejectionOf(
      TaskGroup.run((group) => {
        group.spawn(() =>
          TaskGroup.run((child) => {
            child.spawn(() => Promise.reject(inner));
          }),
        );
      }),
    )) as TaskGroupError;
    expect(error.errors).toHaveLength(1);
    const nested = error.errors[0] as TaskGroupError;
    expect(nested).toBeInstanceOf(TaskGroupError);
    expect(nested.errors).toEqual([inner]);
    expect(error.leaves()).toEqual([inner]);
  });

  it("keeps two failures that happen in the same tick", async () => {
    const group = new TaskGroup();
    const [e1, e2] = [new Error("1"), new Error("2")];
    group.spawn(() => {
      throw e1;
    });
    group.spawn(() => {
      throw e2;
    });
    const error = (await rejectionOf(group.join())) as TaskGroupError;
    expect(error.errors).toEqual([e1, e2]);
  });

  it("keeps an AbortError thrown before cancellation even when a sibling fails first", async () => {
    const group = new TaskGroup();
    const boom = new Error("boom");
    const abort = foreignAbortError();
    group.spawn(() => {
      throw boom;
    });
    group.spawn(() => {
      throw abort;
    });
    const error = (await rejectionOf(group.join())) as TaskGroupError;
    expect(error.errors).toEqual([boom, abort]);
  });
});

describe("failFast: false", () => {
  it("cancels nobody when a task fails", async () => {
    const group = new TaskGroup({ failFast: false });
    const gate = deferred<number>();
    const other = group.spawn(() => gate.promise);
    group.spawn(() => Promise.reject(new Error("boom")));
    await drain();
    expect(other.signal.aborted).toBe(false);
    expect(group.signal.aborted).toBe(false);
    gate.resolve(7);
    await rejectionOf(group.join());
    expect(other.value).toBe(7);
  });

  it("stays open to new tasks after a failure", async () => {
    const group = new TaskGroup({ failFast: false });
    group.spawn(() => Promise.reject(new Error("first")));
    await drain();
    expect(group.getSnapshot().status).toBe("open");
    expect(group.getSnapshot().error?.errors).toHaveLength(1);
    const later = group.spawn(() => "later");
    await rejectionOf(group.join());
    expect(later.value).toBe("later");
  });

  it("rejects join at the end with every failure, in order", async () => {
    const group = new TaskGroup({ failFast: false });
    const gates = [deferred(), deferred(), deferred()];
    const errors = gates.map((_, i) => new Error(`e${i}`));
    gates.forEach((gate, i) => {
      group.spawn(async () => {
        await gate.promise;
        throw errors[i];
      });
    });
    const join = rejectionOf(group.join());
    for (const i of [2, 0, 1]) {
      gates[i]?.resolve();
      await drain();
    }
    const error = (await join) as TaskGroupError;
    expect(error.errors).toEqual([errors[2], errors[0], errors[1]]);
    expect(group.getSnapshot().status).toBe("failed");
  });

  it("still cancels the tasks when the body throws", async () => {
    let task: { signal: AbortSignal; cancelled: boolean } | undefined;
    const bodyError = new Error("body");
    const error = (await rejectionOf(
      TaskGroup.run(
        (group) => {
          task = group.spawn(untilAborted);
          throw bodyError;
        },
        { failFast: false },
      ),
    )) as TaskGroupError;
    expect(task?.signal.aborted).toBe(true);
    expect(task?.cancelled).toBe(true);
    expect(error.errors).toEqual([bodyError]);
  });
});
