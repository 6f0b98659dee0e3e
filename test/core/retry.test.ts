import {
  backoff,
  CancelledError,
  createAction,
  observeTasks,
  sleep,
  type TaskEvent,
  TaskGroup,
  TaskGroupError,
  TimeoutError,
} from "react-taskgroup/core";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { rejectionOf, track, untilAborted } from "./helpers.js";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A function that fails its first `failures` calls, then returns "ok". */
function flaky(failures: number) {
  const errors: Error[] = [];
  const fn = vi.fn(async () => {
    if (errors.length < failures) {
      const error = new Error(`attempt ${errors.length + 1}`);
      errors.push(error);
      throw error;
    }
    return "ok";
  });
  return { fn, errors };
}

describe("spawn with retry", () => {
  it("retries a failure after the delay and fulfils the same task", async () => {
    const group = new TaskGroup();
    const { fn } = flaky(2);
    const task = group.spawn(fn, { retry: { retries: 2, delay: 100 } });
    await vi.advanceTimersByTimeAsync(0);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(task.status).toBe("pending");
    await vi.advanceTimersByTimeAsync(99);
    expect(fn).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fn).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(100);
    expect(fn).toHaveBeenCalledTimes(3);
    expect(task.value).toBe("ok");
    await group.join();
  });

  it("fails with the last attempt's error once retries are spent; fail-fast waits until then", async () => {
    const group = new TaskGroup();
    const { fn, errors } = flaky(5);
    let siblingSignal: AbortSignal | undefined;
    group.spawn((signal) => {
      siblingSignal = signal;
      return untilAborted(signal);
    });
    const task = group.spawn(fn, { retry: { retries: 2, delay: 10 } });
    await vi.advanceTimersByTimeAsync(10);
    expect(siblingSignal?.aborted).toBe(false);
    expect(group.getSnapshot()).toMatchObject({ status: "open", running: 2 });
    await vi.advanceTimersByTimeAsync(10);
    expect(fn).toHaveBeenCalledTimes(3);
    expect(task.reason).toBe(errors[2]);
    expect(siblingSignal?.aborted).toBe(true);
    const error = (await rejectionOf(group.join())) as TaskGroupError;
    expect(error.errors).toEqual([errors[2]]);
  });

  it("takes a number as the count of retries", async () => {
    const group = new TaskGroup();
    const { fn } = flaky(3);
    vi.spyOn(Math, "random").mockReturnValue(1);
    const task = group.spawn(fn, { retry: 3 });
    // The default delay is backoff(): 1 s, 2 s, 4 s.
    await vi.advanceTimersByTimeAsync(999);
    expect(fn).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1 + 2000 + 4000);
    expect(fn).toHaveBeenCalledTimes(4);
    expect(task.value).toBe("ok");
  });

  it("asks `when` with the error and the retry number, only while retries remain", async () => {
    const group = new TaskGroup({ failFast: false });
    const { fn, errors } = flaky(5);
    const when = vi.fn((_error: unknown, retry: number) => retry < 2);
    const delay = vi.fn(() => 0);
    const task = group.spawn(fn, { retry: { retries: 3, delay, when } });
    await vi.runAllTimersAsync();
    expect(when.mock.calls).toEqual([
      [errors[0], 1],
      [errors[1], 2],
    ]);
    expect(delay.mock.calls).toEqual([[1, errors[0]]]);
    expect(task.reason).toBe(errors[1]);
    await rejectionOf(group.join());

    const spent = vi.fn(() => true);
    const second = new TaskGroup({ failFast: false });
    second.spawn(flaky(5).fn, { retry: { retries: 1, delay: 0, when: spent } });
    await vi.runAllTimersAsync();
    expect(spent).toHaveBeenCalledTimes(1);
    await rejectionOf(second.join());
  });

  it("keeps the task's slot under limit while it waits to retry", async () => {
    const group = new TaskGroup({ limit: 1 });
    const { fn } = flaky(1);
    const next = vi.fn(() => "next");
    group.spawn(fn, { retry: { retries: 1, delay: 50 } });
    group.spawn(next);
    await vi.advanceTimersByTimeAsync(25);
    expect(next).not.toHaveBeenCalled();
    expect(group.getSnapshot()).toMatchObject({ running: 1, queued: 1 });
    await vi.advanceTimersByTimeAsync(25);
    expect(next).toHaveBeenCalled();
    await group.join();
  });

  it("never retries a cancellation", async () => {
    const group = new TaskGroup();
    const fn = vi.fn(untilAborted);
    const task = group.spawn(fn, { retry: { retries: 3, delay: 0 } });
    task.cancel("stop");
    await vi.runAllTimersAsync();
    expect(fn).toHaveBeenCalledTimes(1);
    expect(task.cancelled).toBe(true);
    await group.join();
  });

  it("starts no attempt once the signal has aborted: what the attempt throws settles it", async () => {
    const group = new TaskGroup({ failFast: false });
    const cleanup = new Error("cleanup failed");
    const fn = vi.fn(async (signal: AbortSignal) => {
      await untilAborted(signal).catch(() => undefined);
      throw cleanup;
    });
    const task = group.spawn(fn, { retry: { retries: 3, delay: 0 } });
    task.cancel();
    await vi.runAllTimersAsync();
    expect(fn).toHaveBeenCalledTimes(1);
    expect(task.reason).toBe(cleanup);
    await rejectionOf(group.join());
  });

  it("settles cancelled at once when aborted during the wait", async () => {
    const group = new TaskGroup();
    const { fn } = flaky(5);
    const task = group.spawn(fn, { retry: { retries: 3, delay: 1000 } });
    await vi.advanceTimersByTimeAsync(10);
    expect(task.status).toBe("pending");
    group.cancel("leaving");
    expect(task).toMatchObject({ status: "rejected", cancelled: true });
    expect(vi.getTimerCount()).toBe(0);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(await rejectionOf(group.join())).toBeInstanceOf(CancelledError);
  });

  it("retries an attempt whose timeout fires, on a fresh signal; the task's stays live", async () => {
    const group = new TaskGroup();
    const signals: AbortSignal[] = [];
    const fn = vi.fn((signal: AbortSignal) => {
      signals.push(signal);
      return signals.length < 2 ? untilAborted(signal) : "second";
    });
    const task = group.spawn(fn, { timeout: 100, retry: { retries: 1, delay: 0 } });
    await vi.advanceTimersByTimeAsync(100);
    expect(signals[0]?.aborted).toBe(true);
    expect(signals[0]?.reason).toBeInstanceOf(TimeoutError);
    expect(task.signal.aborted).toBe(false);
    // A 0 ms timer set while fake time advances is due 1 ms later (@sinonjs/fake-timers).
    await vi.advanceTimersByTimeAsync(1);
    expect(signals).toHaveLength(2);
    expect(signals[1]).not.toBe(signals[0]);
    expect(task.value).toBe("second");
    await group.join();
  });

  it("follows the task's signal in each attempt", async () => {
    const group = new TaskGroup();
    let attemptSignal: AbortSignal | undefined;
    const task = group.spawn(
      (signal) => {
        attemptSignal = signal;
        return untilAborted(signal);
      },
      { retry: 2 },
    );
    expect(attemptSignal).not.toBe(task.signal);
    task.cancel("stop");
    expect(attemptSignal?.aborted).toBe(true);
    expect(task.signal.aborted).toBe(true);
    await rejectionOf(task);
    expect(task.cancelled).toBe(true);
  });

  it("fails with the TimeoutError when the last attempt times out", async () => {
    const group = new TaskGroup({ failFast: false });
    const task = group.spawn(untilAborted, { timeout: 10, retry: { retries: 1, delay: 5 } });
    await vi.advanceTimersByTimeAsync(25);
    expect(task.reason).toBeInstanceOf(TimeoutError);
    expect(task.cancelled).toBe(false);
    await rejectionOf(group.join());
  });

  it("reports earlier attempts' errors to observeTasks as retry events", async () => {
    const group = new TaskGroup();
    const events: TaskEvent[] = [];
    observeTasks(group, (event) => events.push(event));
    const { fn, errors } = flaky(2);
    const task = group.spawn(fn, { retry: { retries: 2, delay: 0 } });
    await vi.runAllTimersAsync();
    expect(events.map((e) => [e.type, e.error])).toEqual([
      ["spawn", undefined],
      ["start", undefined],
      ["retry", errors[0]],
      ["retry", errors[1]],
      ["fulfilled", undefined],
    ]);
    expect(events.every((e) => e.task === task)).toBe(true);
  });

  it("retries a synchronous throw", async () => {
    const group = new TaskGroup();
    let calls = 0;
    const task = group.spawn(
      () => {
        calls++;
        if (calls === 1) throw new Error("sync");
        return calls;
      },
      { retry: { retries: 1, delay: 0 } },
    );
    await vi.runAllTimersAsync();
    expect(task.value).toBe(2);
  });

  it.each([
    [-1, RangeError, /TaskGroup\.spawn: retry must be a whole number/],
    [0.5, RangeError, /retry/],
    ["2", TypeError, /TaskGroup\.spawn: retry/],
    [{ retries: Number.NaN }, RangeError, /retry\.retries/],
    [{}, TypeError, /retry\.retries/],
    [{ retries: 1, delay: -5 }, RangeError, /retry\.delay/],
    [{ retries: 1, when: "yes" }, TypeError, /retry\.when must be a function/],
  ])("refuses retry %o at the call", (retry, kind, message) => {
    const group = new TaskGroup();
    const fn = vi.fn();
    const spawn = () => group.spawn(fn, { retry: retry as never });
    expect(spawn).toThrow(kind);
    expect(spawn).toThrow(message);
    expect(fn).not.toHaveBeenCalled();
  });
});

