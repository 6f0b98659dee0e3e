/**
 * Measurement primitives: forced GC, heap reading, clocks and interleaved rounds.
 *
 * Every case measures its contenders in the same process, round by round, rotating which one
 * goes first, so drift (JIT tiering, heap growth, CPU frequency) hits them all alike. Each sample
 * starts after a full GC; the numbers reported are medians.
 *
 * Time is the process's CPU time (user + system, every thread: GC helpers included) over the
 * sample, so that other processes on a shared machine, which take the CPU away from the benchmark
 * but do not add to its CPU time, do not decide a ratio. Wall time is kept beside it.
 */

const exposedGc = (globalThis as { gc?: () => void }).gc;
if (typeof exposedGc !== "function") {
  throw new Error("Run the benchmark with `node --expose-gc` (npm run bench does).");
}
const gcOnce: () => void = exposedGc;

/** Two full collections: the second one takes what the first one's finalizers released. */
export function collect(): void {
  gcOnce();
  gcOnce();
}

/** V8 heap in use, in bytes, as `process.memoryUsage()` reports it. */
export function heapUsed(): number {
  return process.memoryUsage().heapUsed;
}

/** Lets every queued microtask and one macrotask turn run. */
export function drain(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** One sample: the value compared (CPU ns per task, or bytes per task), and wall ns per task. */
export interface Sample {
  readonly value: number;
  readonly wall?: number;
}

/** Starts both clocks; `stop(n)` gives CPU and wall nanoseconds per task for `n` tasks. */
export function startClock(): { stop(tasks: number): Sample } {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  return {
    stop(tasks) {
      const wallNs = (performance.now() - wall) * 1e6;
      const used = process.cpuUsage(cpu);
      return { value: ((used.user + used.system) * 1e3) / tasks, wall: wallNs / tasks };
    },
  };
}

/** A contender's results: the stats of its values and, for times, of its wall times. */
export interface Measured {
  readonly value: Stats;
  readonly wall: Stats | undefined;
}

/** Summary of one contender's samples. */
export interface Stats {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly samples: number;
}

export function stats(values: readonly number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN, samples: 0 };
  const mid = n >> 1;
  const median =
    n % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return { median, min: sorted[0] ?? 0, max: sorted[n - 1] ?? 0, samples: n };
}

/** How a case runs its contenders. */
export interface RoundsOptions {
  /** Rounds measured. */
  readonly rounds: number;
  /** Rounds run first and thrown away (JIT warm-up). */
  readonly warmup: number;
  /** Number of tasks in warm-up rounds, when smaller than the case's (to save time). */
  readonly warmupSize?: number;
}

/** What a sample is told about its round. */
export interface Round {
  /** False in warm-up rounds, whose samples are thrown away. */
  readonly measured: boolean;
}

/** The number of tasks a sample runs: the case's, or the warm-up size in warm-up rounds. */
export function sizeOf(n: number, round: Round, options: RoundsOptions): number {
  return round.measured ? n : Math.min(n, options.warmupSize ?? n);
}

/**
 * Runs `sample(contender)` for every contender, `warmup + rounds` times, rotating the order each
 * round, and returns the stats of each contender's measured samples, by name. A contender with
 * its own `rounds` takes part only in that many rounds (spread evenly), for slow baselines.
 */
export async function interleave<C extends { readonly name: string; readonly rounds?: number }>(
  contenders: readonly C[],
  options: RoundsOptions,
  sample: (contender: C, round: Round) => Promise<Sample>,
): Promise<Map<string, Measured>> {
  const values = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
  const walls = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
  const total = options.warmup + options.rounds;
  for (let round = 0; round < total; round++) {
    const measured = round >= options.warmup;
    for (let k = 0; k < contenders.length; k++) {
      const contender = contenders[(round + k) % contenders.length];
      if (!contender || !takesPart(contender.rounds, round - options.warmup, options.rounds)) {
        continue;
      }
      const result = await sample(contender, { measured });
      if (!measured) continue;
      values.get(contender.name)?.push(result.value);
      if (result.wall !== undefined) walls.get(contender.name)?.push(result.wall);
    }
  }
  return new Map(
    [...values].map(([name, v]) => {
      const wall = walls.get(name) ?? [];
      return [name, { value: stats(v), wall: wall.length > 0 ? stats(wall) : undefined }];
    }),
  );
}

/** Whether a contender limited to `own` rounds (of `all`) runs in `round` (negative: warm-up). */
function takesPart(own: number | undefined, round: number, all: number): boolean {
  if (own === undefined || own >= all) return true;
  if (round < 0) return round === -1; // slow baselines warm up once
  return round % Math.ceil(all / own) === 0;
}

/** Time per task of `run(n)` done `repeat` times in a row, after a full GC. */
export async function timePerTask(
  n: number,
  run: (n: number) => Promise<void>,
  repeat = 1,
): Promise<Sample> {
  gcOnce();
  const clock = startClock();
  for (let r = 0; r < repeat; r++) await run(n);
  return clock.stop(n * repeat);
}
