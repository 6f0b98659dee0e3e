/**
 * A TaskGroupError reads well where it surfaces (SPEC §4.4): its stack, which consoles print,
 * starts with its current message, and follows it as the group's failures grow.
 */
import { inspect } from "node:util";
import { TaskGroup, TaskGroupError } from "react-taskgroup/core";
import { describe, expect, it } from "vitest";
import { deferred, rejectionOf } from "./helpers.js";

const firstLine = (error: Error) => String(error.stack).split("\n")[0];

describe("TaskGroupError's stack", () => {
  it("starts with name and message", () => {
    const error = new TaskGroupError([new RangeError("bad id")], undefined, { groupName: "load" });
    expect(firstLine(error)).toBe(
      "TaskGroupError: load failed with 1 error; first: RangeError: bad id",
    );
    expect(error.stack).toMatch(/\n\s+at /);
  });

  it("follows the message as failures arrive", async () => {
    const second = deferred<never>();
    const group = new TaskGroup({ failFast: false, name: "grow" });
    group.spawn(() => Promise.reject(new Error("one")));
    group.spawn(() => second.promise);
    while (!group.getSnapshot().error) await Promise.resolve();
    const error = group.getSnapshot().error as TaskGroupError;
    expect(firstLine(error)).toBe("TaskGroupError: grow failed with 1 error; first: Error: one");
    second.reject(new Error("two"));
    await rejectionOf(group.join());
    expect(firstLine(error)).toBe("TaskGroupError: grow failed with 2 errors; first: Error: one");
  });

  it("shows the message when inspected, as Node's console prints it", () => {
    const error = new TaskGroupError([new Error("boom")]);
    expect(inspect(error).split("\n")[0]).toContain(
      "TaskGroup failed with 1 error; first: Error: boom",
    );
  });

  it("keeps message and stack as plain values, which console previews read without running code", () => {
    const error = new TaskGroupError([new Error("boom")]);
    for (const key of ["message", "stack"]) {
      const own = Object.getOwnPropertyDescriptor(error, key);
      expect(own?.get).toBeUndefined();
    }
    expect(Object.getOwnPropertyDescriptor(error, "message")?.value).toBe(error.message);
  });

  it("can be assigned, as frameworks do", () => {
    const error = new TaskGroupError([new Error("boom")]);
    error.stack = "replaced";
    expect(error.stack).toBe("replaced");
  });
});
