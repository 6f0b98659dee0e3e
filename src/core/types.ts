import type { TaskGroupError } from "./TaskGroupError.js";

/**
 * The function a task runs. It receives the task's `AbortSignal`: pass it to `fetch` and
 * friends, or check it between steps. Returning a value (or a promise of one) fulfils the task.
 */
export type TaskFn<T> = (signal: AbortSignal) => T | PromiseLike<T>;

/** Options of a {@link TaskGroup}. Every field is optional. */
export interface TaskGroupOptions {
  /** Shown in error messages and devtools. Default: `"TaskGroup"`. */
  name?: string | undefined;
  /** A parent signal: when it aborts, the group is cancelled as by `cancel(signal.reason)`. */
  signal?: AbortSignal | undefined;
  /**
   * At most this many task functions run at once; the others wait in FIFO order.
   * A positive integer. Default: no limit.
   */
  limit?: number | undefined;
  /**
   * Deadline for the whole group, in milliseconds from its creation: when it passes the group is
   * cancelled and `join()`/`run()` reject with a `TimeoutError` (unless something failed).
   * Default: none.
   */
  timeout?: number | undefined;
  /**
   * `true` (default): the first failure cancels every other task and the body.
   * `false`: failures cancel nobody and the group stays open; they are still all collected and
   * `join()` rejects with them at the end.
   */
  failFast?: boolean | undefined;
}

/** Options of one task, given to `spawn`. */
export interface SpawnOptions {
  /** Shown in errors and devtools. Default: the function's name, else `task-N`. */
  name?: string | undefined;
  /** Cancels this one task (not the group) when it aborts. */
  signal?: AbortSignal | undefined;
  /**
   * Deadline for this task, in milliseconds from when its function starts. When it passes, the
   * task's signal aborts with a `TimeoutError`, which is a failure of the task (so fail-fast
   * applies). Default: none.
   */
  timeout?: number | undefined;
}

/** Where a group is in its life. See {@link TaskGroupSnapshot.status}. */
export type TaskGroupStatus = "open" | "failed" | "cancelled" | "closed";

/**
 * An immutable picture of a group, for rendering. `getSnapshot()` returns the same object until
 * something changes, so it suits `useSyncExternalStore`.
 */
export interface TaskGroupSnapshot {
  /**
   * `open` until something happens; `failed` from the first failure on with fail-fast (with
   * `failFast: false`, once `join()` ends with failures); `cancelled` from `cancel()`, a parent
   * abort or the deadline on; `closed` once `join()` has succeeded. `failed` is final;
   * `cancelled` gives way only to `failed`.
   */
  readonly status: TaskGroupStatus;
  /** Task functions started and not settled. */
  readonly running: number;
  /** Tasks waiting to start: for a slot under `limit`, or for their render to commit. */
  readonly queued: number;
  /** Tasks settled since the group began. Progress is `settled / (settled + running + queued)`. */
  readonly settled: number;
  /** The group's error from the first failure on, growing as failures arrive; else undefined. */
  readonly error: TaskGroupError | undefined;
}

/** What a task has become: React's thenable statuses, so `use(task)` understands it. */
export type TaskStatus = "pending" | "fulfilled" | "rejected";

/** What every task has, whatever its status. See {@link Task}. */
export interface TaskBase<T> extends PromiseLike<T> {
  /** The name given to `spawn`, else the function's name, else `task-N`. */
  readonly name: string;
  /** Aborts when this task is cancelled: by `cancel()`, its group, its `signal` or its timeout. */
  readonly signal: AbortSignal;
  /** `pending` until the function settles; then `fulfilled` or `rejected` (cancelled too). */
  readonly status: TaskStatus;
  /** The value, once fulfilled; else undefined. */
  readonly value: T | undefined;
  /** Why it was rejected: the thrown value, or a `CancelledError` when cancelled. */
  readonly reason: unknown;
  /** True when the task ended because it was cancelled (not merely asked to). */
  readonly cancelled: boolean;
  /**
   * Cancels this task alone: aborts its signal (or drops it if not started yet). Not a failure of
   * the group. A no-op once settled.
   */
  cancel(reason?: unknown): void;
  /** The value; throws the reason when rejected; throws `InvalidStateError` while pending. */
  result(): T;
}

/** A task whose function has not settled yet. */
export interface PendingTask<T> extends TaskBase<T> {
  readonly status: "pending";
  readonly value: undefined;
}
/** A task that returned a value. */
export interface FulfilledTask<T> extends TaskBase<T> {
  readonly status: "fulfilled";
  readonly value: T;
}
/** A task that failed or was cancelled (`cancelled` tells which). */
export interface RejectedTask<T> extends TaskBase<T> {
  readonly status: "rejected";
  readonly value: undefined;
  readonly reason: unknown;
}

/**
 * A running piece of work in a {@link TaskGroup}. It is a thenable (`await task` gives its value)
 * and follows React's thenable protocol (`status`, `value`, `reason`), so React 19's `use(task)`
 * and `readTask(task)` read it without wrapping.
 *
 * It is a union on `status`, as React's own thenable types are, so that `use(task)` type-checks
 * and `task.status === "fulfilled"` narrows `task.value` to `T`.
 */
export type Task<T> = PendingTask<T> | FulfilledTask<T> | RejectedTask<T>;

/**
 * Selects errors in {@link TaskGroupError.split}: an error class (matched with `instanceof`) or a
 * predicate. A function whose `prototype` is `Error.prototype` or inherits from it, or any
 * `class`, is a class; any other function is a predicate.
 */
// biome-ignore lint/suspicious/noExplicitAny: constructor parameters are irrelevant to matching
export type ErrorMatcher = (new (...args: any[]) => unknown) | ((error: unknown) => boolean);
