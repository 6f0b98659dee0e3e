import {
  CancelledError,
  createAction,
  InvalidStateError,
  TaskGroup,
  TaskGroupError,
  TimeoutError,
} from "react-taskgroup/core";
import { describe, expect, it, vi } from "vitest";
import { type Deferred, deferred, drain, rejectionOf, track, untilAborted } from "./helpers.js";

/** A body that waits on the gate of its argument, or until its scope is cancelled. */
const gatedBody = async (scope: TaskGroup, gate: Deferred<string>) =>
  Promise.race([gate.promise, untilAborted(scope.signal)]);

describe("a run is a child scope", () => {
  it("calls body(scope, ...args) at once, in a scope whose signal follows the group", async () => {
    const group = new TaskGroup();
    const seen: unknown[] = [];
    const action = createAction(group, (scope, a: number, b: string) => {
      seen.push(scope instanceof TaskGroup, scope !== group, a, b);
      return `${a}${b}`;
    });
    const run = action.run(1, "x");
    expect(seen).toEqual([true, true, 1, "x"]);
    expect(run.args).toEqual([1, "x"]);
    expect(run.attempts).toBe(1);
    expect(await run).toBe("1x");
    expect(run).toMatchObject({ status: "fulfilled", value: "1x", dropped: false });
    expect(action.getSnapshot()).toMatchObject({ lastSucceeded: run, value: "1x", last: run });
  });

  it("fails with its scope's TaskGroupError, the body's throw last, and never fails the group", async () => {
    const group = new TaskGroup();
    const taskError = new Error("task");
    const bodyError = new Error("body");
    const sibling = deferred<void>();
    let siblingSignal: AbortSignal | undefined;
    const action = createAction(group, async (scope) => {
      scope.spawn((signal) => {
        siblingSignal = signal;
        return Promise.race([sibling.promise, untilAborted(signal)]);
      });
      scope.spawn(() => Promise.reject(taskError));
      await untilAborted(scope.signal).catch(() => undefined);
      throw bodyError;
    });
    const run = action.run();
    const reason = await rejectionOf(run);
    expect(reason).toBeInstanceOf(TaskGroupError);
    expect((reason as TaskGroupError).errors).toEqual([taskError, bodyError]);
    expect(siblingSignal?.aborted).toBe(true); // fail-fast inside the run
    expect(action.getSnapshot()).toMatchObject({ lastFailed: run, error: reason });
    expect(group.getSnapshot().status).toBe("open");
    await group.join();
    expect(group.getSnapshot().status).toBe("closed");
  });

  it("leaves no unhandled rejection when nobody awaits a failed run", async () => {
    const group = new TaskGroup();
    const action = createAction(group, () => {
      throw new Error("nobody listens");
    });
    const run = action.run();
    await group.join();
    expect(run.status).toBe("rejected");
    expect(action.getSnapshot().error).toBe(run.reason);
  });

  it("makes group.join() wait for running and waiting runs", async () => {
    const group = new TaskGroup();
    const action = createAction(group, gatedBody, { policy: "enqueue" });
    const first = deferred<string>();
    const second = deferred<string>();
    const a = action.run(first);
    const b = action.run(second);
    const joined = track(group.join());
    first.resolve("a");
    await drain();
    expect(a.status).toBe("fulfilled");
    expect(b.attempts).toBe(1);
    expect(joined.state.status).toBe("pending");
    second.resolve("b");
    await drain();
    expect(joined.state.status).toBe("fulfilled");
    expect(b.value).toBe("b");
  });

  it("cancels every run when the group stops, and refuses new runs", async () => {
    const group = new TaskGroup();
    const action = createAction(group, gatedBody, { policy: "enqueue" });
    const running = action.run(deferred());
    const waiting = action.run(deferred());
    group.cancel("leaving");
    expect(waiting).toMatchObject({
      status: "rejected",
      cancelled: true,
      dropped: false,
      attempts: 0,
    });
    expect(action.getSnapshot()).toMatchObject({ running: 0, queued: 0 });
    expect(() => action.run(deferred())).toThrow(InvalidStateError);
    expect(await rejectionOf(running)).toBeInstanceOf(CancelledError);
    expect(running.cancelled).toBe(true);
    await rejectionOf(group.join());
  });

  it("refuses runs once the group has closed", async () => {
    const group = new TaskGroup();
    const action = createAction(group, () => 1);
    await group.join();
    expect(() => action.run()).toThrow(InvalidStateError);
  });

  it("aborts the body's signal when its run is cancelled, and stays pending until the body settles", async () => {
    const group = new TaskGroup();
    const cleanup = deferred();
    let signal: AbortSignal | undefined;
    const action = createAction(group, async (scope) => {
      signal = scope.signal;
      await untilAborted(scope.signal).catch(() => undefined);
      await cleanup.promise;
      return "ignored the abort";
    });
    const run = action.run();
    run.cancel("stop");
    expect(signal?.aborted).toBe(true);
    expect(run.signal.aborted).toBe(true);
    await drain();
    expect(run.status).toBe("pending");
    expect(action.getSnapshot().running).toBe(0);
    cleanup.resolve();
    expect(await rejectionOf(run)).toBeInstanceOf(CancelledError);
    expect(run.cancelled).toBe(true);
    expect(action.getSnapshot()).toMatchObject({
      last: run,
      lastSucceeded: undefined,
      lastFailed: undefined,
    });
  });
});

