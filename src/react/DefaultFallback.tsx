import { describeError } from "./failures.js";
import type { FallbackProps } from "./types.js";

/**
 * What {@link TaskGroupBoundary} renders without a fallback prop: an alert listing each failure
 * with the name of its task, and a button that resets the boundary.
 */
export function DefaultFallback({ errors, resetErrorBoundary }: FallbackProps) {
  const title = errors.length === 1 ? "Something failed" : `${errors.length} things failed`;
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
