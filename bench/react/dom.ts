/**
 * The environment every React case runs in, set up before React or the library is imported:
 * import this module first (ES modules evaluate in import order).
 *
 * - React's production build, unless `NODE_ENV` says otherwise (the Suspense overhead case runs
 *   the development build in a child process, because only it has `act`).
 * - A jsdom document for react-dom, exposed as `window`, `document` and `navigator` only. Node's
 *   own `AbortController`, `EventTarget`, `setTimeout` and `performance` stay in place: the
 *   library and the hand-written baselines use the same natives, as they would in a browser, and
 *   jsdom's JavaScript implementations of them are not what we want to time.
 */
import { setMaxListeners } from "node:events";
import { createRequire } from "node:module";

/** The little of jsdom's API used here (the package ships no types, and @types/jsdom is not installed). */
interface JsdomWindow extends Window {
  MouseEvent: typeof MouseEvent;
}
type JSDOMClass = new (
  html: string,
  options: { url: string; pretendToBeVisual: boolean },
) => { window: JsdomWindow };

const { JSDOM } = createRequire(import.meta.url)("jsdom") as { JSDOM: JSDOMClass };

process.env.NODE_ENV ??= "production";
// The shared-controller baseline puts 100 listeners on one signal: Node (not browsers) would
// print a MaxListenersExceededWarning for each, and time the printing.
setMaxListeners(0);

const dom = new JSDOM("<!doctype html><html><body></body></html>", {
  url: "http://localhost/",
  pretendToBeVisual: false,
});

const globals = globalThis as unknown as Record<string, unknown>;
globals.window = dom.window;
globals.document = dom.window.document;
if (typeof globals.navigator === "undefined") globals.navigator = dom.window.navigator;

/** The jsdom window, for its event constructors. */
export const win = dom.window;

/** A fresh container in the document. */
export function container(): HTMLElement {
  const div = dom.window.document.createElement("div");
  dom.window.document.body.append(div);
  return div;
}
