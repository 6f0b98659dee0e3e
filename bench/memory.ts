/**
 * Heap per pending task: `n` tasks spawned and left pending, the group joined (as a
 * `TaskGroup.run` body leaves it), then heap used after a full GC, minus the heap before, per
 * task. Two task functions, the same for every contender:
 * - abortable: `untilAborted(signal)`, a promise with one abort listener (what fetch does);
 * - bare: `async () => { await gate }`, an async function waiting on one shared promise, so the
 *   bookkeeping around the task weighs as much as possible in the total.
 */
import { TaskGroup } from "../src/core/index.js";
import { effectionPending } from "./effection.js";
import { FloorGroup } from "./floor.js";
import {
  collect,
  heapUsed,
  interleave,
  type Measured,
  type RoundsOptions,
  sizeOf,
} from "./harness.js";
import { deferred, ignore, untilAborted } from "./workloads.js";

/** Something holding pending tasks, and the way to let them settle. */
export interface Held {
  release(): Promise<void>;
}

export interface Holder {
  readonly name: string;
  readonly hold: (n: number) => Promise<Held>;
  /** Its own number of tasks (slow baselines), instead of the case's. */
  readonly size?: number;
  readonly rounds?: number;
}

export const engineAbortable: Holder = {
  name: "TaskGroup",
  hold: async (n) => {
    const group = new TaskGroup();
    for (let i = 0; i < n; i++) group.spawn(untilAborted);
    const joined = group.join().catch(ignore);
    return {
      release: async () => {
        group.cancel();
        await joined;
      },
    };
  },
};

export const floorAbortable: Holder = {
  name: "floor",
  hold: async (n) => {
    const group = new FloorGroup();
    for (let i = 0; i < n; i++) group.spawn(untilAborted);
    const joined = group.join();
    return {
      release: async () => {
        group.cancel();
        await joined;
      },
    };
  },
};

export function effectionSuspended(size: number, rounds: number): Holder {
  return {
    name: "Effection",
    size,
    rounds,
    hold: async (n) => {
      const scope = await effectionPending(n);
      return { release: () => scope.halt() };
    },
  };
}

/** A group-like scope: what the bare holders need of TaskGroup and the floor alike. */
interface Scope {
  spawn(fn: () => Promise<void>): unknown;
  join(): Promise<unknown>;
}

/** Holds `n` tasks that each await one gate, in a scope made by `makeScope`. */
export function bareHolder(name: string, makeScope: () => Scope): Holder {
  return {
    name,
    hold: async (n) => {
      const gate = deferred();
      const scope = makeScope();
      for (let i = 0; i < n; i++) {
        scope.spawn(async () => {
          await gate.promise;
        });
      }
      const joined = scope.join();
      return {
        release: async () => {
          gate.resolve();
          await joined;
        },
      };
    },
  };
}

export const engineBare: Holder = bareHolder("TaskGroup", () => new TaskGroup());
export const floorBare: Holder = bareHolder("floor", () => new FloorGroup());

export const promiseAllBare: Holder = {
  name: "Promise.all",
  hold: async (n) => {
    const gate = deferred();
    const promises: Promise<void>[] = new Array(n);
    for (let i = 0; i < n; i++) {
      promises[i] = (async () => {
        await gate.promise;
      })();
    }
    const joined = Promise.all(promises);
    return {
      release: async () => {
        gate.resolve();
        await joined;
      },
    };
  },
};

/** Heap bytes per pending task, by name. */
export function heapPerPendingTask(
  n: number,
  holders: readonly Holder[],
  options: RoundsOptions,
): Promise<Map<string, Measured>> {
  return interleave(holders, options, async (holder, round) => {
    const size = sizeOf(holder.size ?? n, round, options);
    collect();
    const before = heapUsed();
    const held = await holder.hold(size);
    collect();
    const after = heapUsed();
    await held.release();
    return { value: (after - before) / size };
  });
}
