/**
 * A stand-in for a slow backend: each call answers after `ms`, or rejects as soon as its signal
 * aborts (as `fetch` does). Every abort is logged, so the page can show what was cancelled.
 */
export const aborted: string[] = [];

export function request<T>(value: T, ms: number, signal: AbortSignal, label = String(value)) {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => resolve(value), ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        aborted.push(label);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
