// The package in a Vite 8 production build, every component compiled by React Compiler 1.0, as
// users install it: packs `dist/` (run `npm run build` first), installs the tarball into
// examples/vite-app, type-checks the app against the shipped types, runs `vite build` (the
// compiler's panicThreshold fails it on any component it cannot compile), checks that the bundle
// is compiled, serves it with `vite preview` on a free port and drives every scenario in Debian's
// Chromium through Playwright. Fails on a scenario that does not reach its state, a console error
// or warning, or a command that hangs.
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright";
import { chromiumLaunchOptions } from "./chromium.mjs";
import { bounded, installTarball, recordConsole, root, run, serve } from "./realApp.mjs";

const app = join(root, "examples", "vite-app");
const vite = join(app, "node_modules", "vite", "bin", "vite.js");

// 1. Install as users do, and type-check the app against the types in the tarball.
installTarball(app);
run(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", app], app);

// 2. A production build, compiled. The compiler marks each compiled component's memo cache with a
// sentinel (at least one per component; the app has eight); the library ships uncompiled, as
// apps do not compile packages.
rmSync(join(app, "dist"), { recursive: true, force: true });
run(process.execPath, [vite, "build"], app);
const assets = join(app, "dist", "assets");
const bundle = readdirSync(assets)
  .filter((f) => f.endsWith(".js"))
  .map((f) => readFileSync(join(assets, f), "utf8"))
  .join("\n");
const sentinels = bundle.split("react.memo_cache_sentinel").length - 1;
if (sentinels < 8) {
  throw new Error(`vite-app: ${sentinels} memo cache sentinels in the bundle: not compiled`);
}

// 3. Serve the production build and drive it.
const { base, stop } = await serve(
  vite,
  (port) => ["preview", "--port", String(port), "--host", "127.0.0.1", "--strictPort"],
  app,
);

/** Each scenario: what to do on the page, and the text a test id must reach afterwards. */
const scenarios = [
  {
    name: "parallel load under Suspense (useTasks + readTasks)",
    expect: [["dashboard", "ada wrote 7 posts"]],
  },
  {
    name: "search as you type (useAction restart, sleep)",
    async act(page) {
      const input = page.getByRole("textbox", { name: "search" });
      await input.pressSequentially("abc", { delay: 20 });
    },
    expect: [
      ["search-result", "results for abc"],
      ["search-runs", "runs=3 running=0"],
    ],
  },
  {
    name: "submit once (form action, policy drop, useFormStatus)",
    async act(page) {
      const button = page.getByRole("button", { name: "send" });
      await button.dblclick();
      await page.getByRole("button", { name: "sending…" }).waitFor();
    },
    expect: [
      ["submit-sent", "sent: hello"],
      ["submit-runs", "runs=2"],
    ],
    async check(page) {
      const sent = await page.getByTestId("submit-sent").textContent();
      if (sent !== "sent: hello") return `the double click sent ${JSON.stringify(sent)}`;
    },
  },
  {
    name: "grouped errors in the boundary's default fallback, then Retry",
    async act(page) {
      await page.getByTestId("errors-load").click();
      const alert = page.getByRole("alert");
      await alert.filter({ hasText: "2 tasks failed" }).waitFor();
      await alert.filter({ hasText: "users are down" }).waitFor();
      await alert.filter({ hasText: "posts are down" }).waitFor();
      await alert.getByRole("button", { name: "Retry" }).click();
    },
    expect: [["errors-load", "load (open)"]],
    check(_page, logs) {
      const shown = logs.find((log) => log.text.startsWith("shown by a boundary: TaskGroupError"));
      if (!shown?.text.includes("report failed with 2 errors; first: Error: users are down")) {
        return `the boundary was given ${JSON.stringify(shown?.text)}`;
      }
    },
  },
  {
    name: "unmount cancels the running task",
    async act(page) {
      await page.getByTestId("unmount-running").filter({ hasText: "running=1" }).waitFor();
      await page.getByRole("button", { name: "hide" }).click();
    },
    expect: [["unmount-aborts", "aborted=1"]],
  },
  {
    name: "a memo child given the handle (the owner reads no field)",
    async act(page) {
      await page.getByRole("button", { name: "start three" }).click();
    },
    expect: [["child-progress", "settled=3 running=0 status=open"]],
  },
  {
    name: "retries (useAction retry)",
    async act(page) {
      await page.getByRole("button", { name: "load flaky" }).click();
    },
    expect: [["retry-result", "loaded on attempt 3; attempts=3"]],
  },
];

let browser;
const failures = [];
try {
  browser = await chromium.launch(chromiumLaunchOptions);
  const page = await browser.newPage();
  const { logs, problems } = recordConsole(page);
  await bounded("load", page.goto(base, { waitUntil: "load" }));
  for (const scenario of scenarios) {
    try {
      if (scenario.act) await bounded(scenario.name, scenario.act(page));
      for (const [testId, text] of scenario.expect) {
        await bounded(
          `${scenario.name}: ${testId} showing ${text}`,
          page.getByTestId(testId).filter({ hasText: text }).first().waitFor(),
        );
      }
      const problem = await scenario.check?.(page, logs);
      if (problem) failures.push(`${scenario.name}: ${problem}`);
      else console.log(`vite-app: ${scenario.name}: checked`);
    } catch (error) {
      failures.push(`${scenario.name}: ${error.message.split("\n")[0]}`);
    }
  }
  // Late errors (an unhandled rejection after a cancellation) arrive within a few turns.
  await page.waitForTimeout(300);
  for (const problem of problems()) failures.push(problem);
} finally {
  await browser?.close();
  stop();
}

if (failures.length > 0) {
  console.error(`vite-app: ${failures.length} failed\n- ${failures.join("\n- ")}`);
  process.exit(1);
}
console.log(`vite-app: ${scenarios.length} scenarios passed (compiled: ${sentinels} memo caches)`);
