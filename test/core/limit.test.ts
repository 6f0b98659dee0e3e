import { TaskGroup, TaskGroupError } from "react-taskgroup/core";
import { describe, expect, it } from "vitest";
import { type Deferred, deferred, drain, rejectionOf, untilAborted } from "./helpers.js";

describe("limit", () => {
  it("runs at most `limit` functions at once and queues the rest", () => {
    const group = new TaskGroup({ limit: 2 });
    const started: number[] = [];
    for (let i = 0; i < 5; i++) {
      group.spawn(() => {
        started.push(i);
        return new Promise(() => {});
      });
    }
    expect(started).toEqual([0, 1]);
    expect(group.getSnapshot()).toMatchObject({ running: 2, queued: 3, settled: 0 });
  });

  it("starts queued tasks in FIFO order as slots free", async () => {
    const group = new TaskGroup({ limit: 2 });
    const gates: Deferred<void>[] = [];
    const started: number[] = [];
    for (let i = 0; i < 6; i++) {
      const gate = deferred();
      gates.push(gate);
      group.spawn(async () => {
        started.push(i);
        await gate.promise;
      });
    }
    gates[1]?.resolve();
    await drain();
    expect(started).toEqual([0, 1, 2]);
    gates[0]?.resolve();
    await drain();
    expect(started).toEqual([0, 1, 2, 3]);
    for (const gate of gates) gate.resolve();
    await group.join();
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    expect(group.getSnapshot()).toMatchObject({ running: 0, queued: 0, settled: 6 });
  });

  it("counts running and queued tasks as they start and settle", async () => {
    const group = new TaskGroup({ limit: 1 });
    const a = deferred();
    const b = deferred();
    group.spawn(() => a.promise);
    group.spawn(() => b.promise);
    expect(group.getSnapshot()).toMatchObject({ running: 1, queued: 1, settled: 0 });
    a.resolve();
    await drain();
    expect(group.getSnapshot()).toMatchObject({ running: 1, queued: 0, settled: 1 });
    b.resolve();
    await group.join();
    expect(group.getSnapshot()).toMatchObject({ running: 0, queued: 0, settled: 2 });
  });

  it("frees a slot when a task fails synchronously", async () => {
    const group = new TaskGroup({ limit: 1, failFast: false });
    const started: string[] = [];
    group.spawn(() => {
      started.push("a");
      throw new Error("a");
    });
    group.spawn(() => {
      started.push("b");
    });
    expect(started).toEqual(["a"]);
    await rejectionOf(group.join());
    expect(started).toEqual(["a", "b"]);
  });

  it("starts no queued task once the group failed, even as running ones finish", async () => {
    const group = new TaskGroup({ limit: 1 });
    const gate = deferred();
    const started: string[] = [];
    group.spawn(async () => {
      started.push("a");
      await gate.promise;
      throw new Error("a");
    });
    const b = group.spawn(async (signal) => {
      started.push("b");
      await untilAborted(signal);
    });
    const c = group.spawn(async (signal) => {
      started.push("c");
      await untilAborted(signal);
    });
    gate.resolve();
    expect(await rejectionOf(group.join())).toBeInstanceOf(TaskGroupError);
    expect(started).toEqual(["a"]);
    expect(b.cancelled && c.cancelled).toBe(true);
  });

  it("starts no queued task after cancel(), even as running ones finish", async () => {
    const group = new TaskGroup({ limit: 1 });
    const started: string[] = [];
    group.spawn(async (signal) => {
      started.push("a");
      await untilAborted(signal);
    });
    for (const name of ["b", "c", "d"]) {
      group.spawn(() => {
        started.push(name);
      });
    }
    group.cancel();
    await rejectionOf(group.join());
    expect(started).toEqual(["a"]);
    expect(group.getSnapshot()).toMatchObject({ running: 0, queued: 0, settled: 4 });
  });

  it("queues a task spawned from a running task when no slot is free", async () => {
    const group = new TaskGroup({ limit: 1 });
    const order: string[] = [];
    group.spawn(async () => {
      order.push("parent start");
      group.spawn(() => {
        order.push("child");
      });
      order.push("parent end");
    });
    await group.join();
    expect(order).toEqual(["parent start", "parent end", "child"]);
  });

  it("accepts limit 1 as a serial queue", async () => {
    const group = new TaskGroup({ limit: 1 });
    let active = 0;
    let maxActive = 0;
    for (let i = 0; i < 10; i++) {
      group.spawn(async () => {
        active++;
        maxActive = Math.max(maxActive, active);
        await drain();
        active--;
      });
    }
    await group.join();
    expect(maxActive).toBe(1);
  });
});
