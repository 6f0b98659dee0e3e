import { getEventListeners } from "node:events";
import { CancelledError, TaskGroup } from "react-taskgroup/core";
import { describe, expect, it } from "vitest";
import { drain, untilAborted } from "./helpers.js";

describe("tasks sharing one SpawnOptions.signal", () => {
  it("cancels every task linked to it, and no other, with one listener on the signal", async () => {
    const group = new TaskGroup();
    const outside = new AbortController();
    const linked = Array.from({ length: 20 }, () =>
      group.spawn(untilAborted, { signal: outside.signal }),
    );
    const other = group.spawn(untilAborted);
    expect(getEventListeners(outside.signal, "abort")).toHaveLength(1);
    outside.abort("user left");
    await drain();
    for (const task of linked) {
      expect(task.cancelled).toBe(true);
      expect(task.reason).toBeInstanceOf(CancelledError);
      expect((task.reason as CancelledError).cause).toBe("user left");
    }
    expect(other.status).toBe("pending");
    expect(group.getSnapshot().status).toBe("open");
    group.cancel();
    await expect(group.join()).rejects.toBeInstanceOf(CancelledError);
  });

  it("removes its listener once the last linked task settles", async () => {
    const group = new TaskGroup();
    const outside = new AbortController();
    const tasks = [1, 2, 3].map((n) => group.spawn(async () => n, { signal: outside.signal }));
    expect(getEventListeners(outside.signal, "abort")).toHaveLength(1);
    await Promise.all(tasks);
    expect(getEventListeners(outside.signal, "abort")).toHaveLength(0);
    await group.join();
  });
});
