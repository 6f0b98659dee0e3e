import { useReducer, useState } from "react";
import { releaseGroup } from "../core/internal.js";
import { TaskGroup } from "../core/TaskGroup.js";
import { checkFunction } from "../core/validate.js";
import {
  claim,
  findUncommitted,
  noteSuspended,
  type RenderEntry,
  release,
  sameDeps,
  track,
} from "./adoption.js";
import { useCommitEffect, useServerRender } from "./useCommitEffect.js";

const DISPOSED = "useTasks: its deps changed or its component unmounted";

/**
 * Starts parallel work for a render: runs `setup(group)` during the render that first sees a
 * `deps` value and returns its result at once (typically the tasks it spawned), so children can
 * read them with {@link readTask} under Suspense while they load. The task functions start only
 * when that render commits; a render React throws away starts nothing. When `deps` change or the
 * component unmounts, the old group is cancelled. On the server nothing starts.
 *
 * Its failures are not thrown by the hook: they surface where the tasks are read.
 *
 * Read the tasks in a child under its own `<Suspense>`. A render suspended on its own tasks
 * (the component reads them itself, or its nearest Suspense boundary is above it, or it mounts in
 * a transition) cannot commit, so they start anyway a macrotask later and the retried render picks
 * them up; such deps must be stable values, or it throws an `InvalidStateError` after a few
 * attempts. Under StrictMode the rehearsed remount cancels the first run and starts the work
 * again, as it does for effects.
 *
 * @example
 * ```tsx
 * function Dashboard({ userId }: { userId: string }) {
 *   const tasks = useTasks((group) => ({
 *     user: group.spawn((signal) => api.user(userId, { signal })),
 *     posts: group.spawn((signal) => api.posts(userId, { signal })),
 *   }), [userId]);
 *   return (
 *     <TaskGroupBoundary>
 *       <Suspense fallback={<Spinner />}><Profile tasks={tasks} /></Suspense>
 *     </TaskGroupBoundary>
 *   );
 * }
 * ```
 */
export function useTasks<R>(setup: (group: TaskGroup) => R, deps: readonly unknown[]): R {
  checkFunction(setup, "useTasks", "setup");
  if (!Array.isArray(deps)) throw new TypeError("useTasks: deps must be an array");
  const serverRender = useServerRender();
  const [entries] = useState<Entries<R>>(() => ({ committed: undefined, pending: undefined }));
  const [, rerender] = useReducer((n: number) => n + 1, 0);

  // The committed render's work when deps have not changed; else the work of an earlier render
  // with these deps that has not committed yet (React retries renders); else new work.
  let entry = current(entries.committed, deps) ?? current(entries.pending, deps);
  if (!entry) {
    entry =
      (findUncommitted(setup, deps) as RenderEntry<R> | undefined) ??
      start(setup, deps, serverRender);
    entries.pending = entry;
  }

  useCommitEffect(
    () => {
      const committed = entry;
      if (committed.disposed) {
        // StrictMode's rehearsed unmount (or <Activity> hiding it) cancelled it: make a fresh
        // group in a new render.
        rerender();
        return;
      }
      claim(committed);
      entries.committed = committed;
      if (entries.pending === committed) entries.pending = undefined;
      releaseGroup(committed.group);
      return () => {
        release(committed, DISPOSED);
        if (entries.committed === committed) entries.committed = undefined;
      };
    },
    [entry, entries],
    serverRender,
  );

  return entry.result;
}

/**
 * What a component's renders made: the work of its last commit, and the work of a render that has
 * not committed yet. Kept apart so that a render React abandons (an interrupted transition with
 * new deps) does not replace the committed work: a later render with the old deps reuses it.
 */
interface Entries<R> {
  committed: RenderEntry<R> | undefined;
  pending: RenderEntry<R> | undefined;
}

function current<R>(
  entry: RenderEntry<R> | undefined,
  deps: readonly unknown[],
): RenderEntry<R> | undefined {
  return entry && !entry.disposed && sameDeps(entry.deps, deps) ? entry : undefined;
}

function start<R>(
  setup: (group: TaskGroup) => R,
  deps: readonly unknown[],
  serverRender: boolean,
): RenderEntry<R> {
  const group = new TaskGroup(
    { name: "useTasks" },
    { hold: true, deferDeadline: true, onAwaitHeld: noteSuspended },
  );
  let result: R;
  try {
    result = setup(group);
  } catch (error) {
    group.cancel(error);
    throw error;
  }
  const entry: RenderEntry<R> = {
    group,
    setup,
    deps: [...deps],
    result,
    serverRender,
    adopted: false,
    handedOut: false,
    claims: 0,
    disposed: false,
  };
  track(entry as RenderEntry);
  return entry;
}
