import { observeTasks, type TaskEvent, TaskGroup } from "react-taskgroup/core";
import { describe, expect, it } from "vitest";
import { deferred, drain, untilAborted } from "./helpers.js";

const summary = (events: TaskEvent[]) => events.map((e) => `${e.type} ${e.task.name}`);

describe("observeTasks", () => {
  it("reports spawn, start and each kind of settlement, in order", async () => {
    const group = new TaskGroup({ limit: 1, failFast: false });
    const events: TaskEvent[] = [];
    const stop = observeTasks(group, (event) => events.push(event));
    const gate = deferred<number>();
    group.spawn(() => gate.promise, { name: "a" });
    const b = group.spawn(untilAborted, { name: "b" });
    group.spawn(
      () => {
        throw new Error("c failed");
      },
      { name: "c" },
    );
    gate.resolve(1);
    await drain();
    b.cancel("no longer needed");
    await group.join().catch(() => undefined);
    expect(summary(events)).toEqual([
      "spawn a",
      "start a",
      "spawn b",
      "spawn c",
      "fulfilled a",
      "start b",
      "cancelled b",
      "start c",
      "failed c",
    ]);
    const failed = events.find((e) => e.type === "failed");
    expect(failed?.error).toEqual(new Error("c failed"));
    expect(events.every((e, i) => i === 0 || e.time >= (events[i - 1] as TaskEvent).time)).toBe(
      true,
    );
    stop();
  });

  it("reports the tasks already live when it starts, and nothing after it stops", async () => {
    const group = new TaskGroup({ limit: 1 });
    group.spawn(untilAborted, { name: "running" });
    group.spawn(untilAborted, { name: "waiting" });
    const events: TaskEvent[] = [];
    const stop = observeTasks(group, (event) => events.push(event));
    expect(summary(events)).toEqual(["spawn running", "start running", "spawn waiting"]);
    stop();
    group.cancel();
    await group.join().catch(() => undefined);
    expect(events).toHaveLength(3);
  });

  it("rejects a listener that is not a function", () => {
    expect(() => observeTasks(new TaskGroup(), "no" as never)).toThrow(TypeError);
  });
});
