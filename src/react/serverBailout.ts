import * as React from "react";
import * as ReactDOM from "react-dom";
import type { Task } from "../core/types.js";
import { heldForServerRender } from "./adoption.js";

/** Why a boundary shows its fallback in the server's HTML: the reason React reports. */
export const SERVER_BAILOUT_REASON =
  "react-taskgroup: useTasks work starts only in the browser; this Suspense boundary is rendered " +
  "there, after hydration";

// React 19's `use`, and react-dom's `browser()` (React 19.3 on): looked up rather than imported by
// name, so that older versions, which have neither, still load this module.
const use = (React as unknown as { use?: (usable: unknown) => unknown }).use;
const browser = (ReactDOM as unknown as { browser?: (reason?: string) => unknown }).browser;

/**
 * Called by a reader about to suspend on `task`. A `useTasks` task read while rendering on the
 * server never starts there (its group starts when the render commits, and server renders never
 * commit), so suspending on it would hold a streaming render or a prerender open forever. Instead
 * the nearest Suspense boundary is handed to the browser: the server's HTML holds its fallback,
 * and the browser renders its content once hydrated, where the work does start.
 *
 * - React 19.3 on: `use(browser(reason))`, React's own way to mark content browser-only. On the
 *   server it leaves the fallback and reports to `onBrowserBailout` (not `onError`); the browser
 *   logs nothing. In the browser (hydration) it does nothing, and the read suspends as usual.
 * - Older React: it throws an `Error` on the server (where there is no `document`), which React
 *   treats the same way, but reports to the server's `onError` and, in the browser, to
 *   `onRecoverableError` (React logs it by default). See the README, "Server Components and SSR".
 */
export function leaveToBrowser(task: Task<unknown>): void {
  if (!heldForServerRender(task)) return;
  if (use && browser) {
    use(browser(SERVER_BAILOUT_REASON));
    return;
  }
  if (typeof document === "undefined") throw new Error(SERVER_BAILOUT_REASON);
}