describe("policies", () => {
  it("enqueue: runs one at a time in the order asked", async () => {
    const group = new TaskGroup();
    const order: number[] = [];
    const gates = [deferred<string>(), deferred<string>(), deferred<string>()];
    const action = createAction(
      group,
      async (scope, i: number) => {
        order.push(i);
        return gatedBody(scope, gates[i] as Deferred<string>);
      },
      { policy: "enqueue" },
    );
    const runs = [action.run(0), action.run(1), action.run(2)];
    expect(action.getSnapshot()).toMatchObject({ running: 1, queued: 2, runs: 3, last: runs[2] });
    gates[2]?.resolve("c");
    gates[1]?.resolve("b");
    gates[0]?.resolve("a");
    await group.join();
    expect(order).toEqual([0, 1, 2]);
    expect(runs.map((run) => run.value)).toEqual(["a", "b", "c"]);
  });

  it("drop: refuses a run at once while the limit is reached; its body never runs", () => {
    const group = new TaskGroup();
    const body = vi.fn(gatedBody);
    const action = createAction(group, body, { policy: "drop" });
    const first = action.run(deferred());
    const second = action.run(deferred());
    expect(body).toHaveBeenCalledTimes(1);
    expect(second).toMatchObject({ status: "rejected", cancelled: true, dropped: true });
    expect(second.reason).toBeInstanceOf(CancelledError);
    expect(action.getSnapshot()).toMatchObject({ runs: 2, running: 1, last: first });
    action.cancel();
  });

  it("restart: cancels the oldest run and starts the new one at once; the old one unwinds", async () => {
    const group = new TaskGroup();
    const cleanup = deferred();
    const started: number[] = [];
    const action = createAction(
      group,
      async (scope, i: number) => {
        started.push(i);
        await untilAborted(scope.signal).catch(() => undefined);
        await cleanup.promise;
        throw scope.signal.reason;
      },
      { policy: "restart" },
    );
    const a = action.run(1);
    const b = action.run(2);
    expect(started).toEqual([1, 2]);
    expect(a.signal.aborted).toBe(true);
    expect(action.getSnapshot()).toMatchObject({ running: 1, last: b });
    const joined = track(group.join());
    await drain();
    expect(a.status).toBe("pending");
    expect(joined.state.status).toBe("pending");
    b.cancel();
    cleanup.resolve();
    await drain();
    expect(a).toMatchObject({ status: "rejected", cancelled: true, dropped: false });
    expect(joined.state.status).toBe("fulfilled");
  });

  it("keepLatest: keeps at most one waiting run, dropping older waiting ones", async () => {
    const group = new TaskGroup();
    const gate = deferred<string>();
    const body = vi.fn(async (scope: TaskGroup, label: string) => {
      if (label === "running") await gatedBody(scope, gate);
      return label;
    });
    const action = createAction(group, body, { policy: "keepLatest" });
    const running = action.run("running");
    const w1 = action.run("w1");
    const w2 = action.run("w2");
    const w3 = action.run("w3");
    expect(w1).toMatchObject({ status: "rejected", dropped: true });
    expect(w2).toMatchObject({ status: "rejected", dropped: true });
    expect(w3.status).toBe("pending");
    expect(action.getSnapshot()).toMatchObject({ running: 1, queued: 1, runs: 4, last: w3 });
    gate.resolve("done");
    expect(await w3).toBe("w3");
    expect(running.value).toBe("running");
    expect(body.mock.calls.map((call) => call[1])).toEqual(["running", "w3"]);
  });

  it("lets limit runs at once, and no limit without a policy", () => {
    const group = new TaskGroup();
    const unlimited = createAction(group, gatedBody);
    const limited = createAction(group, gatedBody, { limit: 2 });
    const infinite = createAction(group, gatedBody, {
      policy: "enqueue",
      limit: Number.POSITIVE_INFINITY,
    });
    const byPolicy = createAction(group, gatedBody, { policy: "enqueue" });
    for (let i = 0; i < 5; i++) {
      unlimited.run(deferred());
      limited.run(deferred());
      infinite.run(deferred());
      byPolicy.run(deferred());
    }
    expect(unlimited.getSnapshot()).toMatchObject({ running: 5, queued: 0 });
    expect(limited.getSnapshot()).toMatchObject({ running: 2, queued: 3 });
    expect(infinite.getSnapshot()).toMatchObject({ running: 5, queued: 0 });
    expect(byPolicy.getSnapshot()).toMatchObject({ running: 1, queued: 4 });
    group.cancel();
  });
});