describe("actions with retry", () => {
  it("runs the body again in a fresh scope, counting attempts", async () => {
    const group = new TaskGroup();
    const scopes: TaskGroup[] = [];
    const action = createAction(
      group,
      async (scope, fail: number) => {
        scopes.push(scope);
        if (scopes.length <= fail) throw new Error(`attempt ${scopes.length}`);
        return scopes.length;
      },
      { retry: { retries: 3, delay: 100 } },
    );
    const run = action.run(2);
    await vi.advanceTimersByTimeAsync(0);
    expect(run.attempts).toBe(1);
    expect(action.getSnapshot().running).toBe(1); // waiting to retry still runs
    await vi.advanceTimersByTimeAsync(200);
    expect(run.attempts).toBe(3);
    expect(run.value).toBe(3);
    expect(new Set(scopes).size).toBe(3);
    await group.join();
  });

  it("gives when and delay the attempt's TaskGroupError, and fails with the last one", async () => {
    const group = new TaskGroup();
    const when = vi.fn((_error: unknown, _retry: number) => true);
    const delay = vi.fn((_retry: number, _error: unknown) => 0);
    const action = createAction(
      group,
      () => {
        throw new Error("always");
      },
      { retry: { retries: 2, delay, when } },
    );
    const run = action.run();
    await vi.runAllTimersAsync();
    expect(run.attempts).toBe(3);
    expect(when).toHaveBeenCalledTimes(2);
    expect(when.mock.calls[0]?.[0]).toBeInstanceOf(TaskGroupError);
    expect(delay.mock.calls[1]?.[0]).toBe(2);
    expect(run.reason).toBeInstanceOf(TaskGroupError);
    expect((run.reason as TaskGroupError).errors.map((e) => (e as Error).message)).toEqual([
      "always",
    ]);
    await group.join();
  });

  it("reports a run's failed attempts to observeTasks(group) as retry events of the run", async () => {
    const group = new TaskGroup();
    const events: TaskEvent[] = [];
    observeTasks(group, (event) => events.push(event));
    let calls = 0;
    const action = createAction(
      group,
      () => {
        calls++;
        if (calls < 3) throw new Error(`attempt ${calls}`);
        return "ok";
      },
      { retry: { retries: 2, delay: 0 } },
    );
    const run = action.run();
    await vi.runAllTimersAsync();
    expect(run.value).toBe("ok");
    const retries = events.filter((event) => event.type === "retry");
    expect(retries).toHaveLength(2);
    expect(retries.every((event) => event.task === run)).toBe(true);
    expect(retries[0]?.error).toBeInstanceOf(TaskGroupError);
  });

  it("retries a timed-out attempt", async () => {
    const group = new TaskGroup();
    const action = createAction(
      group,
      async (scope, _arg: string) => {
        if (action.getSnapshot().last?.attempts === 1) await untilAborted(scope.signal);
        return "second";
      },
      { timeout: 50, retry: { retries: 1, delay: 0 } },
    );
    const run = action.run("x");
    await vi.advanceTimersByTimeAsync(51);
    expect(run.value).toBe("second");
    expect(run.attempts).toBe(2);
  });

  it("settles cancelled at once when cancelled while waiting to retry, and keeps group.join() waiting until then", async () => {
    const group = new TaskGroup();
    const body = vi.fn(() => Promise.reject(new Error("flaky")));
    const action = createAction(group, body, { retry: { retries: 5, delay: 1000 } });
    const run = action.run();
    const joined = track(group.join());
    await vi.advanceTimersByTimeAsync(500);
    expect(joined.state.status).toBe("pending");
    run.cancel();
    expect(run).toMatchObject({ status: "rejected", cancelled: true });
    await vi.advanceTimersByTimeAsync(0);
    expect(joined.state.status).toBe("fulfilled");
    expect(body).toHaveBeenCalledTimes(1);
  });

  it("cancels a run waiting to retry when the group stops", async () => {
    const group = new TaskGroup();
    const action = createAction(group, () => Promise.reject(new Error("flaky")), {
      retry: { retries: 5, delay: 1000 },
    });
    const run = action.run();
    await vi.advanceTimersByTimeAsync(10);
    group.cancel();
    expect(run.cancelled).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    await rejectionOf(group.join());
  });

  it("never retries a cancelled run", async () => {
    const group = new TaskGroup();
    const body = vi.fn((scope: TaskGroup) => untilAborted(scope.signal));
    const action = createAction(group, body, {
      policy: "restart",
      retry: { retries: 3, delay: 0 },
    });
    const first = action.run();
    action.run();
    await vi.runAllTimersAsync();
    expect(first.cancelled).toBe(true);
    expect(first.attempts).toBe(1);
    expect(body).toHaveBeenCalledTimes(2);
    action.cancel();
  });
});

