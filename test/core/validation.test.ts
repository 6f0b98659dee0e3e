import { TaskGroup } from "react-taskgroup/core";
import { describe, expect, it } from "vitest";

const notFunctions: unknown[] = [undefined, null, 1, "fn", {}, Promise.resolve()];
const badLimits = [0, 1.5, -1, Number.NaN, Number.POSITIVE_INFINITY];
const badTimeouts = [-1, Number.NaN, Number.NEGATIVE_INFINITY];

describe("bad input is refused at the call", () => {
  it.each(notFunctions)("spawn(%s) throws a TypeError", (value) => {
    const group = new TaskGroup();
    expect(() => group.spawn(value as never)).toThrow(TypeError);
    expect(group.getSnapshot().running + group.getSnapshot().queued).toBe(0);
  });

  it("spawn(notAFunction) throws a TypeError even on a closed group", async () => {
    const group = new TaskGroup();
    await group.join();
    expect(() => group.spawn(42 as never)).toThrow(TypeError);
  });

  it.each(badLimits)("limit %s throws a RangeError", (limit) => {
    expect(() => new TaskGroup({ limit })).toThrow(RangeError);
    expect(() => TaskGroup.run(() => 1, { limit })).toThrow(RangeError);
  });

  it("accepts positive integer limits", () => {
    expect(() => new TaskGroup({ limit: 1 })).not.toThrow();
    expect(() => new TaskGroup({ limit: 1000 })).not.toThrow();
  });

  it.each(badTimeouts)("group timeout %s throws a RangeError", (timeout) => {
    expect(() => new TaskGroup({ timeout })).toThrow(RangeError);
  });

  it.each(badTimeouts)("spawn timeout %s throws a RangeError and never calls fn", (timeout) => {
    const group = new TaskGroup();
    let called = false;
    expect(() =>
      group.spawn(
        () => {
          called = true;
        },
        { timeout },
      ),
    ).toThrow(RangeError);
    expect(called).toBe(false);
  });

  it("names the offending value in the message", () => {
    expect(() => new TaskGroup({ limit: 1.5 })).toThrow(/limit.*1\.5/);
    expect(() => new TaskGroup({ timeout: -1 })).toThrow(/timeout.*-1/);
    expect(() => new TaskGroup().spawn("x" as never)).toThrow(/function/);
  });

  it("rejects options of the wrong type", () => {
    expect(() => new TaskGroup({ signal: {} as AbortSignal })).toThrow(TypeError);
    expect(() => new TaskGroup({ failFast: "no" as never })).toThrow(TypeError);
    expect(() => new TaskGroup({ name: 3 as never })).toThrow(TypeError);
    expect(() => new TaskGroup().spawn(() => 1, { signal: "s" as never })).toThrow(TypeError);
  });

  it("treats options given as undefined as absent", async () => {
    const none = { name: undefined, signal: undefined, limit: undefined, timeout: undefined };
    const group = new TaskGroup({ ...none, failFast: undefined });
    const task = group.spawn(() => 1, { name: undefined, signal: undefined, timeout: undefined });
    await group.join();
    expect(group.name).toBe("TaskGroup");
    expect(task.value).toBe(1);
  });

  it("refuses a body that is not a function", () => {
    expect(() => TaskGroup.run(undefined as never)).toThrow(TypeError);
    const group = new TaskGroup();
    expect(() => group.run(null as never)).toThrow(TypeError);
  });

  it("refuses a listener that is not a function", () => {
    expect(() => new TaskGroup().subscribe(undefined as never)).toThrow(TypeError);
  });
});
