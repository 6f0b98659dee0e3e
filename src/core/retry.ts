import type { RetryOptions } from "./types.js";
import { checkFunction, describe, MAX_DELAY } from "./validate.js";

/** @internal A `retry` option: a number of retries, or {@link RetryOptions}. */
export type Retry = number | RetryOptions;

const isCount = (value: number): boolean => Number.isInteger(value) && value >= 0;
const isMs = (value: number): boolean => value >= 0; // NaN is not

/**
 * @internal Throws unless `value` is a number (else a `TypeError`) that passes `ok` (else a
 * `RangeError`), naming `what` and the `expected` in the message.
 */
export function checkNumber(
  value: unknown,
  ok: (value: number) => boolean,
  where: string,
  what: string,
  expected = "a number ≥ 0",
): void {
  if (typeof value !== "number" || !ok(value))
    throw new (typeof value === "number" ? RangeError : TypeError)(
      `${where}: ${what} must be ${expected}, got ${describe(value)}`,
    );
}

/** @internal {@link checkNumber} for milliseconds: a number ≥ 0 (`Infinity` allowed). */
export const checkMs = (value: unknown, where: string, what: string): void =>
  checkNumber(value, isMs, where, what);

/**
 * @internal Checks a `retry` option at the call that passed it: `TypeError` for a wrong type,
 * `RangeError` for a number out of range, naming the option. It is kept as given (nothing is
 * made per task): the functions below read it when an attempt fails.
 */
export function checkRetry(option: unknown, where: string): void {
  if (typeof option === "object" && option !== null) {
    const { retries, delay, when } = option as RetryOptions;
    checkNumber(retries, isCount, where, "retry.retries", "a whole number ≥ 0");
    if (delay !== undefined && typeof delay !== "function") checkMs(delay, where, "retry.delay");
    if (when !== undefined) checkFunction(when, where, "retry.when");
  } else
    checkNumber(option, isCount, where, "retry", "a whole number ≥ 0 or { retries, delay, when }");
}

/** @internal Milliseconds before retry `n` (1-based) after `error`; the default is `backoff()`. */
export function delayOf(retry: Retry, n: number, error: unknown): number {
  const delay = typeof retry === "number" ? undefined : retry.delay;
  // The default is `backoff()`, written out so that `backoff` itself tree-shakes away.
  const ms =
    typeof delay === "function"
      ? delay(n, error)
      : (delay ?? Math.min(30_000, 1000 * 2 ** (n - 1)) * (0.5 + Math.random() / 2));
  // What a delay function returns is not checked at a call: a bad value waits nothing.
  return ms >= 0 ? Math.min(ms, MAX_DELAY) : 0;
}

/** @internal Whether a failure with `error`, after `n - 1` retries, is tried again. */
export function shouldRetry(retry: Retry, n: number, error: unknown): boolean {
  if (typeof retry === "number") return n <= retry;
  return n <= retry.retries && (retry.when === undefined || retry.when(error, n) === true);
}

/** Options of {@link backoff}. */
export interface BackoffOptions {
  /** The delay before the first retry, in ms (a number ≥ 0). Default: 1000. */
  base?: number | undefined;
  /** The longest delay, in ms (a number ≥ 0). Default: 30000. */
  max?: number | undefined;
  /** Pick each delay uniformly in [d/2, d] (`Math.random`), so that clients spread out. Default: true. */
  jitter?: boolean | undefined;
}

/**
 * Exponential backoff for `retry.delay`: retry `n` (1-based) waits `min(max, base · 2^(n−1))` ms,
 * or with `jitter` a uniform pick in the upper half of that, [d/2, d].
 *
 * @example
 * ```ts
 * group.spawn(load, { retry: { retries: 5, delay: backoff({ base: 200, max: 5000 }) } });
 * ```
 */
export function backoff(options?: BackoffOptions): (retry: number) => number {
  if (options !== undefined && (typeof options !== "object" || options === null))
    throw new TypeError(`backoff: options must be an object, got ${describe(options)}`);
  const base = options?.base ?? 1000;
  const max = options?.max ?? 30_000;
  const jitter = options?.jitter ?? true;
  checkMs(base, "backoff", "base");
  checkMs(max, "backoff", "max");
  if (typeof jitter !== "boolean")
    throw new TypeError(`backoff: jitter must be a boolean, got ${describe(jitter)}`);
  return (retry) => {
    const d = Math.min(max, base * 2 ** (retry - 1));
    return jitter ? d / 2 + (Math.random() * d) / 2 : d;
  };
}
