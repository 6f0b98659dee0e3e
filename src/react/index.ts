export { DefaultFallback } from "./DefaultFallback.js";
export { readTask } from "./readTask.js";
export type { TaskValues } from "./readTasks.js";
export { readTasks } from "./readTasks.js";
export { TaskGroupBoundary } from "./TaskGroupBoundary.js";
export type {
  ActionHandle,
  FallbackProps,
  ResetDetails,
  TaskFailure,
  TaskGroupBoundaryProps,
  TaskGroupHandle,
  UseActionOptions,
  UseTaskGroupOptions,
} from "./types.js";
export { useAction } from "./useAction.js";
export { useTaskGroup } from "./useTaskGroup.js";
export type { TaskGroupBoundaryApi } from "./useTaskGroupBoundary.js";
export { useTaskGroupBoundary } from "./useTaskGroupBoundary.js";
export type { TaskResult } from "./useTaskResult.js";
export { useTaskResult } from "./useTaskResult.js";
export { useTasks } from "./useTasks.js";
