import { CancelledError, TaskGroup, TaskGroupError } from "react-taskgroup/core";
import { describe, expect, it } from "vitest";
import { deferred, drain, foreignAbortError, rejectionOf, track, untilAborted } from "./helpers.js";

describe("cooperative cancellation", () => {
  it("settles an aborted task only when its function settles", async () => {
    const group = new TaskGroup();
    const release = deferred();
    const task = group.spawn(async (signal) => {
      await release.promise;
      signal.throwIfAborted();
    });
    const join = track(group.join());
    group.cancel("stop");
    await drain();
    expect(task.signal.aborted).toBe(true);
    expect(task.status).toBe("pending");
    expect(join.state.status).toBe("pending");
    release.resolve();
    await drain();
    expect(task.cancelled).toBe(true);
    expect(join.state.status).toBe("rejected");
  });

  it("cancels a task that throws its signal's reason", async () => {
    const group = new TaskGroup();
    const task = group.spawn(untilAborted);
    group.cancel("why");
    await rejectionOf(group.join());
    expect(task.status).toBe("rejected");
    expect(task.cancelled).toBe(true);
    expect(task.reason).toBeInstanceOf(CancelledError);
    expect((task.reason as CancelledError).cause).toBe("why");
    expect((task.reason as Error).name).toBe("AbortError");
  });

  it("cancels a task that throws any AbortError after its signal aborted", async () => {
    const group = new TaskGroup();
    const task = group.spawn(async (signal) => {
      await untilAborted(signal).catch(() => undefined);
      throw foreignAbortError();
    });
    group.cancel();
    await rejectionOf(group.join());
    expect(task.cancelled).toBe(true);
    expect(task.reason).toBeInstanceOf(CancelledError);
  });

  it("fails a task that throws an AbortError while its signal has not aborted", async () => {
    const group = new TaskGroup();
    const abort = foreignAbortError();
    const task = group.spawn(async () => {
      await null;
      throw abort;
    });
    const error = (await rejectionOf(group.join())) as TaskGroupError;
    expect(error).toBeInstanceOf(TaskGroupError);
    expect(error.errors).toEqual([abort]);
    expect(task.cancelled).toBe(false);
    expect(task.reason).toBe(abort);
  });

  it("fails the body of run() that throws an AbortError while not cancelled", async () => {
    const abort = foreignAbortError();
    const error = (await rejectionOf(
      TaskGroup.run(async () => {
        await null;
        throw abort;
      }),
    )) as TaskGroupError;
    expect(error).toBeInstanceOf(TaskGroupError);
    expect(error.errors).toEqual([abort]);
    expect(error.tasks).toEqual([undefined]);
  });

  it("reports cleanup that throws another error while cancelling", async () => {
    const group = new TaskGroup();
    const cleanup = new Error("cleanup");
    const task = group.spawn(async (signal) => {
      await untilAborted(signal).catch(() => undefined);
      throw cleanup;
    });
    group.cancel();
    const error = (await rejectionOf(group.join())) as TaskGroupError;
    expect(error.errors).toEqual([cleanup]);
    expect(task.cancelled).toBe(false);
    expect(task.reason).toBe(cleanup);
    expect(group.getSnapshot().status).toBe("failed");
  });

  it("fulfils a task that returns a value after its signal aborted", async () => {
    const group = new TaskGroup();
    const task = group.spawn(async (signal) => {
      await untilAborted(signal).catch(() => undefined);
      return "finished anyway";
    });
    group.cancel();
    await rejectionOf(group.join());
    expect(task.status).toBe("fulfilled");
    expect(task.value).toBe("finished anyway");
    expect(task.cancelled).toBe(false);
  });

  it("waits for every task function before join settles", async () => {
    const group = new TaskGroup();
    const slow = deferred();
    group.spawn(async (signal) => {
      await untilAborted(signal).catch(() => undefined);
      await slow.promise;
    });
    group.spawn(untilAborted);
    const join = track(group.join());
    group.cancel();
    for (let i = 0; i < 5; i++) await drain();
    expect(join.state.status).toBe("pending");
    slow.resolve();
    await drain();
    expect(join.state.status).toBe("rejected");
  });

  it("never calls the function of a queued task cancelled before its start", async () => {
    const group = new TaskGroup({ limit: 1 });
    let calls = 0;
    group.spawn(untilAborted);
    const queued = group.spawn(() => {
      calls++;
    });
    group.cancel();
    await rejectionOf(group.join());
    expect(calls).toBe(0);
    expect(queued.cancelled).toBe(true);
    expect(queued.signal.aborted).toBe(true);
  });
});