describe("cancel", () => {
  it("run.cancel() on a waiting run cancels it (not dropped) and never calls its body", async () => {
    const group = new TaskGroup();
    const body = vi.fn(gatedBody);
    const action = createAction(group, body, { policy: "enqueue" });
    const gate = deferred<string>();
    action.run(gate);
    const waiting = action.run(deferred());
    waiting.cancel("no");
    expect(waiting).toMatchObject({ status: "rejected", cancelled: true, dropped: false });
    expect((waiting.reason as CancelledError).cause).toBe("no");
    expect(action.getSnapshot()).toMatchObject({ queued: 0, last: waiting });
    gate.resolve("ok");
    await group.join();
    expect(body).toHaveBeenCalledTimes(1);
  });

  it("action.cancel() cancels every run, and the action stays usable", async () => {
    const group = new TaskGroup();
    const action = createAction(group, gatedBody, { policy: "enqueue", limit: 2 });
    const runs = [action.run(deferred()), action.run(deferred()), action.run(deferred())];
    action.cancel("reset");
    expect(action.getSnapshot()).toMatchObject({ running: 0, queued: 0 });
    await drain();
    expect(runs.every((run) => run.cancelled)).toBe(true);
    const gate = deferred<string>();
    const next = action.run(gate);
    gate.resolve("again");
    expect(await next).toBe("again");
  });
});

describe("outcomes in request order", () => {
  it("keeps the newest lastSucceeded when an older run settles late", async () => {
    const group = new TaskGroup();
    const action = createAction(group, gatedBody);
    const old = deferred<string>();
    const young = deferred<string>();
    action.run(old);
    const newer = action.run(young);
    young.resolve("new");
    await drain();
    old.resolve("old");
    await group.join();
    expect(action.getSnapshot()).toMatchObject({ lastSucceeded: newer, value: "new" });
  });

  it("keeps the newest lastFailed when an older failure settles late", async () => {
    const group = new TaskGroup();
    const action = createAction(group, gatedBody);
    const old = deferred<string>();
    const young = deferred<string>();
    action.run(old);
    const newer = action.run(young);
    young.reject(new Error("new"));
    await drain();
    old.reject(new Error("old"));
    await group.join();
    expect(action.getSnapshot().lastFailed).toBe(newer);
  });

  it("shows lastFailed's error until a run asked for after it succeeds", async () => {
    const group = new TaskGroup();
    const action = createAction(group, gatedBody);
    const fail = deferred<string>();
    const older = deferred<string>();
    action.run(older);
    const failed = action.run(fail);
    fail.reject(new Error("boom"));
    await drain();
    expect(action.getSnapshot().error).toBe(failed.reason);
    older.resolve("older");
    await drain();
    expect(action.getSnapshot()).toMatchObject({ value: "older", error: failed.reason });
    const later = deferred<string>();
    action.run(later);
    later.resolve("later");
    await group.join();
    expect(action.getSnapshot()).toMatchObject({
      value: "later",
      error: undefined,
      lastFailed: failed,
    });
  });
});

