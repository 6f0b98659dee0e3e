/**
 * Case 2: the cost of mounting and unmounting a component that starts 100 tasks, each pending
 * until its signal aborts (as a `fetch` would be), against the same component written by hand
 * with `useEffect` and `AbortController`s aborted in the cleanup.
 *
 * One cycle = `flushSync(render(<C/>))` (mount, effects run, tasks start) + `flushSync(render(null))`
 * (unmount, every signal aborts); a sample runs a batch of cycles, then one macrotask turn so that
 * every rejection the aborts cause has settled inside the timed region. A "floor" component with
 * an empty effect and no tasks shows what React and jsdom cost by themselves.
 */

// First: the environment (jsdom, NODE_ENV) must exist before React and the library load.
import "./dom.js";
import {
  createElement as h,
  useEffect,
  useLayoutEffect,
  useMemo,
  useState,
  useSyncExternalStore,
} from "react";
import { flushSync } from "react-dom";
import { createRoot } from "react-dom/client";
import { type TaskGroup, useTaskGroup, useTasks } from "../../src/index.js";
import { container } from "./dom.js";
import {
  fmt,
  interleave,
  median,
  nextTurn,
  pairedRatio,
  type Row,
  type Stat,
  Stopwatch,
  type Variant,
} from "./harness.js";

/** Like {@link pairedRatio}, of the time over the floor's in the same round. */
function pairedNetRatio(a: Stat, base: Stat, floor: Stat): number {
  return median(
    a.times.map((t, i) => {
      const f = floor.times[i] ?? Number.NaN;
      return (t - f) / ((base.times[i] ?? Number.NaN) - f);
    }),
  );
}

/** Tasks per component. */
export const TASKS = 100;
const CYCLES = 10;
const ROUNDS = 30;

let started = 0;
let aborted = 0;
const noop = () => {};