describe("backoff", () => {
  it("doubles from base up to max without jitter", () => {
    const delay = backoff({ base: 100, max: 1000, jitter: false });
    expect([1, 2, 3, 4, 5, 6].map((n) => delay(n))).toEqual([100, 200, 400, 800, 1000, 1000]);
    const defaults = backoff({ jitter: false });
    expect([1, 2, 6, 7].map((n) => defaults(n))).toEqual([1000, 2000, 30000, 30000]);
  });

  it("picks uniformly in [d/2, d] with jitter (the default)", () => {
    const delay = backoff({ base: 100 });
    const random = vi.spyOn(Math, "random");
    random.mockReturnValue(0);
    expect(delay(3)).toBe(200);
    random.mockReturnValue(0.5);
    expect(delay(3)).toBe(300);
    random.mockReturnValue(0.999999);
    expect(delay(3)).toBeCloseTo(400, 3);
  });

  it.each([
    [{ base: -1 }, RangeError, /backoff: base/],
    [{ base: Number.NaN }, RangeError, /backoff: base/],
    [{ max: -1 }, RangeError, /backoff: max/],
    [{ max: "10" }, TypeError, /backoff: max/],
    [{ jitter: "yes" }, TypeError, /backoff: jitter/],
    [7, TypeError, /backoff: options/],
  ])("refuses %o", (options, kind, message) => {
    expect(() => backoff(options as never)).toThrow(kind);
    expect(() => backoff(options as never)).toThrow(message);
  });
});

