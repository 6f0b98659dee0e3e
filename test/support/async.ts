/**
 * Deferreds and cooperative task bodies shared by every test suite: tests drive tasks step by step
 * with these instead of sleeping.
 */

/** A promise with its settle functions outside, to drive a task step by step. */
export interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(reason: unknown): void;
}

/**
 * A promise with its resolve and reject functions. Its own rejection counts as handled: rejecting
 * a deferred that nothing waits on yet (a task that never started) is test scaffolding, not a bug;
 * every promise derived from it is still watched by the guard.
 */
export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => {});
  return { promise, resolve, reject };
}

/** Rejects with `signal.reason` once `signal` aborts: a cooperative task that never finishes. */
export function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
}

/** A task function that settles with `gate`, or rejects with the abort reason: real work. */
export function gated<T>(gate: Deferred<T>): (signal: AbortSignal) => Promise<T> {
  return (signal) => Promise.race([gate.promise, untilAborted(signal)]);
}
