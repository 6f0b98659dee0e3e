/**
 * Case 1: owner renders per burst. A click spawns 200 tasks that all settle within one macrotask
 * turn, one microtask after another. We count the owner's renders per burst (not its mount) and
 * time the burst from the click to the commit that shows all 200 settled.
 *
 * - progress: the owner shows how many tasks settled (a progress bar).
 * - spawn-only: the owner spawns and renders nothing about its tasks.
 *
 * Baselines, in the same run: a hand-written `useState` counter incremented per settle (React's
 * own automatic batching only), the same with `useReducer`, and two that show what the library's
 * two mechanisms buy: a `useSyncExternalStore` over a store that notifies on every settle (no
 * coalescing) and one over the engine's group directly (coalesced, but every field tracked).
 */

// First: the environment (jsdom, NODE_ENV) must exist before React and the library load.
import "./dom.js";
import {
  createElement as h,
  useLayoutEffect,
  useReducer,
  useState,
  useSyncExternalStore,
} from "react";
import { flushSync } from "react-dom";
import { createRoot, type Root } from "react-dom/client";
import { TaskGroup, useTaskGroup } from "../../src/index.js";
import { container, win } from "./dom.js";
import { gc, median, minorGc, nextTimer, nextTurn, type Row, Stopwatch } from "./harness.js";

/** Tasks per burst. */
export const BURST = 200;
/** A burst too small to hide the notification's timer behind the tasks' own work. */
const SMALL_BURST = 10;
let burstSize = BURST;

/**
 * `burstSize` promises settling one microtask after another, all within the current macrotask
 * turn: the n-th resolves n microtasks from now.
 */
function staggered(): Promise<number>[] {
  const steps: Promise<number>[] = [];
  let step = Promise.resolve(0);
  for (let i = 0; i < burstSize; i++) {
    step = step.then(() => i);
    steps.push(step);
  }
  return steps;
}

// What the harness observes: renders of the owner, and the progress its last commit showed.
let renders = 0;
let shown = 0;
let waitFor: { target: number; resolve: () => void } | undefined;

function useProbe(value: number): void {
  renders++;
  useLayoutEffect(() => {
    shown = value;
    if (waitFor && value >= waitFor.target) {
      const { resolve } = waitFor;
      waitFor = undefined;
      resolve();
    }
  });
}

function button(label: string | number, onClick: () => void) {
  return h("button", { type: "button", onClick }, label);
}

// --- progress: the owner shows `settled` ---------------------------------------------------------

function LibraryProgress() {
  const { spawn, settled } = useTaskGroup();
  useProbe(settled);
  const onClick = () => {
    const steps = staggered();
    for (const step of steps) spawn(() => step);
  };
  return button(settled, onClick);
}

function StateProgress() {
  const [settled, setSettled] = useState(0);
  useProbe(settled);
  const onClick = () => {
    for (const step of staggered()) step.then(() => setSettled((n) => n + 1));
  };
  return button(settled, onClick);
}

const increment = (n: number) => n + 1;

function ReducerProgress() {
  const [settled, settle] = useReducer(increment, 0);
  useProbe(settled);
  const onClick = () => {
    for (const step of staggered()) step.then(settle);
  };
  return button(settled, onClick);
}

