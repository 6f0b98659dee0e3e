import { TaskGroupError } from "../core/TaskGroupError.js";
import { describeError } from "./failures.js";
import type { FallbackProps } from "./types.js";

/**
 * What {@link TaskGroupBoundary} renders without a fallback prop: an alert titled "1 task
 * failed" / "3 tasks failed" ("Something failed" for a plain render error), listing each failure
 * with the name of its task, and a button that resets the boundary.
 */
export function DefaultFallback({ error, errors, resetErrorBoundary }: FallbackProps) {
  const count = errors.length;
  const ofTasks = error instanceof TaskGroupError || errors.some((f) => f.task !== undefined);
  const title = ofTasks ? `${count} ${count === 1 ? "task" : "tasks"} failed` : "Something failed";
  return (
    <div role="alert" data-taskgroup-fallback="">
      <p>{title}</p>
      <ul>
        {errors.map((failure, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: failures only ever append, in order
          <li key={i}>
            {failure.task !== undefined ? <strong>{failure.task}: </strong> : null}
            {describeError(failure.error)}
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => resetErrorBoundary()}>
        Retry
      </button>
    </div>
  );
}
