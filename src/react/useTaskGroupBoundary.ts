import { useContext, useMemo, useState } from "react";
import { BoundaryContext } from "./BoundaryContext.js";

/** What {@link useTaskGroupBoundary} returns; both functions keep their identity. */
export interface TaskGroupBoundaryApi {
  /**
   * Shows `error` in the nearest `TaskGroupBoundary`, from an event handler, an effect or a
   * callback: the component re-renders and throws it, as a render error would. A
   * `TaskGroupError` shows every failure in `errors`. With no boundary above, it reaches React's
   * root like any render error.
   */
  showBoundary(error: unknown): void;
  /** Resets the nearest `TaskGroupBoundary` (a no-op while it shows its children). */
  resetBoundary(): void;
}

/**
 * react-error-boundary's `useErrorBoundary`, for {@link TaskGroupBoundary}: errors that React
 * does not catch by itself (event handlers, effects, callbacks) shown in the nearest boundary's
 * fallback, and a reset that works from the children and from the fallback alike.
 *
 * @example
 * ```tsx
 * function Export() {
 *   const { showBoundary } = useTaskGroupBoundary();
 *   return <button onClick={() => download().catch(showBoundary)}>Export</button>;
 * }
 * ```
 */
export function useTaskGroupBoundary(): TaskGroupBoundaryApi {
  const boundary = useContext(BoundaryContext);
  const [shown, setShown] = useState<{ error: unknown } | null>(null);
  // Thrown while rendering, so that it reaches the nearest boundary as a render error does.
  if (shown) throw shown.error;
  return useMemo(
    () => ({
      showBoundary: (error: unknown) => setShown({ error }),
      resetBoundary: () => {
        setShown(null);
        boundary?.resetErrorBoundary();
      },
    }),
    [boundary],
  );
}
