import { useEffect, useLayoutEffect } from "react";

/**
 * `useLayoutEffect` in the browser, so groups start in the commit itself (before any child's
 * passive effect can spawn into them); `useEffect` on the server, where neither runs and only
 * `useLayoutEffect` would warn.
 */
export const useIsomorphicLayoutEffect =
  typeof document !== "undefined" ? useLayoutEffect : useEffect;
