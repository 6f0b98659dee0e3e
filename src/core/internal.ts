/**
 * @internal The engine's hooks for this package's React bindings. Not part of the public API:
 * `react-taskgroup/core` does not export this module.
 */

export { type ActionSettings, checkActionOptions } from "./actionOptions.js";
export { type Mark, markNow } from "./mark.js";
export {
  failureBehind,
  groupOfError,
  groupOfTask,
  holdHooks,
  isHeld,
  releaseGroup,
} from "./registry.js";
export type { GroupInternals } from "./TaskGroup.js";
