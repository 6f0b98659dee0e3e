/** Type-level tests: checked by `tsc --noEmit`; at run time `expectTypeOf` does nothing. */
import {
  type ErrorMatcher,
  type Task,
  TaskGroup,
  TaskGroupError,
  type TaskGroupSnapshot,
} from "react-taskgroup/core";
import { describe, expectTypeOf, it } from "vitest";

describe("types", () => {
  it("infers Task<T> from a synchronous function", () => {
    const group = new TaskGroup();
    expectTypeOf(group.spawn(() => 1)).toEqualTypeOf<Task<number>>();
    expectTypeOf(group.spawn(() => "a" as const)).toEqualTypeOf<Task<"a">>();
  });

  it("infers Task<T> from an async function, unwrapping the promise", () => {
    const group = new TaskGroup();
    expectTypeOf(group.spawn(async () => ({ id: 1 }))).toEqualTypeOf<Task<{ id: number }>>();
    expectTypeOf(group.spawn((signal) => fetchLike(signal))).toEqualTypeOf<Task<string>>();
  });

  it("passes an AbortSignal to the task function", () => {
    new TaskGroup().spawn((signal) => {
      expectTypeOf(signal).toEqualTypeOf<AbortSignal>();
    });
  });

  it("makes a task awaitable to its value", async () => {
    const task = new TaskGroup().spawn(async () => 42);
    expectTypeOf(task).toExtend<PromiseLike<number>>();
    expectTypeOf(task.value).toEqualTypeOf<number | undefined>();
    expectTypeOf(task.result).returns.toEqualTypeOf<number>();
    expectTypeOf(task.status).toEqualTypeOf<"pending" | "fulfilled" | "rejected">();
  });

  it("infers the value of TaskGroup.run and group.run", () => {
    expectTypeOf(TaskGroup.run(() => 1)).toEqualTypeOf<Promise<number>>();
    expectTypeOf(TaskGroup.run(async () => "x")).toEqualTypeOf<Promise<string>>();
    const group = new TaskGroup();
    expectTypeOf(group.run(async (child) => child.name)).toEqualTypeOf<Promise<string>>();
  });

  it("types split as a tuple of TaskGroupError | undefined", () => {
    const error = new TaskGroupError([new TypeError()]);
    expectTypeOf(error.split(TypeError)).toEqualTypeOf<
      [TaskGroupError | undefined, TaskGroupError | undefined]
    >();
    expectTypeOf(error.split((e) => e instanceof TypeError)).toEqualTypeOf<
      [TaskGroupError | undefined, TaskGroupError | undefined]
    >();
    expectTypeOf(error.subgroup(Error)).toEqualTypeOf<TaskGroupError | undefined>();
    expectTypeOf(error.errors).toEqualTypeOf<unknown[]>();
    expectTypeOf(error.tasks).toEqualTypeOf<(Task<unknown> | undefined)[]>();
    expectTypeOf(error).toExtend<AggregateError>();
  });

  it("accepts classes and predicates as matchers, and rejects other values", () => {
    expectTypeOf(TypeError).toExtend<ErrorMatcher>();
    expectTypeOf((e: unknown) => e === 1).toExtend<ErrorMatcher>();
    expectTypeOf("TypeError").not.toExtend<ErrorMatcher>();
  });

  it("exposes a read-only snapshot", () => {
    const snapshot = new TaskGroup().getSnapshot();
    expectTypeOf(snapshot).toEqualTypeOf<TaskGroupSnapshot>();
    expectTypeOf(snapshot.status).toEqualTypeOf<"open" | "failed" | "cancelled" | "closed">();
    expectTypeOf(snapshot.error).toEqualTypeOf<TaskGroupError | undefined>();
  });

  it("accepts undefined for any option, under exactOptionalPropertyTypes", () => {
    const maybe = (n?: number) => n;
    expectTypeOf(
      () => new TaskGroup({ limit: maybe(), timeout: maybe(), name: undefined, signal: undefined }),
    ).toBeFunction();
    expectTypeOf(() =>
      new TaskGroup().spawn(() => 1, { timeout: maybe(), signal: undefined }),
    ).toBeFunction();
  });

  it("refuses a non-function at compile time", () => {
    const group = new TaskGroup();
    // @ts-expect-error a task must be a function
    expectTypeOf(() => group.spawn(42)).toBeFunction();
    // @ts-expect-error failFast is a boolean
    expectTypeOf(() => new TaskGroup({ failFast: "yes" })).toBeFunction();
  });
});

function fetchLike(_signal: AbortSignal): Promise<string> {
  return Promise.resolve("body");
}
