// What the real-app checks (test-next.mjs, test-vite.mjs) share: install the package as users do
// (the packed tarball), run bounded commands, serve on a free port, and collect what a page logs.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("..", import.meta.url));
const COMMAND_MS = 8 * 60_000;
const ANSWER_MS = 30_000;

/** Runs a command to completion (bounded), failing loudly. */
export function run(cmd, args, cwd, env = process.env) {
  const result = spawnSync(cmd, args, { cwd, env, stdio: "inherit", timeout: COMMAND_MS });
  if (result.status !== 0) {
    throw new Error(`${cmd} ${args.join(" ")} failed (${result.error ?? `exit ${result.status}`})`);
  }
}

/** Rejects when `promise` takes longer than `ms`: a hang fails the run instead of stalling it. */
export function bounded(what, promise, ms = ANSWER_MS) {
  let timer;
  const hang = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, hang]).finally(() => clearTimeout(timer));
}

/**
 * Packs `dist/` (build it first) and installs the tarball into the example `app`, after the
 * app's own locked dependencies.
 */
export function installTarball(app) {
  const pack = join(app, ".pack");
  rmSync(pack, { recursive: true, force: true });
  mkdirSync(pack);
  run("npm", ["pack", "--pack-destination", pack], root);
  const [tarball] = readdirSync(pack).filter((f) => f.endsWith(".tgz"));
  if (!tarball) throw new Error("npm pack made no tarball");
  if (!existsSync(join(app, "node_modules"))) run("npm", ["ci", "--no-audit", "--no-fund"], app);
  run("npm", ["install", "--no-save", "--no-audit", "--no-fund", join(pack, tarball)], app);
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

/**
 * Starts `node <script> ...args(port)` in `cwd` and waits until it answers HTTP. Returns the base
 * URL and a `stop` that kills it by its process id (also on exit).
 */
export async function serve(script, args, cwd, env = process.env) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [script, ...args(port)], {
    cwd,
    env,
    stdio: ["ignore", "inherit", "inherit"],
  });
  const stop = () => {
    if (server.exitCode === null && server.pid) process.kill(server.pid, "SIGTERM");
  };
  process.on("exit", stop);
  for (let i = 0; i < 300; i++) {
    if (server.exitCode !== null) throw new Error(`${script} exited with ${server.exitCode}`);
    try {
      const response = await fetch(base);
      await response.arrayBuffer();
      return { base, stop };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  stop();
  throw new Error(`${script} did not answer within 30 s`);
}

/** Records what `page` logs; `problems()` lists its errors, warnings and uncaught exceptions. */
export function recordConsole(page) {
  const logs = [];
  page.on("console", (message) => logs.push({ type: message.type(), text: message.text() }));
  page.on("pageerror", (error) => logs.push({ type: "pageerror", text: String(error) }));
  return {
    logs,
    problems: () =>
      logs
        .filter((log) => ["error", "warning", "pageerror"].includes(log.type))
        .map((log) => `console ${log.type}: ${log.text}`),
  };
}
