// Installs the package the way users do — `npm pack`, then `npm install <tarball>` in an empty
// project with React — and imports every entry point through ESM and CommonJS.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
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
  process.stdout.write(run("node", ["no-react.mjs"], work));
  process.stdout.write(run("node", ["esm.mjs"], work));
  process.stdout.write(run("node", ["cjs.cjs"], work));
} finally {
  rmSync(work, { recursive: true, force: true });
}
