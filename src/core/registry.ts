import type { CancelledError } from "./errors.js";
import type { TaskEventType } from "./instrument.js";
import { TaskImpl } from "./Task.js";
import type { TaskGroup } from "./TaskGroup.js";
import { TaskGroupError } from "./TaskGroupError.js";
import type { Task, TaskBase } from "./types.js";

/**
 * @internal What the React bindings may know of a group beyond its public API, kept beside it in
 * weak maps so that a group that nobody references is collected with its entries.
 */

/**
 * Set by `TaskGroup`, which alone reaches its private state: starting a held group, and
 * `cancelWith`, `group.cancel()` with a `CancelledError` the caller made (the React binding makes
 * one without stack frames for an unmount), used as is for the group's signal and its tasks'.
 */
export const holdHooks = {
  release(_group: TaskGroup): void {},
  isHeld(_group: TaskGroup): boolean {
    return false;
  },
  cancelWith(_group: TaskGroup, _error: CancelledError): void {},
};
/**
 * How a group reports task events without importing `observeTasks`: `instrument.ts` fills in
 * `emit` when first used, so a bundle that never observes a group carries none of it.
 */
export const observation: {
  /** Observers of any group; while 0, groups report nothing. */
  count: number;
  /** Reports one event to the observers of `group`. */
  emit(group: object, type: TaskEventType, task: TaskBase<unknown>, error?: unknown): void;
  /** Set by `TaskGroup`: the tasks of a group that have not settled, for a new observer. */
  live(group: object): Iterable<TaskBase<unknown> & { running: boolean }>;
} = { count: 0, emit() {}, live: () => [] };

/** Failed groups: the reason their tasks were cancelled with, and the error behind it. */
export const failureReasons = new WeakMap<
  TaskGroup,
  { reason: CancelledError; error: TaskGroupError }
>();
/** Each group's error, back to its group, so a boundary can follow a group still settling. */
export const errorGroups = new WeakMap<TaskGroupError, TaskGroup>();

/** @internal The group whose live error this is, if it came from one. */
export function groupOfError(error: unknown): TaskGroup | undefined {
  return error instanceof TaskGroupError ? errorGroups.get(error) : undefined;
}

/** @internal The group a task was spawned in. */
export function groupOfTask(task: Task<unknown>): TaskGroup | undefined {
  return task instanceof TaskImpl ? (task.owner as TaskGroup) : undefined;
}

/**
 * @internal When `task` was cancelled because its group failed, the group's error: what a reader
 * should see instead of the bare cancellation.
 */
export function failureBehind(task: Task<unknown>): TaskGroupError | undefined {
  const group = task.cancelled ? groupOfTask(task) : undefined;
  const failure = group && failureReasons.get(group);
  return failure && failure.reason === task.reason ? failure.error : undefined;
}

/** @internal Starts the tasks of a group created with `hold`, and its deadline clock. */
export function releaseGroup(group: TaskGroup): void {
  holdHooks.release(group);
}

/** @internal True while a group created with `hold` has not been released. */
export function isHeld(group: TaskGroup): boolean {
  return holdHooks.isHeld(group);
}