describe("timeout", () => {
  it("fails a run whose attempt times out with that TimeoutError", async () => {
    vi.useFakeTimers();
    const group = new TaskGroup();
    const action = createAction(group, (scope) => untilAborted(scope.signal), { timeout: 50 });
    const run = action.run();
    await vi.advanceTimersByTimeAsync(49);
    expect(run.status).toBe("pending");
    await vi.advanceTimersByTimeAsync(1);
    expect(run.reason).toBeInstanceOf(TimeoutError);
    expect(run.cancelled).toBe(false);
    expect(action.getSnapshot()).toMatchObject({ lastFailed: run, error: run.reason });
    await group.join();
  });
});

describe("snapshot and subscribe", () => {
  it("is frozen and the same object until something changes", async () => {
    const group = new TaskGroup();
    const action = createAction(group, gatedBody);
    const empty = action.getSnapshot();
    expect(empty).toEqual({
      running: 0,
      queued: 0,
      runs: 0,
      last: undefined,
      lastSucceeded: undefined,
      lastFailed: undefined,
      value: undefined,
      error: undefined,
    });
    expect(Object.isFrozen(empty)).toBe(true);
    expect(action.getSnapshot()).toBe(empty);
    const gate = deferred<string>();
    action.run(gate);
    const busy = action.getSnapshot();
    expect(busy).not.toBe(empty);
    expect(action.getSnapshot()).toBe(busy);
    gate.resolve("x");
    await group.join();
    expect(action.getSnapshot()).toMatchObject({ running: 0, value: "x" });
  });

  it("tells subscribers of changes and stops after unsubscribe", async () => {
    const group = new TaskGroup();
    const action = createAction(group, gatedBody);
    const listener = vi.fn();
    const unsubscribe = action.subscribe(listener);
    const gate = deferred<string>();
    const run = action.run(gate);
    await drain();
    expect(listener).toHaveBeenCalled();
    unsubscribe();
    listener.mockClear();
    gate.resolve("x");
    await run;
    await drain();
    expect(listener).not.toHaveBeenCalled();
  });
});

describe("bad input", () => {
  const group = new TaskGroup();
  it.each([
    [
      { policy: "switch" },
      TypeError,
      /createAction: policy must be one of "enqueue", "drop", "restart", "keepLatest"/,
    ],
    [{ limit: 0 }, RangeError, /createAction: limit must be a positive integer/],
    [{ limit: 1.5 }, RangeError, /limit/],
    [{ timeout: -1 }, RangeError, /createAction: timeout/],
    [{ timeout: Number.NaN }, RangeError, /timeout/],
    [{ name: 3 }, TypeError, /createAction: name/],
    [{ retry: -1 }, RangeError, /createAction: retry/],
    [{ retry: 1.5 }, RangeError, /retry/],
    [{ retry: "3" }, TypeError, /retry/],
    [{ retry: { retries: -2 } }, RangeError, /retry\.retries/],
    [{ retry: { retries: 2, delay: -1 } }, RangeError, /retry\.delay/],
    [{ retry: { retries: 2, delay: Number.NaN } }, RangeError, /retry\.delay/],
    [{ retry: { retries: 2, delay: "1s" } }, TypeError, /retry\.delay/],
    [{ retry: { retries: 2, when: true } }, TypeError, /retry\.when/],
    [5, TypeError, /options/],
  ])("rejects %o", (options, kind, message) => {
    const make = () => createAction(group, () => 1, options as never);
    expect(make).toThrow(kind);
    expect(make).toThrow(message);
  });

  it("rejects a body that is not a function and a group that is not a TaskGroup", () => {
    expect(() => createAction(group, 1 as never)).toThrow(/createAction: body must be a function/);
    expect(() => createAction({} as never, () => 1)).toThrow(
      /createAction: group must be a TaskGroup/,
    );
  });
});