describe("task.cancel()", () => {
  it("cancels that task alone, and is not a failure of the group", async () => {
    const group = new TaskGroup();
    const target = group.spawn(untilAborted);
    const other = group.spawn(async () => "other");
    target.cancel("enough");
    await group.join();
    expect(target.cancelled).toBe(true);
    expect((target.reason as CancelledError).cause).toBe("enough");
    expect(other.value).toBe("other");
    expect(group.signal.aborted).toBe(false);
    expect(group.getSnapshot().status).toBe("closed");
    expect(group.getSnapshot().error).toBeUndefined();
  });

  it("drops a queued task without calling its function", async () => {
    const group = new TaskGroup({ limit: 1 });
    const gate = deferred();
    group.spawn(() => gate.promise);
    let called = false;
    const queued = group.spawn(() => {
      called = true;
    });
    queued.cancel();
    expect(queued.status).toBe("rejected");
    expect(queued.cancelled).toBe(true);
    expect(group.getSnapshot().queued).toBe(0);
    gate.resolve();
    await group.join();
    expect(called).toBe(false);
  });

  it("does nothing once the task has settled", async () => {
    const group = new TaskGroup();
    const task = group.spawn(() => 1);
    await task;
    task.cancel();
    expect(task.status).toBe("fulfilled");
    expect(task.signal.aborted).toBe(false);
    await group.join();
  });

  it("lets a task cancel a sibling without failing the group", async () => {
    const group = new TaskGroup();
    const victim = group.spawn(untilAborted);
    group.spawn(async () => {
      await null;
      victim.cancel();
    });
    await group.join();
    expect(victim.cancelled).toBe(true);
  });
});

describe("SpawnOptions.signal", () => {
  it("cancels that one task, not the group", async () => {
    const group = new TaskGroup();
    const controller = new AbortController();
    const task = group.spawn(untilAborted, { signal: controller.signal });
    const other = group.spawn(async () => "ok");
    controller.abort("user left");
    await group.join();
    expect(task.cancelled).toBe(true);
    expect((task.reason as CancelledError).cause).toBe("user left");
    expect(other.value).toBe("ok");
  });

  it("drops a queued task when its signal aborts, without calling its function", async () => {
    const group = new TaskGroup({ limit: 1 });
    const gate = deferred();
    group.spawn(() => gate.promise);
    const controller = new AbortController();
    let called = false;
    const queued = group.spawn(
      () => {
        called = true;
      },
      { signal: controller.signal },
    );
    controller.abort("no longer needed");
    expect(queued.cancelled).toBe(true);
    expect(group.getSnapshot().queued).toBe(0);
    gate.resolve();
    await group.join();
    expect(called).toBe(false);
  });

  it("never starts a task whose signal has already aborted", async () => {
    const group = new TaskGroup();
    let called = false;
    const task = group.spawn(
      () => {
        called = true;
      },
      { signal: AbortSignal.abort("already") },
    );
    await group.join();
    expect(called).toBe(false);
    expect(task.cancelled).toBe(true);
  });
});

describe("an AbortError racing a sibling's failure", () => {
  it("fails a task whose AbortError was thrown before a sibling's failure aborted its signal", async () => {
    const group = new TaskGroup();
    const boom = new Error("boom");
    const abort = foreignAbortError();
    const sibling = deferred<never>();
    const racer = deferred<never>();
    group.spawn(() => sibling.promise, { name: "sibling" });
    const task = group.spawn(() => racer.promise, { name: "racer" });
    // Both reject in one synchronous stretch; the sibling's handler runs first and aborts the
    // racer's signal before the racer's rejection (already queued) is delivered.
    sibling.reject(boom);
    racer.reject(abort);
    const error = (await rejectionOf(group.join())) as TaskGroupError;
    expect(task.cancelled).toBe(false);
    expect(task.reason).toBe(abort);
    expect(error.errors).toEqual([boom, abort]);
  });

  it("cancels a task whose AbortError comes from its abort listener, in the same checkpoint", async () => {
    const group = new TaskGroup();
    const boom = new Error("boom");
    const task = group.spawn(
      (signal) =>
        new Promise<never>((_, reject) => {
          signal.addEventListener("abort", () => reject(foreignAbortError()), { once: true });
        }),
    );
    group.spawn(() => Promise.reject(boom));
    const error = (await rejectionOf(group.join())) as TaskGroupError;
    expect(task.cancelled).toBe(true);
    expect(error.errors).toEqual([boom]);
  });
});
