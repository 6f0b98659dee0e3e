/**
 * The error a cancelled task or group settles with. Its `name` is `"AbortError"`, the name the
 * platform gives to aborts (`fetch`, `AbortSignal.abort()`), so code that already checks
 * `error.name === "AbortError"` treats our cancellations the same way.
 *
 * @example
 * ```ts
 * try { await group.join(); } catch (e) {
 *   if (e instanceof CancelledError) console.log("cancelled because", e.cause);
 * }
 * ```
 */
export class CancelledError extends Error {
  constructor(message = "The operation was cancelled", options?: { cause?: unknown }) {
    super(message, options);
    this.name = "AbortError";
  }
}

/**
 * A deadline passed: a group's `timeout` (then `join()`/`run()` reject with it) or a task's own
 * `timeout` (then it is that task's failure). Its `name` is `"TimeoutError"`, as the platform's
 * `AbortSignal.timeout()` uses.
 */
export class TimeoutError extends Error {
  constructor(message = "The operation timed out", options?: { cause?: unknown }) {
    super(message, options);
    this.name = "TimeoutError";
  }
}

/**
 * An operation was asked of an object in a state that cannot do it: `spawn` on a group that is
 * closed, failed or cancelled, or `task.result()` while the task is still pending.
 */
export class InvalidStateError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "InvalidStateError";
  }
}

/** Anything named `AbortError`: ours, the platform's `DOMException`, or a library's own. */
export function isAbortError(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    (error as { name?: unknown }).name === "AbortError"
  );
}

/**
 * Refusals are the `InvalidStateError`s that `spawn`/`run` throw because the group is shutting
 * down. When such a refusal escapes a task or a body that is itself being cancelled, it is a
 * consequence of the cancellation, not a new failure, so it must not land in the group's error.
 */
const refusals = new WeakSet<object>();

/** @internal Creates an `InvalidStateError` that counts as part of a cancellation. */
export function refusal(message: string, cause: unknown): InvalidStateError {
  const error = new InvalidStateError(message, { cause });
  refusals.add(error);
  return error;
}

/**
 * @internal The one way the engine words a cancellation: `${what} was cancelled` (`what` is
 * `Task "load"`, `Run "save#2"`, `TaskGroup "page"`), with `cause` saying why.
 */
export function cancelledError(what: string, cause: unknown): CancelledError {
  return new CancelledError(`${what} was cancelled`, { cause });
}

/** @internal The one way the engine words a deadline: `${what} timed out after ${ms} ms`. */
export function timeoutError(what: string, ms: number | undefined): TimeoutError {
  return new TimeoutError(`${what} timed out after ${ms} ms`);
}

/** @internal `reason` itself when it already is a `CancelledError`, else one of `what` caused by it. */
export function toCancelledError(reason: unknown, what: string): CancelledError {
  return reason instanceof CancelledError ? reason : cancelledError(what, reason);
}

/**
 * @internal True when `error`, thrown by code whose signal aborted with `reason`, means "I stopped
 * because I was cancelled": the reason itself, any `AbortError`, or a refusal to spawn.
 */
export function isCancellationOf(error: unknown, reason: unknown): boolean {
  return (
    error === reason ||
    isAbortError(error) ||
    // WeakSet.has is false for a primitive: no need to test for an object first.
    refusals.has(error as object)
  );
}
