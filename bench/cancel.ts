/**
 * Cancellation: `n` tasks pending on `untilAborted(signal)`, then the group is cancelled. What is
 * timed runs from `cancel()` until the group's join has settled (every task function settled and
 * the group told so), per task. Spawning happens before the clock starts, and so does calling
 * `join()` / `Promise.allSettled`, as a `TaskGroup.run` body has already done when it is cancelled.
 */
import { CancelledError, TaskGroup } from "../src/core/index.js";
import { effectionPending } from "./effection.js";
import { FloorGroup } from "./floor.js";
import {
  collect,
  interleave,
  type Measured,
  type RoundsOptions,
  sizeOf,
  startClock,
} from "./harness.js";
import { untilAborted } from "./workloads.js";

/** Pending tasks ready to be cancelled. */
export interface Pending {
  cancel(): void;
  /** Settles (never rejects) once the group has settled. */
  readonly settled: Promise<unknown>;
  /** After `settled`, off the clock: whether the group ended as a cancellation should. */
  check(): boolean | Promise<boolean>;
}

export interface Canceller {
  readonly name: string;
  readonly prepare: (n: number) => Promise<Pending>;
  /** Its own number of tasks (slow baselines), instead of the case's. */
  readonly size?: number;
  readonly rounds?: number;
}

export const engine: Canceller = {
  name: "TaskGroup",
  prepare: async (n) => {
    const group = new TaskGroup();
    for (let i = 0; i < n; i++) group.spawn(untilAborted);
    let outcome: unknown;
    const settled = group.join().then(undefined, (error: unknown) => {
      outcome = error;
    });
    return {
      cancel: () => group.cancel("bench"),
      settled,
      check: () => {
        const snapshot = group.getSnapshot();
        return (
          outcome instanceof CancelledError && snapshot.running === 0 && snapshot.settled === n
        );
      },
    };
  },
};

export const floor: Canceller = {
  name: "floor",
  prepare: async (n) => {
    const group = new FloorGroup();
    for (let i = 0; i < n; i++) group.spawn(untilAborted);
    const settled = group.join();
    return {
      cancel: () => group.cancel("bench"),
      settled,
      check: async () => (await group.settledCount("rejected")) === n,
    };
  },
};

export function effection(size: number, rounds: number): Canceller {
  return {
    name: "Effection",
    size,
    rounds,
    prepare: async (n) => {
      const scope = await effectionPending(n);
      let halted: Promise<void> | undefined;
      return {
        cancel: () => {
          halted = scope.halt();
        },
        get settled() {
          return halted ?? Promise.resolve();
        },
        check: () => halted !== undefined,
      };
    },
  };
}

/** Nanoseconds per task from cancel() to settled, by name; `failed` names any wrong outcome. */
export async function cancelPending(
  n: number,
  cancellers: readonly Canceller[],
  options: RoundsOptions,
): Promise<{ results: Map<string, Measured>; failed: Set<string> }> {
  const failed = new Set<string>();
  const results = await interleave(cancellers, options, async (canceller, round) => {
    const size = sizeOf(canceller.size ?? n, round, options);
    const pending = await canceller.prepare(size);
    collect();
    const clock = startClock();
    pending.cancel();
    await pending.settled;
    const sample = clock.stop(size);
    if (!(await pending.check())) failed.add(canceller.name);
    return sample;
  });
  return { results, failed };
}
