/**
 * Behaviours of CPython's Lib/test/test_asyncio/test_taskgroups.py that carry over to JavaScript,
 * rewritten for this API: `asyncio.sleep` is `sleep(ms, signal)` on fake timers, `create_task` is
 * `spawn`, `async with TaskGroup()` is `TaskGroup.run`, and cancelling the enclosing task is
 * aborting the group's parent signal. Each test names the CPython test it follows.
 */
import { CancelledError, type Task, TaskGroup, TaskGroupError } from "react-taskgroup/core";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MyError, rejectionOf, sleep } from "./helpers.js";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const types = (error: TaskGroupError) =>
  new Set(error.errors.map((e) => (e as object).constructor));
const valueAfter = (ms: number, value: number) => async (signal: AbortSignal) => {
  await sleep(ms, signal);
  return value;
};
const crashAfter = (ms: number, error: () => unknown) => async (signal: AbortSignal) => {
  await sleep(ms, signal);
  throw error();
};

describe("ported from CPython's test_taskgroups.py", () => {
  // test_taskgroup_01, test_taskgroup_02
  it("gives every task's result once the group has exited, spawned before or after an await", async () => {
    let t1: Task<number> | undefined;
    let t2: Task<number> | undefined;
    const run = TaskGroup.run(async (g) => {
      t1 = g.spawn(valueAfter(100, 42));
      await sleep(150);
      t2 = g.spawn(valueAfter(200, 11));
    });
    await vi.advanceTimersByTimeAsync(350);
    await run;
    expect(t1?.result()).toBe(42);
    expect(t2?.result()).toBe(11);
  });

  // test_taskgroup_03
  it("keeps going when one task is cancelled explicitly", async () => {
    let t1: Task<number> | undefined;
    let t2: Task<number> | undefined;
    const run = TaskGroup.run(async (g) => {
      t1 = g.spawn(valueAfter(1000, 42));
      await sleep(150);
      t1.cancel();
      t2 = g.spawn(valueAfter(200, 11));
    });
    await vi.advanceTimersByTimeAsync(400);
    await run;
    expect(t1?.cancelled).toBe(true);
    expect(t2?.result()).toBe(11);
  });

  // test_taskgroup_04, test_cancel_children_on_child_error
  it("cancels the other children and the body when a child fails", async () => {
    let after = 0;
    let siblingCancelled = false;
    let bodyCancelled = false;
    const run = rejectionOf(
      TaskGroup.run(async (g) => {
        for (let i = 0; i < 3; i++) g.spawn(crashAfter(100, () => new RangeError("1 / 0")));
        g.spawn(async (s) => {
          await sleep(5000, s).catch((e) => {
            siblingCancelled = true;
            throw e;
          });
          after++;
        });
        await sleep(10_000, g.signal).catch((e) => {
          bodyCancelled = true;
          throw e;
        });
        after += 10;
      }),
    );
    await vi.advanceTimersByTimeAsync(100);
    const error = (await run) as TaskGroupError;
    expect(types(error)).toEqual(new Set([RangeError]));
    expect(after).toBe(0);
    expect(siblingCancelled && bodyCancelled).toBe(true);
  });

  // test_cancellation, test_taskgroup_07, test_taskgroup_22
  it("cancels every child and the body when cancelled from outside, keeping the reason", async () => {
    const outside = new AbortController();
    let cancelled = 0;
    const count = (n: number) => (error: unknown) => {
      cancelled += n;
      throw error;
    };
    const run = rejectionOf(
      TaskGroup.run(
        async (g) => {
          for (let i = 0; i < 5; i++) {
            g.spawn((s) => sleep(5000, s).catch(count(1)));
          }
          await sleep(10_000, g.signal).catch(count(10));
        },
        { signal: outside.signal },
      ),
    );
    await vi.advanceTimersByTimeAsync(100);
    outside.abort("test");
    const error = (await run) as CancelledError;
    expect(error).toBeInstanceOf(CancelledError);
    expect(error.cause).toBe("test");
    expect(cancelled).toBe(15);
  });

  // test_cancellation_in_body, test_taskgroup_15, test_taskgroup_17
  it("rejects with the cancellation when cancelled before the children crash", async () => {
    const outside = new AbortController();
    const run = rejectionOf(
      TaskGroup.run(
        async (g) => {
          for (let i = 0; i < 5; i++) g.spawn(crashAfter(300, () => new RangeError()));
          await sleep(10_000, g.signal).catch(async (e) => {
            await sleep(500); // the body takes its time leaving; the group waits
            throw e;
          });
        },
        { signal: outside.signal },
      ),
    );
    await vi.advanceTimersByTimeAsync(100);
    outside.abort("test");
    await vi.advanceTimersByTimeAsync(499);
    await vi.advanceTimersByTimeAsync(1);
    const error = await run;
    expect(error).toBeInstanceOf(CancelledError);
    expect((error as CancelledError).cause).toBe("test");
  });

  // test_taskgroup_09, test_taskgroup_10
  it.each([true, false])(
    "cancels the children when the body throws (after an await: %s)",
    async (awaitFirst) => {
      const tasks: Task<number>[] = [];
      const bodyError = new RangeError("1 / 0");
      const run = rejectionOf(
        TaskGroup.run(async (g) => {
          tasks.push(g.spawn(valueAfter(1000, 42)));
          tasks.push(g.spawn(valueAfter(2000, 11)));
          if (awaitFirst) await sleep(100);
          throw bodyError;
        }),
      );
      await vi.advanceTimersByTimeAsync(100);
      const error = (await run) as TaskGroupError;
      expect(error.errors).toEqual([bodyError]);
      expect(tasks.every((t) => t.cancelled)).toBe(true);
    },
  );

  // test_taskgroup_11, test_taskgroup_12
  it("cancels nested groups from outside", async () => {
    const outside = new AbortController();
    const run = rejectionOf(
      TaskGroup.run(
        async (g1) => {
          g1.spawn((s) => sleep(10_000, s));
          await g1.run(async (g2) => {
            for (let i = 0; i < 5; i++) g2.spawn(crashAfter(100, () => new RangeError()));
            await sleep(10_000, g2.signal);
          });
        },
        { signal: outside.signal },
      ),
    );
    await vi.advanceTimersByTimeAsync(50);
    outside.abort();
    expect(await run).toBeInstanceOf(CancelledError);
  });

  // test_taskgroup_13
  it("reports only the outer crash when it cancels a waiting inner group", async () => {
    let innerTask: Task<never> | undefined;
    const run = rejectionOf(
      TaskGroup.run(async (g1) => {
        g1.spawn(crashAfter(100, () => new TypeError("0.1")));
        await g1.run((g2) => {
          innerTask = g2.spawn(crashAfter(10_000, () => new TypeError("10")));
        });
      }),
    );
    await vi.advanceTimersByTimeAsync(100);
    const error = (await run) as TaskGroupError;
    expect(types(error)).toEqual(new Set([TypeError]));
    expect(error.errors).toHaveLength(1);
    expect(innerTask?.cancelled).toBe(true);
  });

  // test_taskgroup_14
  it("nests the inner group's error when the inner crash comes first", async () => {
    const run = rejectionOf(
      TaskGroup.run(async (g1) => {
        g1.spawn(crashAfter(10_000, () => new TypeError("10")));
        await g1.run((g2) => {
          g2.spawn(crashAfter(100, () => new TypeError("0.1")));
        });
      }),
    );
    await vi.advanceTimersByTimeAsync(100);
    const error = (await run) as TaskGroupError;
    expect(types(error)).toEqual(new Set([TaskGroupError]));
    expect(types(error.errors[0] as TaskGroupError)).toEqual(new Set([TypeError]));
  });

  // test_taskgroup_18
  it("reports a body that throws another error while being cancelled", async () => {
    const outside = new AbortController();
    const run = rejectionOf(
      TaskGroup.run(
        async (g) => {
          await sleep(10_000, g.signal).catch(() => {
            throw new MyError();
          });
        },
        { signal: outside.signal },
      ),
    );
    await vi.advanceTimersByTimeAsync(100);
    outside.abort();
    const error = (await run) as TaskGroupError;
    expect(error).toBeInstanceOf(TaskGroupError);
    expect(types(error)).toEqual(new Set([MyError]));
  });

  // test_taskgroup_19, test_taskgroup_21a, test_taskgroup_context_manager_exit_raises
  it("reports both a child's crash and the body's cleanup throw, the body's last", async () => {
    const crash = new RangeError("crash");
    const cleanup = new MyError("cleanup");
    const run = rejectionOf(
      TaskGroup.run(async (g) => {
        g.spawn(crashAfter(100, () => crash));
        try {
          await sleep(10_000, g.signal);
        } finally {
          // biome-ignore lint/correctness/noUnsafeFinally: cleanup that throws is the point
          throw cleanup;
        }
      }),
    );
    await vi.advanceTimersByTimeAsync(100);
    expect(((await run) as TaskGroupError).errors).toEqual([crash, cleanup]);
  });
});
