/**
 * Marks in the microtask queue, shared by the engine (was a task's rejection delivered before or
 * after its abort?) and the React bindings (did a remount come in the unmount's turn?).
 */

/** A point in the microtask queue: `passed` once every job queued before it has run. */
export interface Mark {
  passed: boolean;
}
let openMark: Mark | undefined;

/**
 * A mark queued now, or the one already queued in this synchronous stretch (one per burst of
 * aborts, not one microtask per task). A rejection whose handler runs before the mark of the
 * abort was queued before the abort: the task threw before its signal aborted.
 */
export function markNow(): Mark {
  if (!openMark) {
    const mark: Mark = { passed: false };
    openMark = mark;
    queueMicrotask(() => {
      mark.passed = true;
      openMark = undefined;
    });
  }
  return openMark;
}
