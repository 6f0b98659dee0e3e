import * as React from "react";
import { failureBehind } from "../core/internal.js";
import { TaskImpl } from "../core/Task.js";
import type { Task } from "../core/types.js";
import { describe } from "../core/validate.js";
import { noteSuspended } from "./adoption.js";
import { noteTaskError } from "./failures.js";
import { leaveToBrowser } from "./serverBailout.js";

export type Thenable<T> = PromiseLike<T> & {
  status: string;
  value?: T | undefined;
  reason?: unknown;
};

// React 19's `use`, looked up so that React 18 (which has none) still imports this module.
const use = (React as unknown as { use?: <T>(thenable: PromiseLike<T>) => T }).use;

/**
 * What a reader throws for a rejected task: the group's error when the group's failure cancelled
 * it, else the task's own reason (remembered with the task's name, for the boundary's `errors`).
 */
export function failureOf(task: Task<unknown>): unknown {
  const groupError = failureBehind(task);
  if (groupError) return groupError;
  noteTaskError(task.reason, task.name);
  return task.reason;
}

/** @internal Throws a `TypeError` naming the caller unless `value` is a task of this package. */
export function checkTask(value: unknown, where: string): asserts value is Task<unknown> {
  if (!(value instanceof TaskImpl)) {
    throw new TypeError(`${where}: expected a Task (from spawn), got ${describe(value)}`);
  }
}

// One view per task, so React sees the same thenable on every render (`use` requires it).
const views = new WeakMap<Task<unknown>, Thenable<unknown>>();

/** The task as React should see it: the same protocol, with the reason a reader throws. */
function viewOf<T>(task: Task<T>): Thenable<T> {
  let view = views.get(task) as Thenable<T> | undefined;
  if (!view) {
    view = {
      get status() {
        return task.status;
      },
      get value() {
        return task.value;
      },
      get reason() {
        return failureOf(task);
      },
      // biome-ignore lint/suspicious/noThenProperty: this object is a thenable for React
      then: (onFulfilled, onRejected) => task.then(onFulfilled, onRejected),
    };
    views.set(task, view as Thenable<unknown>);
  }
  return view;
}

/** Thenables a render suspended on through `use`. */
const usedToSuspend = new WeakSet<object>();

/**
 * @internal Reads `thenable` (one object per task, or per tuple of tasks, so that every render
 * attempt passes React the same one): its value, its reason thrown, or a suspension, through
 * `use` on React 19 and by throwing it on React 18.
 *
 * React 19 replays a component that suspended through `use` and requires it to call `use` again
 * when it finishes: so once a render suspended on a thenable, every later read of it goes through
 * `use`. Settled thenables nobody suspended on are read directly, which also works outside render.
 */
export function read<T>(thenable: Thenable<T>): T {
  if (use && (thenable.status === "pending" || usedToSuspend.has(thenable))) {
    usedToSuspend.add(thenable);
    return use(thenable);
  }
  if (thenable.status === "fulfilled") return thenable.value as T;
  if (thenable.status === "rejected") throw thenable.reason;
  throw thenable;
}

/**
 * Reads a task during render, for Suspense: returns its value, throws its failure, or suspends
 * until it settles. A task cancelled because its group failed throws the group's
 * `TaskGroupError`, so the error boundary sees the cause rather than a bare cancellation.
 *
 * On React 19, `use(task)` works as well; `readTask` adds that mapping of the error.
 *
 * @example
 * ```tsx
 * function Profile({ user }: { user: Task<User> }) {
 *   return <h1>{readTask(user).name}</h1>;
 * }
 * ```
 */
export function readTask<T>(task: Task<T>): T {
  checkTask(task, "readTask");
  if (task.status === "pending") {
    leaveToBrowser(task);
    noteSuspended(task);
  }
  return read(viewOf(task));
}
