export { DefaultFallback } from "./DefaultFallback.js";
export { readTask } from "./readTask.js";
export type { TaskValues } from "./readTasks.js";
export { readTasks } from "./readTasks.js";
export { TaskGroupBoundary } from "./TaskGroupBoundary.js";
export type {
  FallbackProps,
  ResetDetails,
  TaskFailure,
  TaskGroupBoundaryProps,
  TaskGroupHandle,
  UseTaskGroupOptions,
} from "./types.js";
export { useTaskGroup } from "./useTaskGroup.js";
export type { TaskGroupBoundaryApi } from "./useTaskGroupBoundary.js";
export { useTaskGroupBoundary } from "./useTaskGroupBoundary.js";
export { useTasks } from "./useTasks.js";
