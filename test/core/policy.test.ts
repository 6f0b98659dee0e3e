/**
 * The scheduler's decision as a table, after ember-concurrency's scheduler tests: for each policy,
 * how many runs hold a slot and how many wait, what a new run does. The pure function is checked
 * directly, then every row again through the public API, so the table holds for what ships.
 */
import { type Action, createAction, type Policy, type Run, TaskGroup } from "react-taskgroup/core";
import { describe, expect, it } from "vitest";
import { decide } from "../../src/core/policy.js";
import { drain, untilAborted } from "./helpers.js";

type Decision = ReturnType<typeof decide>;
// policy, limit, running, waiting -> decision
const table: [Policy, number, number, number, Decision][] = [
  ["enqueue", 1, 0, 0, "start"],
  ["enqueue", 1, 1, 0, "wait"],
  ["enqueue", 1, 1, 3, "wait"],
  ["enqueue", 2, 1, 0, "start"],
  ["enqueue", 3, 3, 0, "wait"],
  ["enqueue", Number.POSITIVE_INFINITY, 1000, 0, "start"],
  ["drop", 1, 0, 0, "start"],
  ["drop", 1, 1, 0, "drop"],
  ["drop", 2, 1, 0, "start"],
  ["drop", 2, 2, 0, "drop"],
  ["restart", 1, 0, 0, "start"],
  ["restart", 1, 1, 0, "cancel-oldest"],
  ["restart", 2, 1, 0, "start"],
  ["restart", 2, 2, 0, "cancel-oldest"],
  ["keepLatest", 1, 0, 0, "start"],
  ["keepLatest", 1, 1, 0, "wait"],
  ["keepLatest", 1, 1, 1, "displace"],
  ["keepLatest", 2, 1, 0, "start"],
  ["keepLatest", 2, 2, 1, "displace"],
];

describe("the policy decision (pure)", () => {
  it.each(table)(
    "%s, limit %d, %d running, %d waiting: %s",
    (policy, limit, running, waiting, expected) => {
      expect(decide(policy, limit, running, waiting)).toBe(expected);
    },
  );
});

describe("the policy decision, through createAction", () => {
  it.each(
    table.filter(([, limit, running, waiting]) => Number.isFinite(limit) && running + waiting < 10),
  )(
    "%s, limit %d, %d running, %d waiting: %s",
    async (policy, limit, running, waiting, expected) => {
      const group = new TaskGroup();
      const calls: number[] = [];
      const action: Action<[number], void> = createAction(
        group,
        async (scope, i: number) => {
          calls.push(i);
          await untilAborted(scope.signal);
        },
        { policy, limit },
      );
      const before: Run<[number], void>[] = [];
      for (let i = 0; i < running + waiting; i++) before.push(action.run(i));
      expect(action.getSnapshot()).toMatchObject({ running, queued: waiting });
      const run = action.run(99);
      const snapshot = action.getSnapshot();
      switch (expected) {
        case "start":
          expect(calls.at(-1)).toBe(99);
          expect(snapshot).toMatchObject({ running: running + 1, queued: waiting });
          break;
        case "wait":
          expect(calls).not.toContain(99);
          expect(snapshot).toMatchObject({ running, queued: waiting + 1 });
          break;
        case "drop":
          expect(run).toMatchObject({
            status: "rejected",
            cancelled: true,
            dropped: true,
            attempts: 0,
          });
          expect(snapshot).toMatchObject({ running, queued: waiting, last: before.at(-1) });
          break;
        case "cancel-oldest":
          expect(calls.at(-1)).toBe(99);
          expect(snapshot).toMatchObject({ running, queued: 0 });
          expect(before[0]?.signal.aborted).toBe(true);
          expect(before[0]?.status).toBe("pending"); // until its body has settled
          break;
        case "displace": {
          const displaced = before[running];
          expect(displaced).toMatchObject({ status: "rejected", dropped: true, cancelled: true });
          expect(snapshot).toMatchObject({ running, queued: 1, last: run });
          break;
        }
      }
      expect(snapshot.runs).toBe(running + waiting + 1);
      action.cancel();
      await group.join().catch(() => {});
      await drain();
      expect(group.getSnapshot().status).toBe("closed");
    },
  );
});
