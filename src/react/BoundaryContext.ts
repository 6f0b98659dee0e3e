import { createContext } from "react";

/** What a {@link TaskGroupBoundary} gives its children and its fallback. */
export interface BoundaryContextValue {
  /** Resets the boundary: a no-op while it shows its children. */
  resetErrorBoundary(...args: unknown[]): void;
}

/** The nearest {@link TaskGroupBoundary}, for `useTaskGroupBoundary`; null outside any. */
export const BoundaryContext = /* @__PURE__ */ createContext<BoundaryContextValue | null>(null);
