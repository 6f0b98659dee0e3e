/**
 * Case 3: a parallel load under Suspense. A parent starts N loads with `useTasks`; its children
 * read them with `readTask` inside one `<Suspense>`. The hand-written tree starts the same loads
 * during render by hand, caches the promises in state, and its children read them with React 19's
 * `use()`. Loads resolve at once (a microtask), so what differs is the library's own work.
 *
 * Two measurements, because React 19 throttles the reveal of a Suspense boundary: once a fallback
 * is shown, retried content commits no sooner than ~300 ms after it (`FALLBACK_THROTTLE_MS`),
 * whoever reads the data. That hides any overhead in wall-clock time, so:
 *
 * - {@link runSuspenseOverhead}: render → content inside `await act(...)` (React's development
 *   build, run in a child process), where React flushes fallbacks without the throttle. This is
 *   the library's overhead.
 * - {@link runSuspenseThrottle}: real timers, production build: a mount by a default update, a
 *   mount inside `startTransition`, and a deps change inside `startTransition` (the old content
 *   stays until the new is ready). This is what a user sees, throttle included.
 */

// First: the environment (jsdom, NODE_ENV) must exist before React and the library load.
import "./dom.js";
import {
  createElement as h,
  type ReactNode,
  Suspense,
  startTransition,
  use,
  useLayoutEffect,
  useMemo,
  useState,
} from "react";
import { createRoot, type Root } from "react-dom/client";
import { readTask, type Task, type TaskGroup, useTasks } from "../../src/index.js";
import { container } from "./dom.js";
import {
  fmt,
  gc,
  interleave,
  median,
  nextTurn,
  pairedRatio,
  type Row,
  Stopwatch,
  sleep,
  type Variant,
} from "./harness.js";

// What the harness observes: children committed with content, and fallbacks committed.
let contentCommits = 0;
let fallbackCommits = 0;
let fallbackAt = 0;
let contentAt = 0;
/** The value the last content commit showed. */
let lastValue = -1;

function Fallback() {
  useLayoutEffect(() => {
    fallbackCommits++;
    fallbackAt = performance.now();
  }, []);
  return h("p", null, "loading");
}

/** Counts commits that show a (new) value. */
function useContentCommit(value: number): void {
  useLayoutEffect(() => {
    contentCommits++;
    contentAt = performance.now();
    lastValue = value;
  }, [value]);
}

/** A load that resolves at once (a microtask): its value tells which `id` it was for. */
const load = (id: number, i: number) => () => Promise.resolve(id * 1000 + i);

function spawnLoads(n: number, id: number) {
  return (group: TaskGroup) => Array.from({ length: n }, (_, i) => group.spawn(load(id, i)));
}

/** The parent's `id` state, and its setter for the deps-change scenario. */
let setId: (id: number) => void = () => {};

function useId(): number {
  const [id, set] = useState(0);
  setId = set;
  return id;
}

function boundary(children: ReactNode) {
  return h(Suspense, { fallback: h(Fallback) }, h("ul", null, children));
}

function ReadTaskItem({ task }: { task: Task<number> }) {
  const value = readTask(task);
  useContentCommit(value);
  return h("li", null, value);
}

function UseTaskItem({ task }: { task: Task<number> }) {
  // The cast: @types/react 19.3 types `use` with a union of `status`-tagged promises, which
  // `Task` (one interface, `status` a union, `value: T | undefined`) does not match.
  const value = use(task as PromiseLike<number>);
  useContentCommit(value);
  return h("li", null, value);
}

function UsePromiseItem({ promise }: { promise: Promise<number> }) {
  const value = use(promise);
  useContentCommit(value);
  return h("li", null, value);
}

/** The library: `useTasks` in the parent, `readTask` in each child. */
function LibraryReadTask({ n }: { n: number }) {
  const id = useId();
  const tasks = useTasks(spawnLoads(n, id), [n, id]);
  return boundary(tasks.map((task, i) => h(ReadTaskItem, { key: i, task })));
}

