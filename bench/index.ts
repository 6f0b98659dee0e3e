/**
 * `npm run bench`: every case, engine and baselines side by side in one process, then the
 * summary. See bench/README.md. Environment:
 * - BENCH_QUICK=1: a smoke run (a tenth of the sizes, two rounds), in seconds;
 * - BENCH_ONLY=spawn,limit,signal,cancel,heap,longlived,actions,actionlived,dist: only those cases;
 * - BENCH_DIST=path/to/core.js: the shipped build to measure (default dist/core.js, if built).
 */
import os from "node:os";
import * as actions from "./actions.js";
import * as cancel from "./cancel.js";
import { distBare, distRunner, loadDist } from "./dist.js";
import type { Measured, RoundsOptions } from "./harness.js";
import { type LongLivedResult, longLived } from "./longlived.js";
import * as memory from "./memory.js";
import { caseLines, longLivedLines, type Row, summary, type Unit } from "./report.js";
import * as throughput from "./throughput.js";

const quick = process.env.BENCH_QUICK === "1";
const only = process.env.BENCH_ONLY?.split(",").map((s) => s.trim());
const runs = (name: string) => !only || only.includes(name);
const scale = (n: number) => (quick ? Math.max(1, Math.round(n / 10)) : n);
const rounds = (measured: number, warmup: number, warmupSize?: number): RoundsOptions => {
  if (quick) return { rounds: Math.min(measured, 2), warmup: 1 };
  return warmupSize === undefined
    ? { rounds: measured, warmup }
    : { rounds: measured, warmup, warmupSize };
};
const count = (n: number) => n.toLocaleString("en-US");
const short = (n: number) =>
  n >= 1_000_000 ? `${n / 1_000_000}M` : n >= 1000 ? `${n / 1000}k` : String(n);

let lap = performance.now();
function show(title: string, unit: Unit, results: Map<string, Measured>, floor?: string): void {
  const now = performance.now();
  const took = `  [${((now - lap) / 1000).toFixed(1)} s, load ${loadAverage()}]`;
  lap = now;
  console.log(caseLines(title, unit, results, floor).join("\n") + took);
}

function loadAverage(): string {
  return os.loadavg()[0]?.toFixed(1) ?? "?";
}

/** (1) spawn + settle of trivial async tasks, no limit. */
async function spawnSettle(rows: Row[]): Promise<void> {
  const sizes = [
    { n: 1_000, repeat: 10, options: rounds(40, 10), effection: 3 },
    { n: 10_000, repeat: 1, options: rounds(25, 3), effection: 2 },
    { n: 100_000, repeat: 1, options: rounds(5, 1, 10_000), effection: 0 },
  ];
  for (const { n, repeat, options, effection } of sizes) {
    const size = scale(n);
    const runners = [throughput.engine, throughput.floor, throughput.promiseAll];
    if (effection > 0) runners.push(throughput.effection(effection));
    const results = await throughput.spawnSettle(size, runners, options, repeat);
    show(`spawn + settle ${count(size)} tasks`, "time", results);
    rows.push({
      label: `spawn+settle ${short(size)}`,
      unit: "time",
      results,
      floor: "floor",
      others: [
        { name: "Promise.all", column: "Promise.all" },
        effection > 0
          ? { name: "Effection", column: "Effection" }
          : { name: "Effection", column: "Effection", note: "(skipped: ~0.1 ms/task)" },
      ],
    });
  }
}

/** (2) spawn + settle under `limit: 8`. */
async function limited(rows: Row[]): Promise<void> {
  const sizes = [
    { n: 10_000, options: rounds(10, 2) },
    { n: 100_000, options: rounds(2, 0) },
  ];
  for (const { n, options } of sizes) {
    const size = scale(n);
    const runners = [throughput.engineLimited, throughput.floorLimited, throughput.pLimited];
    const results = await throughput.spawnSettle(size, runners, options);
    show(`spawn + settle ${count(size)} tasks, limit ${throughput.LIMIT}`, "time", results);
    rows.push({
      label: `limit ${throughput.LIMIT}, ${short(size)}`,
      unit: "time",
      results,
      floor: "floor",
      others: [{ name: "p-limit", column: "p-limit" }],
    });
  }
}

