import type { RetryOptions } from "./types.js";
import { BOOLEAN, check, checkOptions, FUNCTION, MAX_DELAY, MS, type Rule } from "./validate.js";

/** @internal A `retry` option: a number of retries, or {@link RetryOptions}. */
export type Retry = number | RetryOptions;

const isCount = (value: unknown): boolean => Number.isInteger(value) && (value as number) >= 0;
const COUNT: Rule = [isCount, "a whole number ≥ 0", true];
const COUNT_OR_OPTIONS: Rule = [isCount, "a whole number ≥ 0 or { retries, delay, when }", true];

/**
 * @internal Checks a `retry` option at the call that passed it: `TypeError` for a wrong type,
 * `RangeError` for a number out of range, naming the option. It is kept as given (nothing is
 * made per task): the functions below read it when an attempt fails.
 */
export function checkRetry(option: unknown, where: string): void {
  if (typeof option === "object" && option !== null) {
    const { retries, delay, when } = option as RetryOptions;
    check(retries, COUNT, where, "retry.retries");
    if (delay !== undefined && typeof delay !== "function") check(delay, MS, where, "retry.delay");
    if (when !== undefined) check(when, FUNCTION, where, "retry.when");
  } else check(option, COUNT_OR_OPTIONS, where, "retry");
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
  checkOptions(options, "backoff", { base: MS, max: MS, jitter: BOOLEAN });
  const base = options?.base ?? 1000;
  const max = options?.max ?? 30_000;
  const jitter = options?.jitter ?? true;
  return (retry) => {
    const d = Math.min(max, base * 2 ** (retry - 1));
    return jitter ? d / 2 + (Math.random() * d) / 2 : d;
  };
}
