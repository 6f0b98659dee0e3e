import { useReducer, useRef, useSyncExternalStore } from "react";
import { releaseGroup } from "../core/internal.js";
import { TaskGroup } from "../core/TaskGroup.js";
import { checkFunction } from "../core/validate.js";
import { claim, findAdopted, type RenderEntry, sameDeps, track } from "./adoption.js";
import { useIsomorphicLayoutEffect } from "./useIsomorphicLayoutEffect.js";

const DISPOSED = "useTasks: its deps changed or its component unmounted";
const subscribeNothing = () => () => {};
const onClient = () => false;
const onServer = () => true;

/**
 * Starts parallel work for a render: runs `setup(group)` during the render that first sees a
 * `deps` value and returns its result at once (typically the tasks it spawned), so children can
 * read them with {@link readTask} under Suspense while they load. The task functions start only
 * when that render commits; a render React throws away starts nothing. When `deps` change or the
 * component unmounts, the old group is cancelled. On the server nothing starts.
 *
 * Its failures are not thrown by the hook: they surface where the tasks are read.
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
  const serverRender = useSyncExternalStore(subscribeNothing, onClient, onServer);
  const ref = useRef<RenderEntry<R> | null>(null);
  const [, rerender] = useReducer((n: number) => n + 1, 0);

  let entry = ref.current;
  if (!entry || entry.disposed || !sameDeps(entry.deps, deps)) {
    entry =
      (findAdopted(setup, deps) as RenderEntry<R> | undefined) ?? start(setup, deps, serverRender);
    // Kept across renders that do not commit (concurrent retries reuse it); the commit claims it.
    ref.current = entry;
  }

  useIsomorphicLayoutEffect(() => {
    const committed = entry;
    if (committed.disposed) {
      // StrictMode's rehearsed unmount cancelled it: make a fresh group in a new render.
      rerender();
      return;
    }
    claim(committed);
    releaseGroup(committed.group);
    return () => {
      committed.disposed = true;
      committed.group.cancel(DISPOSED);
    };
  }, [entry]);

  return entry.result;
}

function start<R>(
  setup: (group: TaskGroup) => R,
  deps: readonly unknown[],
  serverRender: boolean,
): RenderEntry<R> {
  const group = new TaskGroup({ name: "useTasks" }, { hold: true, deferDeadline: true });
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
    watched: false,
    claimed: false,
    disposed: false,
  };
  track(entry as RenderEntry);
  return entry;
}