/** The library's tasks read with React 19's `use(task)`. */
function LibraryUseTask({ n }: { n: number }) {
  const id = useId();
  const tasks = useTasks(spawnLoads(n, id), [n, id]);
  return boundary(tasks.map((task, i) => h(UseTaskItem, { key: i, task })));
}

/**
 * By hand: the loads start during render, their promises memoized on the deps (what hand-written
 * code does; nothing cancels them, nor the work of renders React discards).
 */
function HandUse({ n }: { n: number }) {
  const id = useId();
  const promises = useMemo(() => Array.from({ length: n }, (_, i) => load(id, i)()), [n, id]);
  return boundary(promises.map((promise, i) => h(UsePromiseItem, { key: i, promise })));
}

type Parent = (props: { n: number }) => ReactNode;

const TREES: readonly (readonly [string, Parent])[] = [
  ["hand: use(promise) memoized", HandUse],
  ["useTasks + readTask", LibraryReadTask],
  ["useTasks + use(task)", LibraryUseTask],
];

// --- overhead: inside act, development build -----------------------------------------------------

type Act = (callback: () => Promise<void> | void) => Promise<void>;

export async function runSuspenseOverhead(log: (line: string) => void): Promise<Row[]> {
  const react = (await import("react")) as unknown as { act?: Act };
  const act = react.act;
  if (typeof act !== "function") throw new Error("suspense: act needs React's development build");
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

  const errors: unknown[] = [];
  const consoleError = console.error;
  console.error = (...args: unknown[]) => errors.push(args);

  const ITERATIONS = 20;
  const ROUNDS = 30;
  const rows: Row[] = [];
  try {
    for (const n of [3, 10]) {
      const variants: Variant[] = TREES.map(([name, parent]) => {
        const root: Root = createRoot(container());
        let key = 0;
        return {
          name,
          sample: async () => {
            const watch = new Stopwatch();
            for (let i = 0; i < ITERATIONS; i++) {
              contentCommits = fallbackCommits = 0;
              const element = h(parent, { n, key: key++ });
              watch.start();
              await act(async () => root.render(element));
              watch.stop();
              if (contentCommits !== n) throw new Error(`${name}: ${contentCommits} of ${n} shown`);
              if (fallbackCommits !== 1) throw new Error(`${name}: ${fallbackCommits} fallbacks`);
              await act(async () => root.render(null));
            }
            return { ops: ITERATIONS, watch };
          },
        };
      });
      // Six warm-up rounds: React's development build takes a while to get hot.
      const timings = await interleave(variants, ROUNDS, 6);
      const base = timings[0];
      if (!base) throw new Error("suspense: no baseline");
      log(`  N = ${n}, ${ITERATIONS} mounts per sample, ${ROUNDS} samples; medians per mount:`);
      log(
        `    ${"".padEnd(36)} ${"CPU µs".padStart(8)}  ${"IQR".padStart(5)}  ${"wall µs".padStart(8)}  ${"IQR".padStart(5)}`,
      );
      for (const t of timings) {
        log(
          `    ${t.name.padEnd(36)} ${fmt(t.cpu.us, 1).padStart(8)}  ${`±${t.cpu.iqr.toFixed(0)}%`.padStart(5)}  ${fmt(t.wall.us, 1).padStart(8)}  ${`±${t.wall.iqr.toFixed(0)}%`.padStart(5)}`,
        );
        rows.push({
          bench: `Suspense load, N=${n}, act (dev build)`,
          variant: t.name,
          metric: "CPU µs render→content",
          value: t.cpu.us,
          baseline: t === base ? undefined : base.cpu.us,
          ratio: pairedRatio(t.cpu, base.cpu),
          note: `IQR ±${t.cpu.iqr.toFixed(0)}%; wall ${fmt(t.wall.us, 0)} µs`,
        });
      }
    }
  } finally {
    console.error = consoleError;
  }
  if (errors.length > 0) {
    log(`  React logged ${errors.length} console.error calls, e.g. ${String(errors[0])}`);
  }
  return rows;
}

// --- what users see: real timers, production build -----------------------------------------------

interface Shown {
  ms: number;
  fallbacks: number;
  /** How long the fallback stayed on screen. */
  fallbackMs: number;
}

type Scenario = "mount" | "mount in transition" | "deps change in transition";

