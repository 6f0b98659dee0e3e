import { TaskGroupError } from "../core/TaskGroupError.js";
import type { TaskFailure } from "./types.js";

/** Every failure inside `error` with its task's name: one entry for a plain error. */
export function failuresOf(error: unknown): TaskFailure[] {
  if (!(error instanceof TaskGroupError)) return [{ error, task: undefined }];
  return error.errors.map((failure, i) => ({ error: failure, task: error.tasks[i]?.name }));
}

/** A one-line description of a thrown value, for people. */
export function describeError(error: unknown): string {
  if (error instanceof TaskGroupError) return `${error.errors.length} failures in a nested group`;
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
