/** Formatting: per-case lines as the suite runs, and the final summary table. */
import type { Measured } from "./harness.js";
import type { LongLivedResult } from "./longlived.js";

/** The targets: the engine at most this many times the raw floor, per task and per byte. */
export const TARGET = 1.3;

export type Unit = "time" | "bytes";

/** One row of the summary: the engine against the floor, and the other baselines beside. */
export interface Row {
  readonly label: string;
  readonly unit: Unit;
  readonly results: Map<string, Measured>;
  /** Name of the floor contender in `results`. */
  readonly floor?: string;
  /** Baselines shown beside, in order: name in `results` and column. */
  readonly others?: readonly {
    readonly name: string;
    readonly column: string;
    readonly note?: string;
  }[];
  /** A wrong outcome seen while measuring (should never happen). */
  readonly problem?: string;
  /** The row's own target ratio, instead of {@link TARGET}. */
  readonly target?: number;
}

export function formatValue(value: number | undefined, unit: Unit): string {
  if (value === undefined || Number.isNaN(value)) return "–";
  if (unit === "bytes") return `${Math.round(value).toLocaleString("en-US")} B`;
  if (value >= 10_000) return `${(value / 1000).toFixed(1)} µs`;
  if (value >= 1000) return `${(value / 1000).toFixed(2)} µs`;
  return `${value.toFixed(0)} ns`;
}

export function formatBytes(bytes: number): string {
  const sign = bytes < 0 ? "-" : "+";
  const abs = Math.abs(bytes);
  if (abs >= 1 << 20) return `${sign}${(abs / (1 << 20)).toFixed(2)} MiB`;
  if (abs >= 1 << 10) return `${sign}${(abs / (1 << 10)).toFixed(1)} KiB`;
  return `${sign}${abs} B`;
}

/**
 * The lines printed as soon as a case is done: every contender's median, min and max (CPU time
 * or bytes), its ratio to the floor, and for times the median wall time and its ratio.
 */
export function caseLines(
  title: string,
  unit: Unit,
  results: Map<string, Measured>,
  floorName = "floor",
): string[] {
  const lines = [`\n${title}`];
  const floor = results.get(floorName);
  for (const [name, { value: s, wall }] of results) {
    if (s.samples === 0) continue;
    const ratio = floor ? `  ${(s.median / floor.value.median).toFixed(2)}x` : "";
    let line =
      `  ${name.padEnd(12)} ${unit === "time" ? "cpu" : "heap"} ${formatValue(s.median, unit).padStart(9)}` +
      ` [${formatValue(s.min, unit)} .. ${formatValue(s.max, unit)}]${ratio}`;
    if (wall) {
      const wallRatio = floor?.wall ? ` ${(wall.median / floor.wall.median).toFixed(2)}x` : "";
      line += `   wall ${formatValue(wall.median, unit).padStart(9)}${wallRatio}`;
    }
    lines.push(`${line}   (${s.samples} samples)`);
  }
  return lines;
}

function medianOf(row: Row, name: string | undefined): number | undefined {
  return name === undefined ? undefined : row.results.get(name)?.value.median;
}

function ratioOf(row: Row): number | undefined {
  const engine = medianOf(row, "TaskGroup");
  const floor = medianOf(row, row.floor);
  return engine !== undefined && floor ? engine / floor : undefined;
}

function wallRatioOf(row: Row): number | undefined {
  const engine = row.results.get("TaskGroup")?.wall?.median;
  const floor = row.floor ? row.results.get(row.floor)?.wall?.median : undefined;
  return engine !== undefined && floor ? engine / floor : undefined;
}

function verdict(ratio: number | undefined, problem?: string, target = TARGET): string {
  if (problem) return `WRONG: ${problem}`;
  if (ratio === undefined) return "";
  return ratio <= target ? "ok" : "OVER";
}

/** The final table, plain text, columns padded. */
export function summary(rows: readonly Row[], longLived: LongLivedResult | undefined): string {
  const head = ["case", "TaskGroup", "floor", "ratio", "target", "", "wall ratio"];
  const columns = ["Promise.all", "Effection", "p-limit"];
  const table: string[][] = [[...head, ...columns]];
  for (const row of rows) {
    const ratio = ratioOf(row);
    const wallRatio = wallRatioOf(row);
    const floor = medianOf(row, row.floor);
    const cells = [
      row.label,
      formatValue(medianOf(row, "TaskGroup"), row.unit),
      formatValue(floor, row.unit),
      ratio === undefined ? "–" : `${ratio.toFixed(2)}x`,
      ratio === undefined ? "" : `≤ ${row.target ?? TARGET}x`,
      verdict(ratio, row.problem, row.target),
      wallRatio === undefined ? "" : `${wallRatio.toFixed(2)}x`,
    ];
    for (const column of columns) {
      const other = row.others?.find((o) => o.column === column);
      const value = other ? medianOf(row, other.name) : undefined;
      if (other && value !== undefined && !Number.isNaN(value)) {
        const x = floor ? ` (${(value / floor).toFixed(2)}x)` : "";
        cells.push(`${formatValue(value, row.unit)}${x}${other.note ?? ""}`);
      } else cells.push(other?.note ? other.note.trim() : "");
    }
    table.push(cells);
  }
  const widths = (table[0] ?? []).map((_, c) => Math.max(...table.map((r) => (r[c] ?? "").length)));
  const line = (r: string[]) =>
    r
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
      .join("  ")
      .trimEnd();
  const out = [line(table[0] ?? []), widths.map((w) => "-".repeat(w)).join("  ")];
  for (const r of table.slice(1)) out.push(line(r));
  if (longLived) out.push("", ...longLivedLines(longLived));
  return out.join("\n");
}

export function longLivedLines(r: LongLivedResult): string[] {
  const growth = r.heapAfter - r.heapBefore;
  return [
    `long-lived group, ${r.tasks.toLocaleString("en-US")} tasks with a parent signal ` +
      `(${((r.elapsedMs * 1e6) / r.tasks / 1000).toFixed(2)} µs/task):`,
    `  heap        ${(r.heapBefore / (1 << 20)).toFixed(2)} MiB -> ${(r.heapAfter / (1 << 20)).toFixed(2)} MiB` +
      ` (${formatBytes(growth)}, slope ${r.slope.toFixed(3)} B/task)  target: flat`,
    `  listeners   ${r.listenersBefore} -> ${r.listenersAfter} on the parent signal` +
      ` (peak ${r.listenersPeak} while a batch ran, ${r.listenersAfterJoin} after the parent aborted;` +
      ` join ${r.joinCancelled ? "rejected with CancelledError" : "DID NOT reject with CancelledError"})`,
    `  flat: ${r.flat ? "yes" : "NO"}`,
  ];
}