/** A load that never finishes by itself: it rejects when its signal aborts, as `fetch` does. */
function pendingUntilAborted(signal: AbortSignal): Promise<never> {
  started++;
  return new Promise<never>((_, reject) => {
    signal.addEventListener(
      "abort",
      () => {
        aborted++;
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

function Floor() {
  useEffect(() => noop, []);
  return h("div", null, "floor");
}

/** By hand: one AbortController per task, all aborted in the effect's cleanup. */
function HandPerTask() {
  useEffect(() => {
    const controllers: AbortController[] = [];
    for (let i = 0; i < TASKS; i++) {
      const controller = new AbortController();
      controllers.push(controller);
      pendingUntilAborted(controller.signal).catch(noop);
    }
    return () => {
      for (const controller of controllers) controller.abort();
    };
  }, []);
  return h("div", null, "hand");
}

const UNMOUNTED = new Error("unmounted");

/** The same, aborted with one reason made once (`abort()` makes a DOMException per signal). */
function HandPerTaskReason() {
  useEffect(() => {
    const controllers: AbortController[] = [];
    for (let i = 0; i < TASKS; i++) {
      const controller = new AbortController();
      controllers.push(controller);
      pendingUntilAborted(controller.signal).catch(noop);
    }
    return () => {
      for (const controller of controllers) controller.abort(UNMOUNTED);
    };
  }, []);
  return h("div", null, "hand");
}

/** By hand: one AbortController shared by all the tasks. */
function HandShared() {
  useEffect(() => {
    const controller = new AbortController();
    for (let i = 0; i < TASKS; i++) pendingUntilAborted(controller.signal).catch(noop);
    return () => controller.abort();
  }, []);
  return h("div", null, "shared");
}

/** The library: spawn from an effect; unmount cancels the group. */
function WithTaskGroup() {
  const { spawn } = useTaskGroup();
  useEffect(() => {
    for (let i = 0; i < TASKS; i++) spawn(pendingUntilAborted);
  }, [spawn]);
  return h("div", null, "useTaskGroup");
}

const spawnAll = (group: TaskGroup) => {
  for (let i = 0; i < TASKS; i++) group.spawn(pendingUntilAborted);
  return group;
};

/** The library: `useTasks` spawns during render; the tasks start at commit. */
function WithUseTasks() {
  useTasks(spawnAll, []);
  return h("div", null, "useTasks");
}

// --- 100 components with one task each: the per-component cost -----------------------------------

const ROWS = 100;

function HandRow() {
  useEffect(() => {
    const controller = new AbortController();
    pendingUntilAborted(controller.signal).catch(noop);
    return () => controller.abort();
  }, []);
  return h("li", null, "row");
}

function TaskGroupRow() {
  const { spawn } = useTaskGroup();
  useEffect(() => {
    spawn(pendingUntilAborted);
  }, [spawn]);
  return h("li", null, "row");
}

function FloorRow() {
  useEffect(() => noop, []);
  return h("li", null, "row");
}

const list = (row: () => unknown) => {
  const items = Array.from({ length: ROWS }, (_, i) => h(row as () => null, { key: i }));
  return () => h("ul", null, items);
};

function variant(name: string, component: () => unknown, tasks: number): Variant {
  const root = createRoot(container());
  const element = h(component as () => null);
  // flushSync runs the effects of a sync render before it returns, cleanups included: check it
  // once, so that a cycle really is a whole mount and unmount.
  started = aborted = 0;
  flushSync(() => root.render(element));
  if (started !== tasks) throw new Error(`${name}: ${started} of ${tasks} started in the commit`);
  flushSync(() => root.render(null));
  if (aborted !== tasks) throw new Error(`${name}: ${aborted} of ${tasks} aborted at unmount`);
  return {
    name,
    sample: async () => {
      started = aborted = 0;
      const watch = new Stopwatch();
      watch.start();
      for (let i = 0; i < CYCLES; i++) {
        flushSync(() => root.render(element));
        flushSync(() => root.render(null));
      }
      await nextTurn();
      watch.stop();
      if (started !== tasks * CYCLES || aborted !== tasks * CYCLES) {
        throw new Error(`${name}: ${started} started, ${aborted} aborted per sample`);
      }
      return { ops: CYCLES, watch };
    },
  };
}

/** Interleaves `variants`, prints them, and makes rows with ratios to the first, net of the last. */
async function measure(
  bench: string,
  variants: Variant[],
  log: (line: string) => void,
): Promise<Row[]> {
  const timings = await interleave(variants, ROUNDS, 3);
  const base = timings[0];
  const floor = timings[timings.length - 1];
  if (!base || !floor) throw new Error("mountUnmount: missing results");
  const rows: Row[] = [];
  log(`  ${bench}: ${CYCLES} cycles per sample, ${ROUNDS} samples each; medians per cycle:`);
  log(
    `    ${"".padEnd(46)} ${"CPU µs".padStart(8)}  ${"IQR".padStart(5)}  ${"wall µs".padStart(8)}  ${"IQR".padStart(5)}  CPU over floor`,
  );
  for (const t of timings) {
    log(
      `    ${t.name.padEnd(46)} ${fmt(t.cpu.us, 1).padStart(8)}  ${`±${t.cpu.iqr.toFixed(0)}%`.padStart(5)}  ${fmt(t.wall.us, 1).padStart(8)}  ${`±${t.wall.iqr.toFixed(0)}%`.padStart(5)}  ${fmt(t.cpu.us - floor.cpu.us, 1)}`,
    );
  }
  for (const t of timings) {
    rows.push({
      bench,
      variant: t.name,
      metric: "CPU µs/cycle",
      value: t.cpu.us,
      baseline: t === base ? undefined : base.cpu.us,
      ratio: pairedRatio(t.cpu, base.cpu),
      note: `IQR ±${t.cpu.iqr.toFixed(0)}%; wall ${fmt(t.wall.us, 0)} µs`,
    });
  }
  for (const t of timings) {
    if (t === floor) continue;
    rows.push({
      bench: `${bench}, minus floor`,
      variant: t.name,
      metric: "CPU µs/cycle",
      value: t.cpu.us - floor.cpu.us,
      baseline: t === base ? undefined : base.cpu.us - floor.cpu.us,
      ratio: pairedNetRatio(t.cpu, base.cpu, floor.cpu),
      note: t === base ? `floor ${fmt(floor.cpu.us, 1)} µs` : undefined,
    });
  }
  return rows;
}

// --- 100 idle rows: a component holding a useTaskGroup it has not used yet ------------------------

/** A list row with a Save button that would spawn the save: nothing is clicked. */
function PlainSaveRow() {
  return h("li", null, h("button", { type: "button", onClick: noop }, "Save"));
}

function IdleSaveRow() {
  const { spawn } = useTaskGroup();
  const save = () => spawn(pendingUntilAborted);
  return h("li", null, h("button", { type: "button", onClick: save }, "Save"));
}

const REFERENCE_SNAPSHOT = { status: "open" };
const referenceSubscribe = () => noop;
const referenceSnapshot = () => REFERENCE_SNAPSHOT;

/**
 * Reference, not a baseline: the same row with the React hooks `useTaskGroup` is made of
 * (`useState`, `useSyncExternalStore`, `useLayoutEffect`, `useMemo`) doing nothing. What React
 * charges for the hook's shape, so that the rest of the gap is ours.
 */
function ReactHooksRow() {
  const [state] = useState(() => ({ mount: () => noop }));
  const snapshot = useSyncExternalStore(referenceSubscribe, referenceSnapshot, referenceSnapshot);
  useLayoutEffect(() => state.mount(), [state]);
  const handle = useMemo(() => ({ snapshot, state }), [snapshot, state]);
  const save = () => handle;
  return h("li", null, h("button", { type: "button", onClick: save }, "Save"));
}

/** 100 components, one task each: the per-component cost against useEffect + AbortController. */
export async function runRows(log: (line: string) => void): Promise<Row[]> {
  return measure(
    `mount+unmount, ${ROWS} components × 1 running task`,
    [
      variant("hand: useEffect + AbortController", list(HandRow), ROWS),
      variant("useTaskGroup, spawn in useEffect", list(TaskGroupRow), ROWS),
      variant("floor: empty effect, no tasks", list(FloorRow), 0),
    ],
    log,
  );
}

/** The cost of holding a hook that is never used: 100 rows that render a Save button. */
export async function runIdle(log: (line: string) => void): Promise<Row[]> {
  return measure(
    `mount+unmount, ${ROWS} idle rows (a Save button, nothing clicked)`,
    [
      variant("without the hook", list(PlainSaveRow), 0),
      variant("with an unused useTaskGroup", list(IdleSaveRow), 0),
      variant("reference: the hook's React hooks, empty", list(ReactHooksRow), 0),
      variant("floor: empty effect, no tasks", list(FloorRow), 0),
    ],
    log,
  );
}

export async function runMountUnmount(log: (line: string) => void): Promise<Row[]> {
  const one = await measure(
    `mount+unmount, 1 component × ${TASKS} running tasks`,
    [
      variant("hand: useEffect + AbortController per task", HandPerTask, TASKS),
      variant("hand: same, abort(reason) with one reason", HandPerTaskReason, TASKS),
      variant("hand: useEffect + one shared AbortController", HandShared, TASKS),
      variant("useTaskGroup, spawn in useEffect", WithTaskGroup, TASKS),
      variant("useTasks, spawn in setup", WithUseTasks, TASKS),
      variant("floor: empty effect, no tasks", Floor, 0),
    ],
    log,
  );
  const many = await runRows(log);
  return [...one, ...many, ...(await runIdle(log))];
}
