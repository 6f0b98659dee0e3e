/**
 * The task functions every contender runs, so that engine and baselines do the same work.
 * A trivial task is written inline at each call site (`async () => i`): an inline arrow has no
 * name, as in real code, so the engine also pays for naming it.
 */

/** A promise and the functions that settle it. */
export interface Deferred<T> {
  readonly promise: Promise<T>;
  readonly resolve: (value: T) => void;
  readonly reject: (reason: unknown) => void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * A pending task that cooperates with cancellation: it waits for a promise that rejects with the
 * signal's reason when the signal aborts (what `fetch(url, { signal })` does).
 */
export function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise<never>((_resolve, reject) => {
    signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
}

/** Swallows a rejection: for promises awaited only to know that they settled. */
export function ignore(): void {}
