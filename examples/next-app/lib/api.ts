/**
 * A stand-in for a slow backend: each call answers after `ms`, or rejects as soon as its signal
 * aborts (as `fetch` does), so cancellation is observable.
 */
export function request<T>(value: T, ms: number, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => resolve(value), ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

/** A request that fails after `ms`. */
export function failing(message: string, ms: number, signal: AbortSignal): Promise<never> {
  return request(undefined, ms, signal).then(() => {
    throw new Error(message);
  });
}
