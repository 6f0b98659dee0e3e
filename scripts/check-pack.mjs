// Installs the package the way users do — `npm pack`, then `npm install <tarball>` in an empty
// project with React — and imports every entry point through ESM and CommonJS.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "react-taskgroup-pack-"));
const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });

try {
  const [{ filename }] = JSON.parse(
    run("npm", ["pack", "--json", "--pack-destination", work], root),
  );
  const react = JSON.parse(run("npm", ["pkg", "get", "devDependencies.react"], root));
  writeFileSync(join(work, "package.json"), JSON.stringify({ name: "consumer", private: true }));
  run(
    "npm",
    [
      "install",
      "--no-audit",
      "--no-fund",
      join(work, filename),
      `react@${react}`,
      `react-dom@${react}`,
    ],
    work,
  );
  const expected = [
    "TaskGroup",
    "TaskGroupError",
    "CancelledError",
    "TimeoutError",
    "InvalidStateError",
    "createAction",
    "backoff",
    "sleep",
  ];
  const react19 = [
    "useTaskGroup",
    "useTasks",
    "readTask",
    "readTasks",
    "TaskGroupBoundary",
    "useAction",
    "useTaskResult",
  ];
  const checks = `
    const check = (name, mod, names) => {
      for (const n of names) if (typeof mod[n] !== "function") throw new Error(name + " lacks " + n);
    };
    const core = ${JSON.stringify(expected)};
    const all = core.concat(${JSON.stringify(react19)});
  `;
  writeFileSync(
    join(work, "esm.mjs"),
    `${checks}
    const main = await import("react-taskgroup");
    const engine = await import("react-taskgroup/core");
    const devtools = await import("react-taskgroup/devtools");
    check("react-taskgroup", main, all);
    check("react-taskgroup/core", engine, core);
    if (typeof devtools.TaskGroupTimeline !== "function") throw new Error("devtools lacks TaskGroupTimeline");
    const value = await engine.TaskGroup.run(async (g) => (await g.spawn(async () => 40)) + 2);
    if (value !== 42) throw new Error("TaskGroup.run gave " + value);
    console.log("ESM ok");`,
  );
  writeFileSync(
    join(work, "cjs.cjs"),
    `${checks}
    check("react-taskgroup", require("react-taskgroup"), all);
    check("react-taskgroup/core", require("react-taskgroup/core"), core);
    require("react-taskgroup/core").TaskGroup.run((g) => g.spawn(() => 1)).then(() => console.log("CJS ok"));`,
  );
  // The engine entry must work without React: a loader hook fails any import of it.
  writeFileSync(
    join(work, "forbid-react.mjs"),
    `export async function resolve(specifier, context, next) {
      if (/^react(-dom)?(\\/|$)/.test(specifier)) throw new Error("core imported " + specifier);
      return next(specifier, context);
    }`,
  );
  writeFileSync(
    join(work, "no-react.mjs"),
    `import { register } from "node:module";
    register("./forbid-react.mjs", import.meta.url);
    const { TaskGroup } = await import("react-taskgroup/core");
    await TaskGroup.run((g) => g.spawn(() => 1));
    console.log("core without React ok");`,
  );
  checkDirectives(join(work, "node_modules", "react-taskgroup", "dist"));
  // One engine for both entries: errors thrown by one are `instanceof` the other's classes.
  writeFileSync(
    join(work, "same-engine.mjs"),
    `const main = await import("react-taskgroup");
    const core = await import("react-taskgroup/core");
    const mainCjs = (await import("node:module")).createRequire(import.meta.url)("react-taskgroup");
    const coreCjs = (await import("node:module")).createRequire(import.meta.url)("react-taskgroup/core");
    if (main.TaskGroupError !== core.TaskGroupError || main.TaskGroup !== core.TaskGroup)
      throw new Error("ESM: index and core carry separate engines");
    if (mainCjs.TaskGroupError !== coreCjs.TaskGroupError)
      throw new Error("CJS: index and core carry separate engines");
    const error = await main.TaskGroup.run((g) => { g.spawn(() => { throw new Error("x"); }); }).catch((e) => e);
    if (!(error instanceof core.TaskGroupError)) throw new Error("instanceof fails across entries");
    console.log("one engine across entries ok");`,
  );
  // The devtools load the engine and their own code, not the package's main entry.
  writeFileSync(
    join(work, "devtools-cjs.cjs"),
    `require("react-taskgroup/devtools");
    const loaded = Object.keys(require.cache).filter((f) => f.includes("/node_modules/react-taskgroup/"))
      .map((f) => require("node:path").basename(f));
    const extra = loaded.filter((f) => /^(index|bindings)/.test(f));
    if (extra.length) throw new Error("devtools.cjs loaded " + extra.join(", "));
    console.log("devtools CJS loads " + loaded.join(", "));`,
  );
  process.stdout.write(run("node", ["same-engine.mjs"], work));
  process.stdout.write(run("node", ["devtools-cjs.cjs"], work));
  process.stdout.write(run("node", ["no-react.mjs"], work));
  process.stdout.write(run("node", ["esm.mjs"], work));
  process.stdout.write(run("node", ["cjs.cjs"], work));
} finally {
  rmSync(work, { recursive: true, force: true });
}

/**
 * `"use client"` marks exactly the files that hold React bindings (tsdown.config.ts decides):
 * Server Components then get client references for the hooks and `TaskGroupBoundary`, and the
 * real engine from either entry. A file holds bindings when the bundler's region comments name a
 * module under `src/react/` or `src/devtools/`.
 */
function checkDirectives(dist) {
  const problems = [];
  const client = [];
  for (const file of readdirSync(dist).filter((f) => /\.c?js$/.test(f))) {
    const text = readFileSync(join(dist, file), "utf8");
    const hasDirective = text.startsWith('"use client";');
    const holdsBindings = /^\/\/#region src\/(react|devtools)\//m.test(text);
    if (hasDirective) client.push(file);
    if (holdsBindings && !hasDirective)
      problems.push(`${file} holds React bindings without "use client"`);
    if (!holdsBindings && hasDirective)
      problems.push(`${file} is marked "use client" but holds no bindings`);
  }
  for (const entry of ["index.js", "index.cjs", "core.js", "core.cjs"]) {
    if (client.includes(entry)) problems.push(`${entry} must stay usable from Server Components`);
  }
  for (const entry of ["devtools.js", "devtools.cjs"]) {
    if (!client.includes(entry)) problems.push(`${entry} must be marked "use client"`);
  }
  if (!client.some((f) => f.startsWith("bindings"))) problems.push("no bindings chunk marked");
  if (problems.length) throw new Error(`"use client" placement:\n- ${problems.join("\n- ")}`);
  console.log(`"use client" on ${client.sort().join(", ")} only`);
}