/** (2b) spawn + settle with one outside signal shared by every task (`{ signal }`). */
async function sharedSignal(rows: Row[]): Promise<void> {
  const size = scale(10_000);
  const runners = [throughput.engineShared, throughput.floorShared];
  const results = await throughput.spawnSettle(size, runners, rounds(6, 1, 1_000));
  show(`spawn + settle ${count(size)} tasks, one shared { signal }`, "time", results);
  rows.push({ label: `shared signal, ${short(size)}`, unit: "time", results, floor: "floor" });
}

/** (3) cancel pending tasks: from cancel() until the join settled. */
async function cancellation(rows: Row[]): Promise<void> {
  const size = scale(100_000);
  const effectionSize = scale(10_000);
  const { results, failed } = await cancel.cancelPending(
    size,
    [cancel.engine, cancel.floor, cancel.effection(effectionSize, 2)],
    rounds(3, 1, 10_000),
  );
  show(`cancel ${count(size)} pending tasks (cancel() → settled)`, "time", results);
  rows.push({
    label: `abort ${short(size)} pending`,
    unit: "time",
    results,
    floor: "floor",
    others: [{ name: "Effection", column: "Effection", note: ` @${short(effectionSize)}` }],
    ...(failed.size > 0 ? { problem: [...failed].join(", ") } : {}),
  });
}

/** (4) heap per pending task. */
async function heap(rows: Row[]): Promise<void> {
  const size = scale(100_000);
  const effectionSize = scale(10_000);
  const abortable = await memory.heapPerPendingTask(
    size,
    [memory.engineAbortable, memory.floorAbortable, memory.effectionSuspended(effectionSize, 1)],
    rounds(1, 1, 10_000),
  );
  show(`heap per pending task, ${count(size)} abortable tasks`, "bytes", abortable);
  rows.push({
    label: `heap/task ${short(size)} abortable`,
    unit: "bytes",
    results: abortable,
    floor: "floor",
    others: [{ name: "Effection", column: "Effection", note: ` @${short(effectionSize)}` }],
  });
  const bare = await memory.heapPerPendingTask(
    size,
    [memory.engineBare, memory.floorBare, memory.promiseAllBare],
    rounds(2, 1, 10_000),
  );
  show(`heap per pending task, ${count(size)} bare async tasks`, "bytes", bare);
  rows.push({
    label: `heap/task ${short(size)} bare`,
    unit: "bytes",
    results: bare,
    floor: "floor",
    others: [{ name: "Promise.all", column: "Promise.all" }],
  });
}

/** (7) actions against hand-written code, and spawn with an unused `retry` against without. */
async function actionCases(rows: Row[]): Promise<void> {
  const size = scale(10_000);
  const cases = [
    {
      title: `restart: ${count(size)} runs, each cancelling the one before (vs AbortController switch + Set)`,
      label: `action restart ${short(size)}`,
      runners: [actions.restartEngine, actions.restartHand],
      target: undefined,
    },
    {
      title: `enqueue, limit 1: ${count(size)} runs one at a time (vs promise chain + controller per run)`,
      label: `action enqueue ${short(size)}`,
      runners: [actions.enqueueEngine, actions.enqueueHand],
      target: undefined,
    },
    {
      title: `spawn + settle ${count(size)} tasks with { retry: 2 } unused (vs without retry)`,
      label: `spawn retry unused ${short(size)}`,
      runners: [actions.spawnWithRetry, actions.spawnWithoutRetry],
      target: 1.05,
    },
  ];
  for (const { title, label, runners, target } of cases) {
    const results = await throughput.spawnSettle(size, runners, rounds(20, 3));
    show(title, "time", results, actions.HAND);
    rows.push({
      label,
      unit: "time",
      results,
      floor: actions.HAND,
      ...(target === undefined ? {} : { target }),
    });
  }
}

