/**
 * Property-based tests of actions: random runs (succeed, fail, hang until cancelled, ignore the
 * abort, throw in cleanup), cancellations of one run or all, under a random policy, limit and
 * retry, with fast-check's scheduler choosing the order of every step. Then the group is joined
 * (and cancelled if something still hangs).
 */
import fc from "fast-check";
import { createAction, type Policy, type Run, TaskGroup } from "react-taskgroup/core";
import { describe, expect, it } from "vitest";
import { untilAborted } from "./helpers.js";

type Kind = "succeed" | "fail" | "hang" | "ignoreAbort" | "cleanupThrow";
type Op =
  | { op: "run"; kind: Kind; steps: number }
  | { op: "cancelRun"; target: number }
  | { op: "cancelAll" };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      op: fc.constant("run" as const),
      kind: fc.oneof(
        { weight: 4, arbitrary: fc.constant<Kind>("succeed") },
        { weight: 2, arbitrary: fc.constant<Kind>("fail") },
        fc.constantFrom<Kind>("hang", "ignoreAbort", "cleanupThrow"),
      ),
      steps: fc.nat(4),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant("cancelRun" as const), target: fc.nat(20) }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("cancelAll" as const) }) },
);

const scenario = fc.record({
  ops: fc.array(op, { minLength: 1, maxLength: 12 }),
  policy: fc.option(fc.constantFrom<Policy>("enqueue", "drop", "restart", "keepLatest"), {
    nil: undefined,
  }),
  limit: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
  retries: fc.nat(2),
  scheduler: fc.scheduler(),
});

describe("random action runs", () => {
  it("settle every run, keep limit, outlive nothing and order outcomes by request", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ ops, policy, limit, retries, scheduler }) => {
        const group = new TaskGroup();
        const runs: Run<[Kind, number], string>[] = [];
        const liveBodies = new Set<AbortSignal>();
        let bodiesStarted = 0;
        let bodiesFinished = 0;
        let maxUncancelled = 0;
        const step = async (n: number) => {
          for (let i = 0; i < n; i++) await scheduler.schedule(Promise.resolve());
        };
        const action = createAction(
          group,
          async (scope, kind: Kind, steps: number) => {
            bodiesStarted++;
            liveBodies.add(scope.signal);
            const uncancelled = [...liveBodies].filter((signal) => !signal.aborted).length;
            maxUncancelled = Math.max(maxUncancelled, uncancelled);
            try {
              await step(steps);
              switch (kind) {
                case "succeed":
                  return "ok";
                case "fail":
                  throw new Error("fail");
                case "hang":
                  return await untilAborted(scope.signal);
                case "ignoreAbort":
                  await untilAborted(scope.signal).catch(() => undefined);
                  return "ignored";
                case "cleanupThrow":
                  await untilAborted(scope.signal).catch(() => undefined);
                  await step(1);
                  throw new Error("cleanup");
              }
            } finally {
              liveBodies.delete(scope.signal);
              bodiesFinished++;
            }
          },
          { policy, limit, retry: { retries, delay: 0 } },
        );

        const done = scheduler.scheduleSequence(
          ops.map((o) => ({
            label: o.op,
            builder: async () => {
              if (o.op === "run") runs.push(action.run(o.kind, o.steps));
              else if (o.op === "cancelRun") runs[o.target % Math.max(runs.length, 1)]?.cancel();
              else action.cancel();
            },
          })),
        );
        // Let the scheduler run the operations (and the steps of the bodies) in its order.
        for (let round = 0; round < 50 && !done.done; round++) {
          await scheduler.waitIdle();
          await new Promise((resolve) => setTimeout(resolve, 0)); // retry delays
        }
        expect(done.done).toBe(true);
        expect(done.faulty).toBe(false);
        let joined = false;
        let bodiesAtJoin = -1;
        const join = group.join().then(() => {
          joined = true;
          bodiesAtJoin = bodiesStarted - bodiesFinished;
        });
        for (let round = 0; round < 30 && !joined; round++) {
          await scheduler.waitIdle();
          await new Promise((resolve) => setTimeout(resolve, 0));
          if (round > 0) action.cancel("end of scenario"); // runs that hang
        }
        await scheduler.waitAll();
        await join;

        // Every run settled, and nothing outlived the group.
        expect(runs.filter((run) => run.status === "pending")).toEqual([]);
        expect(bodiesAtJoin).toBe(0);
        expect(group.getSnapshot().status).toBe("closed");
        expect(action.getSnapshot()).toMatchObject({ running: 0, queued: 0, runs: runs.length });
        // At most `limit` bodies not cancelled at once (1 with a policy, else unbounded).
        const effective = limit ?? (policy ? 1 : Number.POSITIVE_INFINITY);
        expect(maxUncancelled).toBeLessThanOrEqual(effective);
        // Dropped runs never ran; only drop and keepLatest drop.
        for (const run of runs) {
          if (run.dropped) {
            expect(run.attempts).toBe(0);
            expect(run.cancelled).toBe(true);
            expect(["drop", "keepLatest"]).toContain(policy);
          }
          expect(run.attempts).toBeLessThanOrEqual(retries + 1);
        }
        // Outcomes by the order runs were asked for.
        const snapshot = action.getSnapshot();
        const newest = (pick: (run: Run<[Kind, number], string>) => boolean) =>
          runs.filter(pick).at(-1);
        expect(snapshot.lastSucceeded).toBe(newest((run) => run.status === "fulfilled"));
        expect(snapshot.lastFailed).toBe(
          newest((run) => run.status === "rejected" && !run.cancelled),
        );
        expect(snapshot.last).toBe(newest((run) => !run.dropped));
        expect(snapshot.value).toBe(snapshot.lastSucceeded?.value);
      }),
      { numRuns: 200 },
    );
  });
});
