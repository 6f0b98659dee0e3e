/**
 * Devtools for react-taskgroup, in an entry of their own so the main bundle never carries them:
 * `TaskGroupTimeline` draws a group's tasks as bars over time, fed by the engine's
 * `observeTasks` hook; `createTaskRecorder` records several groups (child scopes too) into one
 * timeline.
 * @packageDocumentation
 */
export type {
  TaskBar,
  TaskBarState,
  TaskRecorder,
  TaskRecorderOptions,
  TaskRecorderSnapshot,
} from "./recorder.js";
export { createTaskRecorder, describeError } from "./recorder.js";
export { stateColors } from "./styles.js";
export type { TaskGroupTimelineProps } from "./TaskGroupTimeline.js";
export { TaskGroupTimeline } from "./TaskGroupTimeline.js";
