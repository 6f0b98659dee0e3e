/**
 * Property-based tests: random trees of tasks (succeed, fail, hang until aborted, spawn children,
 * cancel a sibling, throw in cleanup, ignore the abort), run under fast-check's scheduler, which
 * picks a random order for every step, with a random `limit` and `failFast`.
 */
import fc from "fast-check";
import {
  CancelledError,
  observeTasks,
  type Task,
  TaskGroup,
  TaskGroupError,
} from "react-taskgroup/core";
import { describe, expect, it } from "vitest";
import { track, untilAborted } from "./helpers.js";

type Spec =
  | { kind: "succeed" | "fail" | "hang" | "cleanupThrow" | "ignoreAbort"; steps: number }
  | { kind: "cancelSibling" | "awaitSibling"; steps: number; target: number }
  | { kind: "spawn"; steps: number; children: Spec[] };

const { spec } = fc.letrec<{ spec: Spec }>((tie) => ({
  spec: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.record({
      kind: fc.constantFrom("succeed", "fail", "hang", "cleanupThrow", "ignoreAbort"),
      steps: fc.nat(2),
    }),
    fc.record({
      kind: fc.constantFrom("cancelSibling", "awaitSibling"),
      steps: fc.nat(2),
      target: fc.nat(30),
    }),
    fc.record({
      kind: fc.constant("spawn"),
      steps: fc.nat(2),
      children: fc.array(tie("spec"), { maxLength: 3 }),
    }),
  ),
}));

const scenario = fc.record({
  specs: fc.array(spec, { minLength: 1, maxLength: 6 }),
  limit: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
  failFast: fc.boolean(),
  bodyThrows: fc.boolean(),
  scheduler: fc.scheduler(),
});

describe("random task trees", () => {
  it("settle every task once, settle the group last, and report every failure once", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ specs, limit, failFast, bodyThrows, scheduler }) => {
        const tasks: Task<unknown>[] = [];
        const thrown: Error[] = [];
        const terminal = new Map<Task<unknown>, number>();
        const started = new Set<number>();
        const finished = new Set<number>();
        let startedWhileStopped = 0;
        let group!: TaskGroup;
        let bodyError: Error | undefined;

        const step = (n: number) =>
          (async () => {
            for (let i = 0; i < n; i++) await scheduler.schedule(Promise.resolve());
          })();
        const fail = (label: string): never => {
          const error = new Error(label);
          thrown.push(error);
          throw error;
        };
        const rethrown = new Set<unknown>();
        const behaviour = async (s: Spec, id: number, signal: AbortSignal): Promise<unknown> => {
          await step(s.steps);
          switch (s.kind) {
            case "succeed":
              return "ok";
            case "fail":
              return fail("fail");
            case "hang":
              return untilAborted(signal);
            case "ignoreAbort":
              await untilAborted(signal).catch(() => undefined);
              return "ignored";
            case "cleanupThrow":
              await untilAborted(signal).catch(() => undefined);
              await step(1);
              return fail("cleanup");
            case "cancelSibling":
              tasks[s.target % tasks.length]?.cancel("sibling");
              return "cancelled a sibling";
            case "awaitSibling": {
              // Only earlier tasks, so nobody waits on itself or in a cycle.
              const sibling = tasks.slice(0, id)[s.target % Math.max(id, 1)];
              try {
                return await Promise.race([sibling, untilAborted(signal)]);
              } catch (error) {
                if (!signal.aborted) rethrown.add(error);
                throw error;
              }
            }
            case "spawn":
              for (const child of s.children) spawn(child);
              return "spawned";
          }
        };
        const spawn = (s: Spec) => {
          const id = tasks.length;
          const task = group.spawn(async (signal) => {
            started.add(id);
            if (group.signal.aborted) startedWhileStopped++;
            try {
              return await behaviour(s, id, signal);
            } finally {
              finished.add(id);
            }
          });
          tasks.push(task);
        };

        let atSettle: { pending: number; running: number } | undefined;
        const run = track(
          TaskGroup.run(
            async (g) => {
              group = g;
              observeTasks(g, (event) => {
                if (["fulfilled", "failed", "cancelled"].includes(event.type)) {
                  terminal.set(event.task, (terminal.get(event.task) ?? 0) + 1);
                }
              });
              for (const s of specs) spawn(s);
              await step(1);
              if (bodyThrows) throw (bodyError = new Error("body"));
            },
            { limit, failFast },
          ).finally(() => {
            atSettle = {
              pending: tasks.filter((t) => t.status === "pending").length,
              running: [...started].filter((id) => !finished.has(id)).length,
            };
          }),
        );

        for (let round = 0; round < 20 && run.state.status === "pending"; round++) {
          await scheduler.waitIdle();
          if (run.state.status === "pending") group.cancel("end of scenario");
          await new Promise((resolve) => setImmediate(resolve));
        }

        expect(run.state.status).not.toBe("pending");
        // Every task settled exactly once, and before the group settled.
        expect(atSettle).toEqual({ pending: 0, running: 0 });
        for (const task of tasks) expect(terminal.get(task)).toBe(1);
        expect(group.getSnapshot()).toMatchObject({ running: 0, queued: 0, settled: tasks.length });
        expect(startedWhileStopped).toBe(0);
        // A queued task dropped before its start never ran.
        for (const [id, task] of tasks.entries()) {
          if (!started.has(id)) expect(task.cancelled).toBe(true);
        }

        const originals = bodyError ? [...thrown, bodyError] : thrown;
        if (run.state.status === "rejected" && run.state.reason instanceof TaskGroupError) {
          const { errors, tasks: throwers } = run.state.reason;
          // Every failure exactly once, in the order thrown, the body's last.
          expect(new Set(errors).size).toBe(errors.length);
          expect(errors.filter((e) => originals.includes(e as Error))).toEqual(originals);
          if (bodyError) expect(errors.at(-1)).toBe(bodyError);
          // Nothing else, but a sibling's cancellation rethrown by a task not itself cancelled.
          for (const extra of errors.filter((e) => !originals.includes(e as Error))) {
            expect(rethrown.has(extra)).toBe(true);
            expect(extra).toBeInstanceOf(CancelledError);
          }
          for (const [i, task] of throwers.entries()) {
            if (task) expect(task.reason).toBe(errors[i]);
          }
        } else {
          expect(originals).toEqual([]);
          if (run.state.status === "rejected") {
            expect(run.state.reason).toBeInstanceOf(CancelledError);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
