/**
 * Spawn + settle: `n` trivial async tasks (`async () => i`) spawned in one group and awaited,
 * through `TaskGroup.run`, the raw floor, bare `Promise.all` and Effection; the same under a
 * concurrency limit of 8 against p-limit(8) and the floor with a semaphore; and the same with every
 * task given one shared outside signal (`SpawnOptions.signal`), against the floor linking it once.
 */
import { setMaxListeners } from "node:events";
import pLimit from "p-limit";
import { TaskGroup } from "../src/core/index.js";
import { effectionSpawnSettle } from "./effection.js";
import { FloorGroup } from "./floor.js";
import { interleave, type Measured, type RoundsOptions, sizeOf, timePerTask } from "./harness.js";

/** A way to spawn and settle `n` tasks. */
export interface Runner {
  readonly name: string;
  readonly run: (n: number) => Promise<void>;
  /** Fewer rounds than the others (slow baselines). */
  readonly rounds?: number;
  /** Runs per sample, instead of the case's (slow baselines: 1). */
  readonly repeat?: number;
}

export const engine: Runner = {
  name: "TaskGroup",
  run: (n) =>
    TaskGroup.run((group) => {
      for (let i = 0; i < n; i++) group.spawn(async () => i);
    }),
};

export const floor: Runner = {
  name: "floor",
  run: async (n) => {
    const group = new FloorGroup();
    for (let i = 0; i < n; i++) group.spawn(async () => i);
    await group.join();
  },
};

export const promiseAll: Runner = {
  name: "Promise.all",
  run: async (n) => {
    const promises: Promise<number>[] = new Array(n);
    for (let i = 0; i < n; i++) promises[i] = (async () => i)();
    await Promise.all(promises);
  },
};

export function effection(rounds: number): Runner {
  return { name: "Effection", run: effectionSpawnSettle, rounds, repeat: 1 };
}

export const LIMIT = 8;

export const engineLimited: Runner = {
  name: "TaskGroup",
  run: (n) =>
    TaskGroup.run(
      (group) => {
        for (let i = 0; i < n; i++) group.spawn(async () => i);
      },
      { limit: LIMIT },
    ),
};

export const floorLimited: Runner = {
  name: "floor",
  run: async (n) => {
    const group = new FloorGroup({ limit: LIMIT });
    for (let i = 0; i < n; i++) group.spawn(async () => i);
    await group.join();
  },
};

export const pLimited: Runner = {
  name: "p-limit",
  run: async (n) => {
    const limit = pLimit(LIMIT);
    const promises: Promise<number>[] = new Array(n);
    for (let i = 0; i < n; i++) promises[i] = limit(async () => i);
    await Promise.all(promises);
  },
};

/**
 * One signal from outside the group, passed to every task as `{ signal }` (a component's, a
 * request's). Not aborted here: what is timed is the linking and unlinking. Node warns past 10
 * listeners on one signal; the floor adds one, the engine one per pending task.
 */
const shared = new AbortController().signal;
setMaxListeners(0, shared);

export const engineShared: Runner = {
  name: "TaskGroup",
  run: (n) =>
    TaskGroup.run((group) => {
      for (let i = 0; i < n; i++) group.spawn(async () => i, { signal: shared });
    }),
};

export const floorShared: Runner = {
  name: "floor",
  run: async (n) => {
    const group = new FloorGroup();
    for (let i = 0; i < n; i++) group.spawn(async () => i, shared);
    await group.join();
  },
};

/**
 * Nanoseconds per task of every runner at size `n`, by name. Each sample runs `repeat` groups of
 * `n` tasks one after the other (small sizes: fewer GCs and timer reads per task).
 */
export function spawnSettle(
  n: number,
  runners: readonly Runner[],
  options: RoundsOptions,
  repeat = 1,
): Promise<Map<string, Measured>> {
  return interleave(runners, options, (runner, round) =>
    timePerTask(sizeOf(n, round, options), runner.run, runner.repeat ?? repeat),
  );
}
