/**
 * React benchmarks of react-taskgroup, each against a hand-written baseline measured in the same
 * run, printed as ratios (never asserted). See README.md in this folder. From the repository root:
 *
 *   node --expose-gc --import ./bench/loader/register.mjs bench/react/index.ts   (preferred)
 *   node --expose-gc --import ./bench/loader/register.mjs bench/react/index.ts
 *
 * Arguments pick cases: `renders`, `mount`, `suspense`, `actions` (default: all); `rows` and
 * `idle` run only those parts of `mount`.
 */
import "./dom.js";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { hasGc, type Row, summary } from "./harness.js";

const log = (line: string) => console.log(line);
const started = performance.now();

/** Runs case 3's overhead measurement in a child process on React's development build. */
function runDevChild(): Promise<Row[]> {
  const entry = fileURLToPath(new URL("./suspenseDev.ts", import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, entry], {
      env: { ...process.env, NODE_ENV: "development" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      out += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const lines = out.trimEnd().split("\n");
      const last = lines.pop() ?? "";
      for (const line of lines) log(line);
      if (code !== 0 || !last.startsWith("ROWS ")) {
        reject(new Error(`suspense (dev child) exited with ${code}: ${last}`));
        return;
      }
      resolve(JSON.parse(last.slice(5)) as Row[]);
    });
  });
}

log(
  `react-taskgroup React benchmarks — Node ${process.version}, React ${(await import("react")).version}, NODE_ENV=${process.env.NODE_ENV}${hasGc ? "" : " (run with --expose-gc for steadier numbers)"}`,
);
if (process.execArgv.some((arg) => arg.includes("tsx"))) {
  log(
    "note: under tsx (esbuild keepNames) every closure is wrapped in __name(), which no build ships; it inflates the library's per-component costs far more than the baselines'. Prefer --import ./bench/loader/register.mjs.",
  );
}
const rows: Row[] = [];
/** `index.ts renders suspense` runs only those cases: renders, mount, suspense (3a and 3b). */
const only = process.argv.slice(2);
const wanted = (name: string) => only.length === 0 || only.includes(name);
const elapsed = () => `(${((performance.now() - started) / 1000).toFixed(1)} s)`;

if (wanted("renders")) {
  log(`\n1. Owner renders per burst ${elapsed()}`);
  rows.push(...(await (await import("./renders.js")).runRenders(log)));
}
if (wanted("mount")) {
  log(`\n2. Mount + unmount of components with running tasks ${elapsed()}`);
  rows.push(...(await (await import("./mountUnmount.js")).runMountUnmount(log)));
}
if (!wanted("mount") && wanted("idle")) {
  log(`\n2c. Mount + unmount of idle rows ${elapsed()}`);
  rows.push(...(await (await import("./mountUnmount.js")).runIdle(log)));
}
if (!wanted("mount") && wanted("rows")) {
  log(`\n2b. Mount + unmount of 100 components with one task ${elapsed()}`);
  rows.push(...(await (await import("./mountUnmount.js")).runRows(log)));
}
if (wanted("suspense")) {
  log(
    `\n3a. Parallel load under Suspense: overhead (act, development build, child process) ${elapsed()}`,
  );
  rows.push(...(await runDevChild()));
  log(
    `\n3b. Parallel load under Suspense: what users see (real timers, production build) ${elapsed()}`,
  );
  rows.push(...(await (await import("./suspense.js")).runSuspenseThrottle(log)));
}

if (wanted("actions")) {
  log(`\n4. Actions: click → run → value on screen ${elapsed()}`);
  rows.push(...(await (await import("./actions.js")).runActions(log)));
}

log(
  `\nSummary (ratio = value / baseline measured in this run; lower is better) — ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
);
log(summary(rows));
process.exit(0);
