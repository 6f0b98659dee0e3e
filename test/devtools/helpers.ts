import { act } from "@testing-library/react";

/** A promise with its settle functions outside, to drive a task step by step. */
export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(reason: unknown): void;
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

/** A task function that waits for `gate` and honours its signal, as real work would. */
export function gated<T>(gate: Deferred<T>) {
  return (signal: AbortSignal) =>
    new Promise<T>((resolve, reject) => {
      signal.addEventListener("abort", () => reject(signal.reason), { once: true });
      gate.promise.then(resolve, reject);
    });
}

/** Runs `step` inside `act`, then lets timers and microtasks (the group's notifications) run. */
export async function step(fn: () => void | Promise<void> = () => {}): Promise<void> {
  await act(async () => {
    await fn();
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

/** Milliseconds to wait, inside `act`. */
export function sleep(ms: number): Promise<void> {
  return step(() => new Promise((resolve) => setTimeout(resolve, ms)));
}
