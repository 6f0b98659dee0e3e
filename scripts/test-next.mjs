// The package in a real Next.js App Router app, as users install it: packs `dist/` (run
// `npm run build` first), installs the tarball into examples/next-app, runs `next build` (which
// prerenders the client dashboard), serves it with `next start` on a free port, and drives every
// page in Debian's Chromium through Playwright. Fails on a page that does not render, an HTML
// response that does not complete, a console error or warning (hydration warnings included), or a
// build/server that hangs. The server is stopped by its process id.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright";
import { chromiumLaunchOptions } from "./chromium.mjs";
import { bounded, installTarball, recordConsole, root, run, serve } from "./realApp.mjs";

const app = join(root, "examples", "next-app");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const next = join(app, "node_modules", "next", "dist", "bin", "next");

// 1. Install the package as users do: the packed tarball.
installTarball(app);

// 2. Build: prerendering the client dashboard must finish (it hung before useTasks left its
// boundaries to the browser).
rmSync(join(app, ".next"), { recursive: true, force: true });
run(process.execPath, [next, "build"], app, env);

// 3. Serve and drive.
const { base, stop: stopServer } = await serve(
  next,
  (port) => ["start", "-p", String(port), "-H", "127.0.0.1"],
  app,
  env,
);

/**
 * Each page: what its HTML must hold (server-rendered), and what the browser must show once
 * hydrated; `act` drives it further.
 */
const pages = [
  { path: "/", html: ["react-taskgroup example"], text: [] },
  {
    path: "/server",
    html: ["ada has 3 posts", ">parallel<"],
    text: [
      ["server-result", "ada has 3 posts"],
      ["server-parallel", "parallel"],
    ],
  },
  {
    path: "/server-error",
    html: ["load failed with 2 errors; first: Error: users are down", "posts: posts are down"],
    text: [["group-message", "load failed with 2 errors"]],
  },
  {
    path: "/dashboard",
    html: ["loading…"],
    text: [["dashboard", "ada wrote 7 posts"]],
  },
  {
    path: "/dashboard-live",
    html: ["loading…"],
    text: [["dashboard", "grace wrote 7 posts"]],
  },
  {
    path: "/form",
    html: ["running=0 settled=0"],
    text: [["form-status", "running=0 settled=0"]],
    async act(page) {
      await page.getByRole("button", { name: "save" }).click();
      await page.getByRole("button", { name: "save" }).click();
      await page.getByTestId("form-saved").filter({ hasText: "ada, ada" }).waitFor();
      await page.getByTestId("form-status").filter({ hasText: "settled=2" }).waitFor();
    },
  },
  {
    path: "/boundary",
    html: ["clicked 0"],
    text: [["counter", "clicked 0"]],
    async act(page) {
      await page.getByTestId("counter").click();
      await page.getByTestId("counter").filter({ hasText: "clicked 1" }).waitFor();
    },
  },
  {
    path: "/console",
    html: [],
    text: [["console", "logged"]],
  },
];

let browser;
const failures = [];
try {
  browser = await chromium.launch(chromiumLaunchOptions);
  for (const spec of pages) {
    const url = base + spec.path;
    // The raw HTML response must end: a renderer waiting on work that never starts would not.
    const response = await bounded(`GET ${spec.path}`, fetch(url));
    // React separates adjacent text with `<!-- -->`: compare the text as a reader sees it.
    const html = (await bounded(`body of ${spec.path}`, response.text())).replaceAll(
      "<!-- -->",
      "",
    );
    if (response.status !== 200) failures.push(`${spec.path}: HTTP ${response.status}`);
    for (const piece of spec.html) {
      if (!html.includes(piece)) failures.push(`${spec.path}: HTML lacks ${JSON.stringify(piece)}`);
    }

    const page = await browser.newPage();
    const { logs, problems } = recordConsole(page);
    await bounded(`load ${spec.path}`, page.goto(url, { waitUntil: "load" }));
    await bounded(
      `readyState of ${spec.path}`,
      page.waitForFunction(() => document.readyState === "complete"),
    );
    for (const [testId, text] of spec.text) {
      await bounded(
        `${spec.path} showing ${text}`,
        page.getByTestId(testId).filter({ hasText: text }).first().waitFor(),
      );
    }
    if (spec.act) await bounded(`${spec.path} interaction`, spec.act(page));
    // Let late hydration warnings arrive.
    await page.waitForTimeout(300);
    for (const problem of problems()) failures.push(`${spec.path}: ${problem}`);
    if (spec.path === "/console") {
      // What Chromium's console prints for a TaskGroupError: its message, not just its name.
      const printed = logs.find((log) => log.type === "log" && log.text.includes("TaskGroupError"));
      if (!printed?.text.includes("console failed with 2 errors; first: Error: first failure")) {
        failures.push(`/console: Chromium printed ${JSON.stringify(printed?.text)}`);
      }
    }
    await page.close();
    console.log(`next-app ${spec.path}: checked`);
  }
} finally {
  await browser?.close();
  stopServer();
}

if (failures.length > 0) {
  console.error(`next-app: ${failures.length} failed\n- ${failures.join("\n- ")}`);
  process.exit(1);
}
console.log(`next-app: ${pages.length} passed, 0 failed`);