/** How long we wait for content before we call it a hang. */
const HANG_MS = 2000;

/** Waits for every child's new content; false when it has not come within {@link HANG_MS}. */
async function waitForContent(n: number): Promise<boolean> {
  const give = performance.now() + HANG_MS;
  while (contentCommits < n) {
    if (performance.now() > give) return false;
    await nextTurn();
  }
  return true;
}

/** Times `update` from its call to the commit of every child's new content (Infinity: never). */
async function timeUpdate(n: number, update: () => void): Promise<Shown> {
  gc();
  await sleep(5);
  contentCommits = fallbackCommits = 0;
  fallbackAt = contentAt = 0;
  const start = performance.now();
  update();
  const shown = await waitForContent(n);
  return {
    ms: shown ? contentAt - start : Number.POSITIVE_INFINITY,
    fallbacks: fallbackCommits,
    fallbackMs: fallbackCommits && shown ? contentAt - fallbackAt : 0,
  };
}

async function show(parent: Parent, n: number, scenario: Scenario, repeat: number) {
  const results: Shown[] = [];
  if (scenario === "deps change in transition") {
    // One tree; each repeat changes the parent's deps in a transition.
    const root = createRoot(container());
    root.render(h(parent, { n }));
    contentCommits = 0;
    if (!(await waitForContent(n))) throw new Error("suspense: the first content never showed");
    await sleep(350); // past the first reveal's throttle
    for (let id = 1; id <= repeat; id++) {
      const shown = await timeUpdate(n, () => startTransition(() => setId(id)));
      results.push(shown);
      if (shown.ms === Number.POSITIVE_INFINITY) break; // a hang: once is enough
      if (Math.floor(lastValue / 1000) !== id) throw new Error(`suspense: showed ${lastValue}`);
    }
    root.unmount();
    return results;
  }
  for (let i = 0; i < repeat; i++) {
    const root = createRoot(container());
    const element = h(parent, { n });
    const render = () => root.render(element);
    const shown = await timeUpdate(n, () =>
      scenario === "mount in transition" ? startTransition(render) : render(),
    );
    results.push(shown);
    root.unmount();
    if (shown.ms === Number.POSITIVE_INFINITY) break;
  }
  return results;
}

export async function runSuspenseThrottle(log: (line: string) => void): Promise<Row[]> {
  const n = 3;
  const REPEAT = 3;
  const rows: Row[] = [];
  const scenarios: readonly Scenario[] = [
    "mount",
    "mount in transition",
    "deps change in transition",
  ];
  // Warm the paths up (the hand-written tree does not wait on the throttle in a transition).
  for (const [, parent] of TREES) await show(parent, n, "mount in transition", 1);
  log(`  N = ${n}, real timers, ${REPEAT} times each (median):`);
  for (const scenario of scenarios) {
    const results: Shown[][] = [];
    for (const [, parent] of TREES) results.push(await show(parent, n, scenario, REPEAT));
    const base = median(results[0]?.map((s) => s.ms) ?? []);
    for (const [i, [name]] of TREES.entries()) {
      const shown = results[i] ?? [];
      const hung = shown.some((s) => s.ms === Number.POSITIVE_INFINITY);
      const ms = hung ? Number.POSITIVE_INFINITY : median(shown.map((s) => s.ms));
      const fallbacks = median(shown.map((s) => s.fallbacks));
      const fallbackMs = median(shown.map((s) => s.fallbackMs));
      const note = hung
        ? `HANG: no content within ${HANG_MS} ms`
        : fallbacks
          ? `fallback shown ${fmt(fallbackMs, 0)} ms`
          : "no fallback";
      const time = Number.isFinite(ms) ? `${fmt(ms, 1)} ms` : fmt(ms);
      log(`    ${scenario.padEnd(26)} ${name.padEnd(30)} ${time.padStart(10)}  ${note}`);
      rows.push({
        bench: `Suspense load, N=${n}, ${scenario}, real timers`,
        variant: name,
        metric: "ms to content",
        value: ms,
        baseline: i === 0 ? undefined : base,
        note,
      });
    }
  }
  return rows;
}
