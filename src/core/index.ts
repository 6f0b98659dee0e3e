/**
 * The engine of react-taskgroup: structured concurrency with no React import.
 * @packageDocumentation
 */
export { CancelledError, InvalidStateError, isAbortError, TimeoutError } from "./errors.js";
export type { TaskEvent, TaskEventListener, TaskEventType } from "./instrument.js";
export { observeTasks } from "./instrument.js";
export { TaskGroup } from "./TaskGroup.js";
export { TaskGroupError } from "./TaskGroupError.js";
export type {
  ErrorMatcher,
  SpawnOptions,
  Task,
  TaskFn,
  TaskGroupOptions,
  TaskGroupSnapshot,
  TaskGroupStatus,
  TaskStatus,
} from "./types.js";