describe("sleep", () => {
  it("resolves after ms", async () => {
    const slept = track(sleep(100));
    await vi.advanceTimersByTimeAsync(99);
    expect(slept.state.status).toBe("pending");
    await vi.advanceTimersByTimeAsync(1);
    expect(slept.state.status).toBe("fulfilled");
  });

  it("rejects with the signal's reason as soon as it aborts, clearing its timer", async () => {
    const controller = new AbortController();
    const slept = track(sleep(1000, controller.signal));
    expect(vi.getTimerCount()).toBe(1);
    controller.abort("stop");
    await vi.advanceTimersByTimeAsync(0);
    expect(slept.state).toEqual({ status: "rejected", reason: "stop" });
    expect(vi.getTimerCount()).toBe(0);
  });

  it("rejects at once with an already aborted signal", async () => {
    expect(await rejectionOf(sleep(10, AbortSignal.abort("gone")))).toBe("gone");
  });

  it("waits for the abort alone past setTimeout's range", async () => {
    const controller = new AbortController();
    const slept = track(sleep(Number.POSITIVE_INFINITY, controller.signal));
    expect(vi.getTimerCount()).toBe(0);
    controller.abort("done");
    await vi.advanceTimersByTimeAsync(0);
    expect(slept.state.status).toBe("rejected");
  });

  it.each([
    [-1, RangeError],
    [Number.NaN, RangeError],
    ["10", TypeError],
    [undefined, TypeError],
  ])("refuses ms %s", (ms, kind) => {
    expect(() => sleep(ms as never)).toThrow(kind);
    expect(() => sleep(ms as never)).toThrow(/sleep: ms/);
  });

  it("refuses a signal that is not an AbortSignal", () => {
    expect(() => sleep(1, {} as never)).toThrow(/sleep: signal must be an AbortSignal/);
  });

  it("debounces as the body of a restart action", async () => {
    const group = new TaskGroup();
    const searched: string[] = [];
    const search = createAction(
      group,
      async (scope, query: string) => {
        await sleep(300, scope.signal);
        searched.push(query);
        return query;
      },
      { policy: "restart" },
    );
    search.run("r");
    await vi.advanceTimersByTimeAsync(100);
    search.run("re");
    await vi.advanceTimersByTimeAsync(100);
    const last = search.run("rea");
    await vi.advanceTimersByTimeAsync(300);
    expect(searched).toEqual(["rea"]);
    expect(last.value).toBe("rea");
    expect(search.getSnapshot()).toMatchObject({ value: "rea", error: undefined });
  });
});
