/**
 * The engine of react-taskgroup: structured concurrency with no React import.
 * @packageDocumentation
 */
export { createAction } from "./Action.js";
export { CancelledError, InvalidStateError, isAbortError, TimeoutError } from "./errors.js";
export type { TaskEvent, TaskEventListener, TaskEventType } from "./instrument.js";
export { observeTasks } from "./instrument.js";
export type { BackoffOptions } from "./retry.js";
export { backoff } from "./retry.js";
export { sleep } from "./sleep.js";
export { TaskGroup } from "./TaskGroup.js";
export { TaskGroupError } from "./TaskGroupError.js";
export type {
  Action,
  ActionOptions,
  ActionSnapshot,
  ErrorMatcher,
  Policy,
  RetryOptions,
  Run,
  SpawnOptions,
  Task,
  TaskFn,
  TaskGroupOptions,
  TaskGroupSnapshot,
  TaskGroupStatus,
  TaskStatus,
} from "./types.js";
