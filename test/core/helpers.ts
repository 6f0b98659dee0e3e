/**
 * Small tools for the engine's tests: deferreds instead of sleeps, a task body that waits until
 * its signal aborts, and a way to let the microtask queue drain that fake timers do not touch.
 */

// Captured at import, before any test installs fake timers.
const realSetImmediate = globalThis.setImmediate;
const realSetTimeout = globalThis.setTimeout;

export { type Deferred, deferred, untilAborted } from "../support/async.js";

/** Lets every pending microtask (and promise chain) run: one real macrotask turn. */
export function drain(): Promise<void> {
  return new Promise((resolve) => realSetImmediate(resolve));
}

/** Waits for real timers scheduled with a 0 delay (change notifications) to fire. */
export function nextTurn(ms = 5): Promise<void> {
  return new Promise((resolve) => realSetTimeout(resolve, ms));
}

export type Settlement<T> =
  | { status: "pending" }
  | { status: "fulfilled"; value: T }
  | { status: "rejected"; reason: unknown };

/** Watches a promise without leaving its rejection unhandled; `state` updates as it settles. */
export function track<T>(promise: PromiseLike<T>): { readonly state: Settlement<T> } {
  const tracker: { state: Settlement<T> } = { state: { status: "pending" } };
  promise.then(
    (value) => {
      tracker.state = { status: "fulfilled", value };
    },
    (reason: unknown) => {
      tracker.state = { status: "rejected", reason };
    },
  );
  return tracker;
}

/** The rejection reason of `promise`; fails if it fulfils. */
export async function rejectionOf(promise: PromiseLike<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (reason) {
    return reason;
  }
  throw new Error("expected the promise to reject, but it fulfilled");
}

/** An error class distinct from the built-ins, for matchers. */
export class MyError extends Error {
  constructor(message = "my error") {
    super(message);
    this.name = "MyError";
  }
}

/** A subclass, to check that class matchers select subclasses. */
export class MySubError extends MyError {
  constructor(message = "my sub error") {
    super(message);
    this.name = "MySubError";
  }
}

/** An error named `AbortError` that is not ours: what a library or `DOMException` throws. */
export function foreignAbortError(message = "aborted elsewhere"): DOMException {
  return new DOMException(message, "AbortError");
}

/**
 * Like `asyncio.sleep`: resolves after `ms` on the global (fakeable) `setTimeout`; with a signal,
 * rejects with its reason as soon as it aborts.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
