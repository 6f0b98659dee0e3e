import { check, MAX_DELAY, MS, SIGNAL } from "./validate.js";

/**
 * Resolves after `ms` milliseconds, or rejects with `signal.reason` as soon as `signal` aborts
 * (at once if it already has), clearing its timer. The global `setTimeout` keeps the time, so fake
 * timers control it. `sleep(Infinity, signal)` waits until the signal aborts.
 *
 * @example Debounce: a `restart` action whose body sleeps first.
 * ```ts
 * const search = createAction(group, async (scope, query: string) => {
 *   await sleep(300, scope.signal);
 *   return fetchResults(query, scope.signal);
 * }, { policy: "restart" });
 * ```
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  check(ms, MS, "sleep", "ms");
  if (signal !== undefined) check(signal, SIGNAL, "sleep", "signal");
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    // Past setTimeout's 32-bit range a timer would fire at once: such a sleep only ends by abort.
    if (ms <= MAX_DELAY)
      timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
