/**
 * Case 4: a click → a run → the screen shows its result, with `useAction` against the same
 * component written by hand with `useState` + an `AbortController` per run (aborted at unmount).
 * Both show a busy flag while the work runs and the value after it; the work is a request that
 * answers on the next macrotask turn and honours its signal.
 *
 * - latency: 20 click → commit-with-the-value cycles per sample, CPU and wall time per cycle.
 * - owner renders per run: the library's target is ≤ 2 (start, settle), as by hand.
 * - run-only: a component that only calls `run` re-renders 0 times because of its runs.
 */

// First: the environment (jsdom, NODE_ENV) must exist before React and the library load.
import "./dom.js";
import {
  createElement as h,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  useSyncExternalStore,
} from "react";
import { flushSync } from "react-dom";
import { createRoot } from "react-dom/client";
import { createAction, TaskGroup, useAction } from "../../src/index.js";
import { container, win } from "./dom.js";
import { gc, median, minorGc, nextTurn, type Row, Stopwatch } from "./harness.js";

/** A request: answers on the next macrotask turn, or rejects when its signal aborts. */
function request(value: number, signal: AbortSignal): Promise<number> {
  return new Promise((resolve, reject) => {
    const id = setImmediate(() => {
      signal.removeEventListener("abort", onAbort);
      resolve(value);
    });
    const onAbort = () => {
      clearImmediate(id);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

let renders = 0;
let waiting: { value: number; resolve: () => void } | undefined;

/** Counts the owner's renders and resolves the wait once a commit shows `value`. */
function useProbe(value: number | undefined): void {
  renders++;
  useLayoutEffect(() => {
    if (waiting && value === waiting.value) {
      const { resolve } = waiting;
      waiting = undefined;
      resolve();
    }
  });
}

let next = 0;

function LibraryOwner() {
  const load = useAction(async (scope) => request(++next, scope.signal), { name: "load" });
  const value = load.value;
  useProbe(value);
  return h("button", { type: "button", onClick: () => load.run() }, load.running > 0 ? "…" : value);
}

function HandOwner() {
  const [value, setValue] = useState<number | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const controllers = useRef(new Set<AbortController>());
  useEffect(() => {
    const live = controllers.current;
    return () => {
      for (const controller of live) controller.abort();
    };
  }, []);
  useProbe(value);
  const onClick = () => {
    const controller = new AbortController();
    controllers.current.add(controller);
    setBusy(true);
    request(++next, controller.signal).then(
      (result) => {
        controllers.current.delete(controller);
        setValue(result);
        setBusy(false);
      },
      () => {
        controllers.current.delete(controller);
      },
    );
  };
  return h("button", { type: "button", onClick }, busy ? "…" : value);
}

/** The engine's action read with `useSyncExternalStore` directly: what the binding adds. */
function RawOwner() {
  const [action] = useState(() =>
    createAction(new TaskGroup(), async (scope) => request(++next, scope.signal)),
  );
  const snap = useSyncExternalStore(action.subscribe.bind(action), action.getSnapshot.bind(action));
  useProbe(snap.value);
  return h(
    "button",
    { type: "button", onClick: () => action.run() },
    snap.running > 0 ? "…" : snap.value,
  );
}

let runOnlyDone: Promise<unknown> = Promise.resolve();

function LibraryRunOnly() {
  const load = useAction(async (scope) => request(++next, scope.signal), { name: "load" });
  renders++;
  return h("button", {
    type: "button",
    onClick: () => {
      runOnlyDone = Promise.resolve(load.run());
    },
  });
}

interface Mounted {
  unmount(): void;
  button: HTMLButtonElement;
}

function mount(component: () => unknown): Mounted {
  const host = container();
  const root = createRoot(host);
  flushSync(() => root.render(h(component as () => null)));
  const button = host.querySelector("button");
  if (!button) throw new Error("actions: no button");
  return { unmount: () => flushSync(() => root.unmount()), button };
}

function click(target: HTMLButtonElement): void {
  target.dispatchEvent(new win.MouseEvent("click", { bubbles: true, cancelable: true }));
}

async function quiesce(): Promise<void> {
  for (let i = 0; i < 3; i++) await nextTurn();
}

interface Result {
  cpu: number[];
  wall: number[];
  renders: number[];
}

const CYCLES = 20;
/** Rounds before measuring: the JIT warms every path up. */
const WARMUP = 20;

/** One sample: `CYCLES` click → commit-with-the-value cycles, and the owner's renders per run. */
async function sample(target: HTMLButtonElement, result: Result): Promise<void> {
  minorGc();
  await quiesce();
  renders = 0;
  const watch = new Stopwatch();
  watch.start();
  for (let i = 0; i < CYCLES; i++) {
    const shown = new Promise<void>((resolve) => {
      waiting = { value: next + 1, resolve };
    });
    click(target);
    await shown;
  }
  watch.stop();
  await quiesce();
  result.cpu.push(watch.cpuMs / CYCLES);
  result.wall.push(watch.wallMs / CYCLES);
  result.renders.push(renders / CYCLES);
}

export async function runActions(log: (line: string) => void): Promise<Row[]> {
  const ROUNDS = Number(process.env.ROUNDS ?? 40);
  gc();
  const library = mount(LibraryOwner);
  const hand = mount(HandOwner);
  const raw = mount(RawOwner);
  type Variant = { name: string; target: HTMLButtonElement; result: Result };
  const variants: Variant[] = [
    {
      name: "uSES on createAction",
      target: raw.button,
      result: { cpu: [], wall: [], renders: [] },
    },
    { name: "useAction", target: library.button, result: { cpu: [], wall: [], renders: [] } },
    {
      name: "useState + AbortController",
      target: hand.button,
      result: { cpu: [], wall: [], renders: [] },
    },
  ];
  for (let round = 0; round < ROUNDS + WARMUP; round++) {
    const order = round % 2 === 0 ? variants : [...variants].reverse();
    for (const v of order) {
      const keep = round >= WARMUP;
      await sample(v.target, keep ? v.result : { cpu: [], wall: [], renders: [] });
    }
  }
  library.unmount();
  hand.unmount();
  raw.unmount();

  // Run-only: renders caused by 20 runs, after the mount's own.
  const runOnly = mount(LibraryRunOnly);
  await quiesce();
  renders = 0;
  for (let i = 0; i < CYCLES; i++) {
    click(runOnly.button);
    await runOnlyDone;
    await quiesce();
  }
  const runOnlyRenders = renders;
  runOnly.unmount();

  const [, lib, base] = variants as [Variant, Variant, Variant];
  /** The median over rounds of variant ÷ baseline in the same round: steadier on a busy machine. */
  const paired = (a: number[], b: number[]) => median(a.map((x, i) => x / (b[i] as number)));
  for (const v of variants) {
    log(
      `    ${v.name.padEnd(28)} click→value ${median(v.result.cpu).toFixed(3)} ms CPU, ${median(v.result.wall).toFixed(3)} ms wall; owner renders/run ${median(v.result.renders).toFixed(2)}`,
    );
  }
  log(`    useAction, run only           renders caused by ${CYCLES} runs: ${runOnlyRenders}`);
  const bench = "click → run → value on screen";
  const rows: Row[] = [];
  for (const metric of ["CPU ms", "wall ms"] as const) {
    const of = (r: Result) => (metric === "CPU ms" ? r.cpu : r.wall);
    const pick = (r: Result) => median(of(r));
    rows.push({
      bench,
      variant: base.name,
      metric: `${metric} (median)`,
      value: pick(base.result),
      digits: 3,
    });
    for (const v of variants) {
      if (v === base) continue;
      rows.push({
        bench,
        variant: v.name,
        metric: `${metric} (median)`,
        value: pick(v.result),
        baseline: pick(base.result),
        ratio: paired(of(v.result), of(base.result)),
        digits: 3,
        note: v === lib && metric === "CPU ms" ? "target ≤ 1.3× (paired)" : undefined,
      });
    }
  }
  rows.push(
    {
      bench,
      variant: base.name,
      metric: "owner renders/run",
      value: median(base.result.renders),
      digits: 2,
    },
    {
      bench,
      variant: lib.name,
      metric: "owner renders/run",
      value: median(lib.result.renders),
      baseline: median(base.result.renders),
      digits: 2,
      note: "target ≤ 2",
    },
    {
      bench,
      variant: "useAction, run only",
      metric: "renders per run",
      value: runOnlyRenders / CYCLES,
      digits: 2,
      note: "target 0",
    },
  );
  return rows;
}