/** A minimal store that tells its listeners on every change: what the library's coalescing replaces. */
class CountStore {
  count = 0;
  #listeners = new Set<() => void>();
  subscribe = (listener: () => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };
  getSnapshot = () => this.count;
  bump = () => {
    this.count++;
    for (const listener of this.#listeners) listener();
  };
}

function EagerStoreProgress() {
  const [store] = useState(() => new CountStore());
  const settled = useSyncExternalStore(store.subscribe, store.getSnapshot);
  useProbe(settled);
  const onClick = () => {
    for (const step of staggered()) step.then(store.bump);
  };
  return button(settled, onClick);
}

const subscribeTo = (group: TaskGroup) => (listener: () => void) => group.subscribe(listener);

/**
 * The engine's group read directly through `useSyncExternalStore`, without the binding: coalesced
 * notifications, but no field tracking and no cancel on unmount. Against `useTaskGroup`, it
 * shows what the binding itself costs.
 */
function GroupStoreProgress() {
  const [group] = useState(() => new TaskGroup());
  const [subscribe] = useState(() => subscribeTo(group));
  const { settled } = useSyncExternalStore(subscribe, () => group.getSnapshot());
  useProbe(settled);
  const onClick = () => {
    for (const step of staggered()) group.spawn(() => step);
  };
  return button(settled, onClick);
}

// --- spawn-only: the owner reads nothing about its tasks -----------------------------------------

let spawnedSteps: Promise<number>[] = [];

function LibrarySpawnOnly() {
  const { spawn } = useTaskGroup();
  useProbe(0);
  const onClick = () => {
    spawnedSteps = staggered();
    for (const step of spawnedSteps) spawn(() => step);
  };
  return button("go", onClick);
}

function StateSpawnOnly() {
  const [, setSettled] = useState(0);
  useProbe(0);
  const onClick = () => {
    spawnedSteps = staggered();
    for (const step of spawnedSteps) step.then(() => setSettled((n) => n + 1));
  };
  return button("go", onClick);
}

function ReducerSpawnOnly() {
  const [, settle] = useReducer(increment, 0);
  useProbe(0);
  const onClick = () => {
    spawnedSteps = staggered();
    for (const step of spawnedSteps) step.then(settle);
  };
  return button("go", onClick);
}

/** The engine's group read directly through `useSyncExternalStore`: coalesced, but untracked. */
function GroupStoreSpawnOnly() {
  const [group] = useState(() => new TaskGroup());
  const [subscribe] = useState(() => subscribeTo(group));
  useSyncExternalStore(subscribe, () => group.getSnapshot());
  useProbe(0);
  const onClick = () => {
    spawnedSteps = staggered();
    for (const step of spawnedSteps) group.spawn(() => step);
  };
  return button("go", onClick);
}

// --- the harness ---------------------------------------------------------------------------------

interface Mounted {
  root: Root;
  button: HTMLButtonElement;
}

function mount(component: () => unknown): Mounted {
  const host = container();
  const root = createRoot(host);
  flushSync(() => root.render(h(component as () => null)));
  const found = host.querySelector("button");
  if (!found) throw new Error("renders: the component rendered no button");
  return { root, button: found };
}

function click(target: HTMLButtonElement): void {
  target.dispatchEvent(new win.MouseEvent("click", { bubbles: true, cancelable: true }));
}

/** Lets every trailing notification and render of a burst happen before we count. */
async function quiesce(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await nextTimer();
    await nextTurn();
  }
}

interface BurstResult {
  renders: number[];
  /** Wall time from the click to the commit that shows every task settled. */
  ms: number[];
  /** CPU time over the same span. */
  cpuMs: number[];
}

interface Case {
  readonly name: string;
  readonly component: () => unknown;
  /** The owner shows progress: time the burst to the commit that shows it done. */
  readonly progress: boolean;
  readonly size: number;
  readonly result: BurstResult;
}

/** Clicks `count` times; per burst, the owner's renders and (progress) the time to the final commit. */
async function bursts(c: Case, count: number, keep: boolean): Promise<void> {
  burstSize = c.size;
  const { root, button: target } = mount(c.component);
  await quiesce();
  for (let i = 0; i < count; i++) {
    minorGc();
    await nextTurn();
    renders = 0;
    const goal = shown + c.size;
    const committed = c.progress
      ? new Promise<void>((resolve) => {
          waitFor = { target: goal, resolve };
        })
      : undefined;
    const watch = new Stopwatch();
    watch.start();
    click(target);
    if (committed) {
      await committed;
      watch.stop();
    } else {
      await Promise.all(spawnedSteps);
    }
    await quiesce();
    if (c.progress && shown !== goal) throw new Error(`${c.name}: showed ${shown}, not ${goal}`);
    if (!keep) continue;
    c.result.renders.push(renders);
    if (c.progress) {
      c.result.ms.push(watch.wallMs);
      c.result.cpuMs.push(watch.cpuMs);
    }
  }
  flushSync(() => root.unmount());
}

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

function makeCase(name: string, component: () => unknown, progress: boolean, size = BURST): Case {
  return { name, component, progress, size, result: { renders: [], ms: [], cpuMs: [] } };
}