/** (6) the shipped build, when there is one. */
async function shipped(rows: Row[]): Promise<void> {
  const dist = await loadDist();
  if (!dist) {
    console.log(
      "\nshipped build: no dist/core.js (npm run build, or BENCH_DIST=…/core.js): skipped",
    );
    return;
  }
  const size = scale(10_000);
  const runners = [distRunner(dist.TaskGroup), throughput.floor];
  const results = await throughput.spawnSettle(size, runners, rounds(8, 2));
  const built = dist.built.toISOString().slice(0, 16).replace("T", " ");
  console.log(`\nshipped build: ${dist.path}, built ${built} UTC (rebuild after changing src/)`);
  show(`shipped build: spawn + settle ${count(size)} tasks`, "time", results);
  rows.push({ label: `dist: spawn+settle ${short(size)}`, unit: "time", results, floor: "floor" });
  const heapSize = scale(100_000);
  const holders = [distBare(dist.TaskGroup), memory.floorBare];
  const heapResults = await memory.heapPerPendingTask(heapSize, holders, rounds(1, 1, 10_000));
  show(
    `shipped build: heap per pending task, ${count(heapSize)} bare async tasks`,
    "bytes",
    heapResults,
  );
  rows.push({
    label: `dist: heap/task ${short(heapSize)} bare`,
    unit: "bytes",
    results: heapResults,
    floor: "floor",
  });
}

const started = performance.now();
const cpus = os.cpus();
console.log(
  `react-taskgroup bench: Node ${process.versions.node}, V8 ${process.versions.v8}, ` +
    `${cpus.length} × ${cpus[0]?.model.trim() ?? "cpu"}, load ${loadAverage()}` +
    `${quick ? " (BENCH_QUICK)" : ""}`,
);
console.log(
  "Per task: median of interleaved rounds, each after a full GC. cpu = process CPU time (all\n" +
    "threads), the compared value; wall = elapsed time, beside it. [min .. max] of the samples.",
);

const rows: Row[] = [];
if (runs("spawn")) await spawnSettle(rows);
if (runs("limit")) await limited(rows);
if (runs("signal")) await sharedSignal(rows);
if (runs("cancel")) await cancellation(rows);
if (runs("heap")) await heap(rows);
// (5) one long-lived group.
let lived: LongLivedResult | undefined;
if (runs("longlived")) {
  lived = await longLived(scale(1_000_000));
  const took = ((performance.now() - lap) / 1000).toFixed(1);
  console.log(`\n${longLivedLines(lived).join("\n")}  [${took} s, load ${loadAverage()}]`);
  console.log(
    `  heap samples (MiB): ${lived.heap.map((h) => (h.bytes / 2 ** 20).toFixed(2)).join(" ")}`,
  );
  lap = performance.now();
}
if (runs("actions")) await actionCases(rows);
let livedAction: LongLivedResult | undefined;
if (runs("actionlived")) {
  livedAction = await actions.longLivedAction(scale(1_000_000));
  const lines = longLivedLines(livedAction);
  lines[0] = (lines[0] ?? "")
    .replace("long-lived group", "long-lived action")
    .replace("tasks", "runs");
  console.log(`\n${lines.join("\n")}`);
  lap = performance.now();
}
if (runs("dist")) await shipped(rows);

console.log(`\n${"=".repeat(34)} summary ${"=".repeat(34)}`);
console.log(
  "ratio = TaskGroup / raw floor (per-task AbortController, one group listener, a Set of child\n" +
    "controllers, Promise.allSettled), on CPU time per task or heap bytes per pending task;\n" +
    "wall ratio = the same on elapsed time. Baselines: value (x floor). Lower is better.\n",
);
console.log(summary(rows, lived));
if (livedAction) {
  const lines = longLivedLines(livedAction);
  lines[0] = (lines[0] ?? "")
    .replace("long-lived group", "long-lived action")
    .replace("tasks", "runs");
  console.log(`\n${lines.join("\n")}`);
}
console.log(`\ntotal ${((performance.now() - started) / 1000).toFixed(1)} s`);
