// The package in a real Next.js App Router app, as users install it: packs `dist/` (run
// `npm run build` first), installs the tarball into examples/next-app, runs `next build` (which
// prerenders the client dashboard), serves it with `next start` on a free port, and drives every
// page in Debian's Chromium through Playwright. Fails on a page that does not render, an HTML
// response that does not complete, a console error or warning (hydration warnings included), or a
// build/server that hangs. The server is stopped by its process id.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright";
import { chromiumLaunchOptions } from "./chromium.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const app = join(root, "examples", "next-app");
const pack = join(app, ".pack");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const BUILD_MS = 8 * 60_000;
const PAGE_MS = 30_000;

/** Runs a command to completion (bounded), failing loudly. */
function run(cmd, args, cwd, timeout = BUILD_MS) {
  const result = spawnSync(cmd, args, { cwd, env, stdio: "inherit", timeout });
  if (result.status !== 0) {
    throw new Error(`${cmd} ${args.join(" ")} failed (${result.error ?? `exit ${result.status}`})`);
  }
}

/** Rejects when `promise` takes longer than `ms`: a hang fails the run instead of stalling it. */
function bounded(what, promise, ms = PAGE_MS) {
  let timer;
  const hang = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, hang]).finally(() => clearTimeout(timer));
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForServer(base, server) {
  for (let i = 0; i < 300; i++) {
    if (server.exitCode !== null) throw new Error(`next start exited with ${server.exitCode}`);
    try {
      const response = await fetch(base);
      await response.arrayBuffer();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error("next start did not answer within 30 s");
}

// 1. Install the package as users do: the packed tarball.
rmSync(pack, { recursive: true, force: true });
mkdirSync(pack);
run("npm", ["pack", "--pack-destination", pack], root);
const [tarball] = readdirSync(pack).filter((f) => f.endsWith(".tgz"));
if (!existsSync(join(app, "node_modules", "next"))) {
  run("npm", ["ci", "--no-audit", "--no-fund"], app);
}
run("npm", ["install", "--no-save", "--no-audit", "--no-fund", join(pack, tarball)], app);

// 2. Build: prerendering the client dashboard must finish (it hung before useTasks left its
// boundaries to the browser).
rmSync(join(app, ".next"), { recursive: true, force: true });
run(process.execPath, [join(app, "node_modules", "next", "dist", "bin", "next"), "build"], app);

// 3. Serve and drive.
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = spawn(
  process.execPath,
  [
    join(app, "node_modules", "next", "dist", "bin", "next"),
    "start",
    "-p",
    String(port),
    "-H",
    "127.0.0.1",
  ],
  { cwd: app, env, stdio: ["ignore", "inherit", "inherit"] },
);
const stopServer = () => {
  if (server.exitCode === null && server.pid) process.kill(server.pid, "SIGTERM");
};
process.on("exit", stopServer);

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
  await waitForServer(base, server);
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
    const logs = [];
    page.on("console", (message) => {
      logs.push({ type: message.type(), text: message.text() });
    });
    page.on("pageerror", (error) => logs.push({ type: "pageerror", text: String(error) }));
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
    for (const log of logs) {
      if (["error", "warning", "pageerror"].includes(log.type)) {
        failures.push(`${spec.path}: console ${log.type}: ${log.text}`);
      }
    }
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
