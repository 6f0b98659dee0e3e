import { TaskGroupError } from "../core/TaskGroupError.js";
import type { TaskFailure } from "./types.js";

/** Errors that a reader threw for a task of its own, with that task's name. */
const readFrom = new WeakMap<object, string>();

/**
 * Remembers that `error` is the reason of the task named `task`, as `readTask` throws it: a
 * boundary then names the task, as it does for the failures inside a `TaskGroupError`.
 */
export function noteTaskError(error: unknown, task: string): void {
  if (typeof error === "object" && error !== null && !readFrom.has(error))
    readFrom.set(error, task);
}

/**
 * Every failure inside `error` with its task's name: for a plain error one entry, named when a
 * reader threw it for a task, else with `task` undefined.
 */
export function failuresOf(error: unknown): TaskFailure[] {
  if (error instanceof TaskGroupError) {
    return error.errors.map((failure, i) => ({ error: failure, task: error.tasks[i]?.name }));
  }
  const task = typeof error === "object" && error !== null ? readFrom.get(error) : undefined;
  return [{ error, task }];
}

/** A one-line description of a thrown value, for people. */
export function describeError(error: unknown): string {
  if (error instanceof TaskGroupError) {
    const count = error.errors.length;
    return `${count} ${count === 1 ? "failure" : "failures"} in a nested group`;
  }
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
