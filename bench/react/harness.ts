/**
 * Timing helpers shared by the React cases: interleaved sampling (every round runs each variant
 * once, in a rotating order, so drift and GC pressure hit them alike), medians, and the table.
 * Results are printed, never asserted: a benchmark that fails on a slow machine is noise.
 */

const gcFn = (globalThis as { gc?: (options?: { type: "major" | "minor" }) => void }).gc;

/** A full collection when `--expose-gc` allows it: at the start of a case. */
export function gc(): void {
  gcFn?.();
}

/**
 * A young-generation collection: before each sample, so that one variant's garbage is not the
 * next one's cost. Much cheaper than a full one with jsdom's heap around.
 */
export function minorGc(): void {
  gcFn?.({ type: "minor" });
}

/** True when run with `--expose-gc`. */
export const hasGc = gcFn !== undefined;

/** Resolves on the next macrotask turn (after every pending microtask). */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Resolves after a `setTimeout(0)`: lets timers scheduled before it (the library's flush) fire. */
export const nextTimer = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Resolves after `ms` milliseconds of real time. */
export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Interquartile range as a fraction of the median: how much to trust a ratio. */
export function spread(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const m = median(values);
  return (((at(0.75) as number) - (at(0.25) as number)) / m) * 100;
}

/**
 * Measures wall-clock and CPU time (this process, every thread: `process.cpuUsage`) of the
 * regions between `start()` and `stop()`. CPU time is what a variant costs; unlike wall time it
 * does not grow when other processes take the machine's cores, so it is the steadier measure on a
 * shared machine. Wall time also counts the turns spent waiting for timers.
 */
export class Stopwatch {
  wallMs = 0;
  cpuMs = 0;
  #wall0 = 0;
  #cpu0: NodeJS.CpuUsage | undefined;

  start(): void {
    this.#cpu0 = process.cpuUsage();
    this.#wall0 = performance.now();
  }

  stop(): void {
    this.wallMs += performance.now() - this.#wall0;
    const cpu = process.cpuUsage(this.#cpu0);
    this.cpuMs += (cpu.user + cpu.system) / 1000;
  }
}

/** One timed sample of a variant: how many operations it timed, and the stopwatch that timed them. */
export type Sample = () => Promise<{ ops: number; watch: Stopwatch }>;

export interface Variant {
  readonly name: string;
  readonly sample: Sample;
}

/** The per-operation times of one variant, in microseconds, one per round. */
export interface Stat {
  /** Median over rounds. */
  readonly us: number;
  /** Interquartile range, in percent of the median. */
  readonly iqr: number;
  readonly times: readonly number[];
}

export interface Timing {
  readonly name: string;
  readonly wall: Stat;
  readonly cpu: Stat;
}

function stat(times: readonly number[]): Stat {
  return { us: median(times), iqr: spread(times), times };
}

/**
 * The median over rounds of `a`'s time divided by `base`'s time in the same round: samples taken
 * moments apart see the same machine load, so this ratio is steadier than a ratio of medians.
 */
export function pairedRatio(a: Stat, base: Stat): number {
  return median(a.times.map((t, i) => t / (base.times[i] ?? Number.NaN)));
}

/**
 * Runs `warmup` untimed rounds, then `rounds` timed ones; in each round every variant takes one
 * sample, the order rotating from round to round.
 */
export async function interleave(
  variants: readonly Variant[],
  rounds: number,
  warmup: number,
): Promise<Timing[]> {
  const wall = variants.map(() => [] as number[]);
  const cpu = variants.map(() => [] as number[]);
  gc();
  for (let round = 0; round < warmup + rounds; round++) {
    for (let k = 0; k < variants.length; k++) {
      const i = (round + k) % variants.length;
      const variant = variants[i] as Variant;
      minorGc();
      await nextTurn();
      const { ops, watch } = await variant.sample();
      if (round < warmup) continue;
      wall[i]?.push((watch.wallMs * 1000) / ops);
      cpu[i]?.push((watch.cpuMs * 1000) / ops);
    }
  }
  return variants.map((variant, i) => ({
    name: variant.name,
    wall: stat(wall[i] ?? []),
    cpu: stat(cpu[i] ?? []),
  }));
}

/** One line of the summary table. */
export interface Row {
  readonly bench: string;
  readonly variant: string;
  readonly metric: string;
  readonly value: number;
  /** The baseline's value for the same metric, measured in the same run; undefined for the baseline itself. */
  readonly baseline?: number | undefined;
  /** The ratio to print when not value / baseline (a paired ratio). */
  readonly ratio?: number | undefined;
  readonly note?: string | undefined;
  /** Digits after the point for value and baseline. */
  readonly digits?: number | undefined;
}

export function fmt(value: number, digits = 1): string {
  if (value === Number.POSITIVE_INFINITY) return "never";
  if (!Number.isFinite(value)) return "n/a";
  return value.toLocaleString("en-US", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** The ratio column: value over baseline, or "=" for the baseline row. */
export function ratio(row: Row): string {
  if (row.baseline === undefined) return "(base)";
  if (row.ratio !== undefined) return `${row.ratio.toFixed(2)}×`;
  if (row.value === Number.POSITIVE_INFINITY) return "∞";
  if (row.baseline === 0) return row.value === 0 ? "1.00×" : "∞";
  return `${(row.value / row.baseline).toFixed(2)}×`;
}

/** A plain-text table, columns padded; the columns listed in `right` right-aligned. */
export function table(
  header: readonly string[],
  lines: readonly (readonly string[])[],
  right: ReadonlySet<number> = new Set(),
): string {
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? "").length)));
  const pad = (cells: readonly string[]) =>
    cells
      .map((cell, i) =>
        right.has(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0),
      )
      .join("  ")
      .trimEnd();
  return [pad(header), widths.map((w) => "-".repeat(w)).join("  "), ...lines.map(pad)].join("\n");
}

/** The summary table of rows, one block per bench. */
export function summary(rows: readonly Row[]): string {
  return table(
    ["bench", "variant", "metric", "value", "baseline", "ratio", "note"],
    rows.map((row) => [
      row.bench,
      row.variant,
      row.metric,
      fmt(row.value, row.digits),
      row.baseline === undefined ? "" : fmt(row.baseline, row.digits),
      ratio(row),
      row.note ?? "",
    ]),
    new Set([3, 4, 5]),
  );
}