export async function runRenders(log: (line: string) => void): Promise<Row[]> {
  const COUNT = 45;
  const SLICES = 3;
  const progress = [
    makeCase("useTaskGroup, reads settled", LibraryProgress, true),
    makeCase("useState counter per settle", StateProgress, true),
    makeCase("useReducer per settle", ReducerProgress, true),
    makeCase("uSES on TaskGroup directly", GroupStoreProgress, true),
    makeCase("uSES store, notify per settle", EagerStoreProgress, true),
  ];
  const small = [
    makeCase("useTaskGroup, reads settled", LibraryProgress, true, SMALL_BURST),
    makeCase("useState counter per settle", StateProgress, true, SMALL_BURST),
  ];
  const spawnOnly = [
    makeCase("useTaskGroup, reads nothing", LibrarySpawnOnly, false),
    makeCase("useState counter per settle", StateSpawnOnly, false),
    makeCase("useReducer per settle", ReducerSpawnOnly, false),
    makeCase("uSES on TaskGroup directly", GroupStoreSpawnOnly, false),
  ];
  const all = [...progress, ...small, ...spawnOnly];

  gc();
  // Warm every path up, then measure in slices so that no variant runs all its bursts first.
  for (const c of all) await bursts(c, 5, false);
  for (let slice = 0; slice < SLICES; slice++) {
    for (const c of all) await bursts(c, COUNT / SLICES, true);
  }

  const rows: Row[] = [];
  const bench = `renders per burst (${BURST} tasks settle in 1 turn)`;
  const rendersRow = (c: Case, base: Case, group: string, note?: string): Row => ({
    bench,
    variant: `${group}: ${c.name}`,
    metric: "renders",
    value: mean(c.result.renders),
    baseline: c === base ? undefined : mean(base.result.renders),
    digits: 2,
    note,
  });
  const latencyRows = (cases: Case[], base: Case, size: number, notes: Map<Case, string>) => {
    const what = `click → ${size} settled committed`;
    for (const metric of ["CPU ms", "wall ms"] as const) {
      for (const c of cases) {
        const pick = (r: BurstResult) => median(metric === "CPU ms" ? r.cpuMs : r.ms);
        rows.push({
          bench: what,
          variant: `progress: ${c.name}`,
          metric: `${metric} (median)`,
          value: pick(c.result),
          baseline: c === base ? undefined : pick(base.result),
          digits: 3,
          note: metric === "wall ms" ? notes.get(c) : undefined,
        });
      }
    }
  };
  const line = (c: Case) => {
    const r = c.result;
    const times = c.progress
      ? `   click→commit ${median(r.ms).toFixed(3)} ms wall, ${median(r.cpuMs).toFixed(3)} ms CPU`
      : "";
    return `    ${c.name.padEnd(30)} renders/burst mean ${mean(r.renders).toFixed(2)}, max ${Math.max(...r.renders)}${times}`;
  };

  const [libProgress, stateProgress] = progress as [Case, Case];
  log(`  progress (reads settled), ${BURST} tasks, ${COUNT} bursts each (medians):`);
  for (const c of progress) log(line(c));
  log(`  progress, ${SMALL_BURST} tasks, ${COUNT} bursts each:`);
  for (const c of small) log(line(c));
  log(`  spawn-only (reads nothing), ${BURST} tasks, ${COUNT} bursts each:`);
  for (const c of spawnOnly) log(line(c));

  for (const c of progress)
    rows.push(
      rendersRow(c, stateProgress, "progress", c === libProgress ? "target ≤ 2" : undefined),
    );
  const [libSpawn, stateSpawn] = spawnOnly as [Case, Case];
  for (const c of spawnOnly)
    rows.push(rendersRow(c, stateSpawn, "spawn-only", c === libSpawn ? "target 0" : undefined));
  latencyRows(progress, stateProgress, BURST, new Map());
  const [libSmall, stateSmall] = small as [Case, Case];
  latencyRows(
    small,
    stateSmall,
    SMALL_BURST,
    new Map([
      [libSmall, "the flush waits for a setTimeout(0)"],
      [stateSmall, "React renders on a setImmediate"],
    ]),
  );
  return rows;
}
