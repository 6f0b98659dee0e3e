import {
  CancelledError,
  InvalidStateError,
  isAbortError,
  TaskGroup,
  TaskGroupError,
  TimeoutError,
} from "react-taskgroup/core";
import { describe, expect, it } from "vitest";
import { MyError, MySubError, rejectionOf } from "./helpers.js";

/** A real group error: tasks fail with `errors`, in order; an inner group with `nested`. */
async function failWith(errors: unknown[], nested: unknown[] = []): Promise<TaskGroupError> {
  const group = new TaskGroup({ failFast: false, name: "outer" });
  for (const error of errors) group.spawn(() => Promise.reject(error));
  if (nested.length > 0) {
    group.spawn(() =>
      TaskGroup.run(
        (inner) => {
          for (const error of nested) inner.spawn(() => Promise.reject(error));
        },
        { failFast: false, name: "inner" },
      ),
    );
  }
  return (await rejectionOf(group.join())) as TaskGroupError;
}

describe("TaskGroupError", () => {
  it("is an AggregateError named TaskGroupError", async () => {
    const error = await failWith([new MyError()]);
    expect(error).toBeInstanceOf(AggregateError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("TaskGroupError");
    expect(error.message).toMatch(/outer.*1 error/);
  });

  it("keeps errors and tasks aligned index by index", async () => {
    const group = new TaskGroup({ failFast: false });
    const a = group.spawn(() => Promise.reject(new MyError("a")), { name: "a" });
    group.spawn(() => 1);
    const b = group.spawn(() => Promise.reject(new TypeError("b")), { name: "b" });
    const error = (await rejectionOf(group.join())) as TaskGroupError;
    expect(error.errors.map((e) => (e as Error).message)).toEqual(["a", "b"]);
    expect(error.tasks).toEqual([a, b]);
  });

  it("aligns tasks with errors when built by hand", () => {
    const error = new TaskGroupError([new MyError(), new TypeError()]);
    expect(error.tasks).toEqual([undefined, undefined]);
    expect(error.leaves()).toHaveLength(2);
  });

  it("is frozen once its group has settled", async () => {
    const error = await failWith([new MyError()]);
    expect(Object.isFrozen(error.errors)).toBe(true);
    expect(Object.isFrozen(error.tasks)).toBe(true);
  });

  describe("split", () => {
    it("splits by class with instanceof, subclasses included", async () => {
      const [base, sub, other] = [new MyError(), new MySubError(), new TypeError("t")];
      const error = await failWith([base, other, sub]);
      const [match, rest] = error.split(MyError);
      expect(match?.errors).toEqual([base, sub]);
      expect(rest?.errors).toEqual([other]);
      expect(match?.tasks).toEqual([error.tasks[0], error.tasks[2]]);
      expect(rest?.tasks).toEqual([error.tasks[1]]);
      expect(match).toBeInstanceOf(TaskGroupError);
    });

    it("splits by a predicate", async () => {
      const error = await failWith([new MyError("keep"), new MyError("drop")]);
      const [match, rest] = error.split((e) => (e as Error).message === "keep");
      expect(match?.errors.map((e) => (e as Error).message)).toEqual(["keep"]);
      expect(rest?.errors.map((e) => (e as Error).message)).toEqual(["drop"]);
    });

    it("matches the group itself with Error, AggregateError or TaskGroupError", async () => {
      const error = await failWith([new MyError()]);
      for (const matcher of [Error, AggregateError, TaskGroupError]) {
        const [match, rest] = error.split(matcher);
        expect(match).toBe(error);
        expect(rest).toBeUndefined();
      }
    });

    it("tries a predicate on the group itself first", async () => {
      const error = await failWith([new MyError()]);
      expect(error.split((e) => e === error)).toEqual([error, undefined]);
    });

    it("leaves either side undefined when empty", async () => {
      const error = await failWith([new MyError(), new MySubError()]);
      const [none, all] = error.split(TypeError);
      expect(none).toBeUndefined();
      expect(all?.errors).toEqual(error.errors);
      const [every, nothing] = error.split(MyError);
      expect(every?.errors).toEqual(error.errors);
      expect(nothing).toBeUndefined();
    });

    it("keeps nested groups nested, splitting them recursively", async () => {
      const [outerErr, innerMatch, innerRest] = [
        new TypeError("outer"),
        new MyError("inner match"),
        new RangeError("inner rest"),
      ];
      const error = await failWith([outerErr], [innerMatch, innerRest]);
      expect(error.errors).toHaveLength(2);
      const [match, rest] = error.split(MyError);
      expect(match?.errors).toHaveLength(1);
      const nestedMatch = match?.errors[0] as TaskGroupError;
      expect(nestedMatch).toBeInstanceOf(TaskGroupError);
      expect(nestedMatch.errors).toEqual([innerMatch]);
      expect(match?.tasks).toEqual([error.tasks[1]]);
      expect(rest?.errors[0]).toBe(outerErr);
      expect((rest?.errors[1] as TaskGroupError | undefined)?.errors).toEqual([innerRest]);
    });

    it("tries the matcher on nested groups too", async () => {
      const inner = new MyError("inner");
      const error = await failWith([new TypeError("outer")], [inner]);
      const nested = error.errors[1] as TaskGroupError;
      const [match, rest] = error.split((e) => e === nested);
      expect(match?.errors).toEqual([nested]);
      expect(rest?.errors).toEqual([error.errors[0]]);
    });

    it("treats a class that does not extend Error as a class, not a predicate", async () => {
      class Plain {}
      const plain = new Plain();
      const error = await failWith([plain, new MyError()]);
      const [match] = error.split(Plain);
      expect(match?.errors).toEqual([plain]);
    });

    it("refuses a matcher that is not a function", async () => {
      const error = await failWith([new MyError()]);
      expect(() => error.split("MyError" as never)).toThrow(TypeError);
    });
  });

  it("subgroup returns the matching part", async () => {
    const [a, b] = [new MyError(), new TypeError()];
    const error = await failWith([a, b]);
    expect(error.subgroup(TypeError)?.errors).toEqual([b]);
    expect(error.subgroup(RangeError)).toBeUndefined();
    expect(error.subgroup(Error)).toBe(error);
  });

  it("leaves flattens nested groups in order", async () => {
    const [a, b, c] = [new MyError("a"), new MyError("b"), new MyError("c")];
    const error = await failWith([a], [b, c]);
    expect(error.leaves()).toEqual([a, b, c]);
  });
});

describe("error classes", () => {
  it("names CancelledError AbortError and keeps its cause", () => {
    const error = new CancelledError(undefined, { cause: "why" });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("AbortError");
    expect(error.cause).toBe("why");
    expect(isAbortError(error)).toBe(true);
  });

  it("names TimeoutError and InvalidStateError after themselves", () => {
    expect(new TimeoutError().name).toBe("TimeoutError");
    expect(new InvalidStateError("x").name).toBe("InvalidStateError");
    expect(isAbortError(new TimeoutError())).toBe(false);
  });

  it("recognises any error named AbortError", () => {
    expect(isAbortError(new DOMException("x", "AbortError"))).toBe(true);
    expect(isAbortError({ name: "AbortError" })).toBe(true);
    expect(isAbortError(new Error("AbortError"))).toBe(false);
    expect(isAbortError("AbortError")).toBe(false);
  });
});
