/**
 * More of CPython's Lib/test/test_asyncio/test_taskgroups.py, on spawning while the group runs
 * and on failures that race each other. See cpython.test.ts for the conventions.
 */
import {
  CancelledError,
  InvalidStateError,
  type Task,
  TaskGroup,
  TaskGroupError,
} from "react-taskgroup/core";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MyError, rejectionOf, sleep } from "./helpers.js";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("ported from CPython's test_taskgroups.py: spawning and racing failures", () => {
  // test_taskgroup_23
  it("lets settled tasks leave the group while it runs", async () => {
    const group = new TaskGroup();
    for (let count = 0; count < 10; count++) {
      await vi.advanceTimersByTimeAsync(100);
      group.spawn((s) => sleep(300, s));
      if (count === 5) expect(group.getSnapshot().running).toBeLessThan(5);
    }
    await vi.advanceTimersByTimeAsync(1350);
    expect(group.getSnapshot()).toMatchObject({ running: 0, settled: 10 });
    await group.join();
  });

  // test_taskgroup_24
  it("waits for siblings a child spawns after an await, while the body has already finished", async () => {
    const done: number[] = [];
    const run = TaskGroup.run((g) => {
      g.spawn(async (s) => {
        await sleep(100, s);
        for (const n of [1, 2]) {
          g.spawn(async (s2) => {
            await sleep(100 * n, s2);
            done.push(n);
          });
        }
      });
    });
    await vi.advanceTimersByTimeAsync(300);
    await run;
    expect(done).toEqual([1, 2]);
  });

  // test_taskgroup_25
  it("stops a hydra of self-spawning children at the first failure", async () => {
    let hydras = 0;
    const hydra = (g: TaskGroup) => async () => {
      hydras++;
      await sleep(10); // not cooperative: it learns of the cancellation when spawn refuses
      g.spawn(hydra(g));
      g.spawn(hydra(g));
    };
    const run = rejectionOf(
      TaskGroup.run((g) => {
        g.spawn(hydra(g));
        g.spawn(async (s) => {
          while (hydras < 10) await sleep(15, s);
          throw new RangeError("1 / 0");
        });
      }),
    );
    await vi.advanceTimersByTimeAsync(200);
    const error = (await run) as TaskGroupError;
    expect(error.errors).toHaveLength(1);
    expect(error.errors[0]).toBeInstanceOf(RangeError);
    expect(hydras).toBeGreaterThanOrEqual(10);
  });

  // test_taskgroup_task_name, test_name
  it("names a task as asked", async () => {
    let name: string | undefined;
    const run = TaskGroup.run((g) => {
      name = g.spawn((s) => sleep(10, s), { name: "yolo" }).name;
    });
    await vi.advanceTimersByTimeAsync(10);
    await run;
    expect(name).toBe("yolo");
  });

  // test_taskgroup_no_create_task_after_failure
  it("refuses a spawn from a child being cancelled, reporting only the original failure", async () => {
    let refusal: unknown;
    const run = rejectionOf(
      TaskGroup.run((g) => {
        g.spawn(async () => {
          await sleep(1);
          throw new RangeError("1 / 0");
        });
        g.spawn(async (s) => {
          await sleep(1000, s).catch(() => {
            try {
              g.spawn(() => 1);
            } catch (error) {
              refusal = error;
            }
          });
        });
      }),
    );
    await vi.advanceTimersByTimeAsync(1);
    const error = (await run) as TaskGroupError;
    expect(refusal).toBeInstanceOf(InvalidStateError);
    expect(types(error)).toEqual(new Set([RangeError]));
  });

  // test_taskgroup_finished, test_coro_closed_when_tg_closed
  it("refuses a spawn once the group has finished, without calling the function", async () => {
    let group: TaskGroup | undefined;
    await TaskGroup.run((g) => {
      group = g;
    });
    let called = false;
    expect(() =>
      group?.spawn(() => {
        called = true;
      }),
    ).toThrow(InvalidStateError);
    expect(called).toBe(false);
  });

  // test_nested_groups_both_cancelled
  it("handles an inner and an outer child failing at once", async () => {
    let inner: unknown;
    const run = rejectionOf(
      TaskGroup.run(async (outer) => {
        inner = await rejectionOf(
          outer.run((innerGroup) => {
            innerGroup.spawn(async () => {
              await sleep(0);
              throw new MyError("inner");
            });
            outer.spawn(async () => {
              await sleep(0);
              throw new TypeError("outer");
            });
          }),
        );
      }),
    );
    await vi.advanceTimersByTimeAsync(0);
    const error = (await run) as TaskGroupError;
    expect(types(error)).toEqual(new Set([TypeError]));
    expect(inner).toBeInstanceOf(TaskGroupError);
    expect(types(inner as TaskGroupError)).toEqual(new Set([MyError]));
  });

  // test_cancels_task_if_created_during_creation (gh-128550)
  it("cancels a child whose freshly spawned sibling fails inside spawn", async () => {
    let ran = false;
    let seen: unknown;
    const third = new MyError("third task failed");
    const run = rejectionOf(
      TaskGroup.run((g) => {
        g.spawn(async (signal) => {
          g.spawn(() => {
            throw third;
          });
          try {
            await sleep(0, signal);
            await sleep(0, signal);
          } catch (error) {
            seen = error;
          }
          ran = true;
        });
      }),
    );
    await vi.advanceTimersByTimeAsync(0);
    const error = (await run) as TaskGroupError;
    expect(ran).toBe(true);
    expect(seen).toBeInstanceOf(CancelledError);
    expect(error.errors).toEqual([third]);
  });

  // test_cancellation_does_not_leak_out_of_tg
  it("does not cancel its caller when it fails", async () => {
    const caller = new AbortController();
    const run = rejectionOf(
      TaskGroup.run(
        (g) => {
          g.spawn(() => Promise.reject(new MyError()));
        },
        { signal: caller.signal },
      ),
    );
    expect(await run).toBeInstanceOf(TaskGroupError);
    expect(caller.signal.aborted).toBe(false);
  });

  // eager-task variant (TestEagerTaskTaskGroup): spawn runs the function at once, so a child
  // can cancel its group before its first await.
  it("settles when a child cancels the group before its first await", async () => {
    let late: unknown;
    let child: Task<void> | undefined;
    const run = rejectionOf(
      TaskGroup.run((g) => {
        child = g.spawn(async (signal) => {
          g.cancel("from the child");
          await sleep(100, signal);
        });
        try {
          g.spawn(() => 1);
        } catch (error) {
          late = error;
        }
      }),
    );
    const error = (await run) as CancelledError;
    expect(error).toBeInstanceOf(CancelledError);
    expect(error.cause).toBe("from the child");
    expect(child?.cancelled).toBe(true);
    expect(late).toBeInstanceOf(InvalidStateError);
  });
});

function types(error: TaskGroupError): Set<unknown> {
  return new Set(error.errors.map((e) => (e as object).constructor));
}
