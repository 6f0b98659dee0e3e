/**
 * The shipped build, when there is one: `dist/core.js` (after `npm run build`), or the file named
 * by BENCH_DIST. tsdown lowers the source to its `target`; what users run is that output, so it
 * gets its own rows. Its contenders are separate functions from the source engine's, so that the
 * two classes never share call sites (and their inline caches) in this process.
 */
import { existsSync, statSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { TaskGroup } from "../src/core/index.js";
import { bareHolder, type Holder } from "./memory.js";
import type { Runner } from "./throughput.js";

type Engine = typeof TaskGroup;

/** Where the build was found, when it was built, and its TaskGroup; undefined without a build. */
export async function loadDist(): Promise<
  { path: string; built: Date; TaskGroup: Engine } | undefined
> {
  const path = process.env.BENCH_DIST ?? fileURLToPath(new URL("../dist/core.js", import.meta.url));
  if (!existsSync(path)) return undefined;
  const module = (await import(pathToFileURL(path).href)) as { TaskGroup: Engine };
  return { path, built: statSync(path).mtime, TaskGroup: module.TaskGroup };
}

export function distRunner(Group: Engine): Runner {
  return {
    name: "TaskGroup",
    run: (n) =>
      Group.run((group) => {
        for (let i = 0; i < n; i++) group.spawn(async () => i);
      }),
  };
}

export function distBare(Group: Engine): Holder {
  return bareHolder("TaskGroup", () => new Group());
}
