import { useCallback, useMemo, useSyncExternalStore } from "react";
import type { Task, TaskStatus } from "../core/types.js";
import { describe } from "../core/validate.js";

/** What {@link useTaskResult} returns: a task's outcome, read without Suspense. */
export interface TaskResult<T> {
  /** The task's status; `"none"` when no task was given. */
  readonly status: TaskStatus | "none";
  /** The value, once fulfilled; else undefined. */
  readonly value: T | undefined;
  /** Why it was rejected (a `CancelledError` when cancelled); else undefined. */
  readonly reason: unknown;
}

const NONE: TaskResult<never> = /* @__PURE__ */ Object.freeze({
  status: "none",
  value: undefined,
  reason: undefined,
});
const subscribeNothing = () => () => {};
const noStatus = () => "none" as const;

/**
 * Reads a task without Suspense: `{ status, value, reason }`, re-rendering the component once when
 * the task settles (never while it runs). A task already settled shows on the first render, with
 * no extra render; a new task given on a later render is followed from that render on; `undefined`
 * gives `status: "none"`. A rejected task's reason is returned, never thrown.
 *
 * It is the way to show fast data without React 19's Suspense reveal throttle (a fallback, once
 * shown, stays about 300 ms even when the data arrives sooner). On the server it returns the
 * task's status at render time (pending for a `useTasks` task, which never starts there).
 *
 * @example
 * ```tsx
 * const user = useTasks((group) => group.spawn((signal) => api.user(id, { signal })), [id]);
 * const { status, value, reason } = useTaskResult(user);
 * if (status === "pending") return <Spinner />;
 * if (status === "rejected") return <ErrorText error={reason} />;
 * return <Profile user={value} />;
 * ```
 */
export function useTaskResult<T>(task: Task<T> | undefined): TaskResult<T> {
  if (task !== undefined && (typeof task !== "object" || task === null || !("status" in task))) {
    throw new TypeError(`useTaskResult: expected a Task or undefined, got ${describe(task)}`);
  }
  // The task's settling is the only change: one notification, whatever it ends with.
  const subscribe = useCallback(
    (listener: () => void) => {
      if (task?.status !== "pending") return subscribeNothing();
      let listening = true;
      const settled = () => {
        if (listening) listener();
      };
      task.then(settled, settled);
      return () => {
        listening = false;
      };
    },
    [task],
  );
  const status = useSyncExternalStore(
    subscribe,
    task ? () => task.status : noStatus,
    task ? () => task.status : noStatus,
  );
  return useMemo(
    (): TaskResult<T> =>
      !task || status === "none"
        ? NONE
        : Object.freeze({
            status,
            value: status === "fulfilled" ? task.value : undefined,
            reason: status === "rejected" ? task.reason : undefined,
          }),
    [task, status],
  );
}
