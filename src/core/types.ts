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
  /**
   * Runs the function again when it fails: a number of retries, or {@link RetryOptions}. The task
   * keeps its `Task` and its slot under `limit`, fail-fast waits until its retries are spent, and
   * each attempt gets a signal of its own that follows the task's (so a `timeout`, counted per
   * attempt, is retried). Cancellation is never retried. Earlier attempts' errors reach
   * `observeTasks` as `retry` events. Default: no retry.
   */
  retry?: number | RetryOptions | undefined;
}

/**
 * How a failed task or run is tried again. Only the last attempt's error is the failure.
 * @example
 * ```ts
 * group.spawn(load, { retry: { retries: 3, delay: backoff({ base: 500 }), when: isNetworkError } });
 * ```
 */
export interface RetryOptions {
  /** Retries after the first failure: a whole number ≥ 0 (so at most `retries + 1` attempts). */
  retries: number;
  /**
   * Milliseconds to wait before retry `retry` (1-based): a number ≥ 0, or a function of the retry
   * and the error the attempt failed with. Default: `backoff()` (1 s, 2 s, 4 s… up to 30 s, with
   * jitter).
   */
  delay?: number | ((retry: number, error: unknown) => number) | undefined;
  /**
   * Whether to retry after `error` (asked only while retries remain; `retry` is the 1-based
   * number of the retry it would be). Default: always.
   */
  when?: ((error: unknown, retry: number) => boolean) | undefined;
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

/**
 * What an action's `run()` does when `limit` runs are already running (ember-concurrency's task
 * modifiers; RxJS's `concatMap`, `exhaustMap`, `switchMap`):
 * - `enqueue`: it waits its turn, FIFO, unbounded;
 * - `drop`: it is refused: settled at once as cancelled with `dropped: true`, body never called;
 * - `restart`: the oldest running run is cancelled and the new one starts at once;
 * - `keepLatest`: it waits, but at most one run waits: a newer run drops the waiting one.
 */
export type Policy = "enqueue" | "drop" | "restart" | "keepLatest";

/** Options of an action, given to `createAction` (or `useAction`). Every field is optional. */
export interface ActionOptions {
  /** Shown in errors and devtools: the runs' names and their scopes'. Default: the body's name, else `"action"`. */
  name?: string | undefined;
  /** What a run does when `limit` runs are already running. Default: `"enqueue"`. */
  policy?: Policy | undefined;
  /**
   * How many runs may run at once: a positive integer, or `Infinity` for no limit. Default: 1
   * when `policy` is given, else no limit.
   */
  limit?: number | undefined;
  /**
   * Deadline of each attempt of a run, in milliseconds from its start: when it passes, the
   * attempt's scope is cancelled and the attempt fails with a `TimeoutError` (retried under
   * `retry`). Default: none.
   */
  timeout?: number | undefined;
  /** Runs a failed run again, its body in a fresh scope each time. Default: no retry. */
  retry?: number | RetryOptions | undefined;
}

/**
 * One call of an action: a {@link Task} (await it, `use()` it, cancel it) with the arguments it
 * was asked with. Its failure is its scope's `TaskGroupError` (the body's own throw last), or the
 * `TimeoutError` of a timed-out attempt; awaiting it is optional: an unwatched failure is never
 * an unhandled rejection, it shows in the action's snapshot.
 */
export type Run<A extends unknown[], T> = Task<T> & {
  /** The arguments given to `run()`. */
  readonly args: A;
  /** True when its policy refused it (`drop`, or displaced under `keepLatest`): its body never ran. */
  readonly dropped: boolean;
  /** How many times its body has been called so far (0 while waiting; more than 1 with `retry`). */
  readonly attempts: number;
};

/**
 * An immutable picture of an action, for rendering: `getSnapshot()` returns the same object until
 * something changes.
 */
export interface ActionSnapshot<A extends unknown[], T> {
  /** Runs whose body is running (or waiting to retry); cancelled runs still unwinding excluded. */
  readonly running: number;
  /** Runs waiting for a slot. */
  readonly queued: number;
  /** Runs asked for since the action was made, dropped ones included. */
  readonly runs: number;
  /** The latest run asked for that was not dropped (it may be cancelled). */
  readonly last: Run<A, T> | undefined;
  /** The latest successful run, by the order runs were asked for (not the order they settled). */
  readonly lastSucceeded: Run<A, T> | undefined;
  /** The latest failed run, in the same order. Cancelled and dropped runs are neither. */
  readonly lastFailed: Run<A, T> | undefined;
  /** `lastSucceeded?.value`. */
  readonly value: T | undefined;
  /** `lastFailed`'s reason, unless a run asked for after it has succeeded; else undefined. */
  readonly error: unknown;
}

/**
 * Work that UI code starts again and again (a search, a submit, a save), each call a
 * {@link Run} in a child scope of one group, with a {@link Policy} for calls that overlap.
 * Made by `createAction`.
 */
export interface Action<A extends unknown[], T> {
  /**
   * Asks for a run of the body with `args`; what happens when `limit` runs are running is the
   * policy's choice. Throws `InvalidStateError` once the group has stopped or closed.
   */
  run(...args: A): Run<A, T>;
  /** Cancels every run, running or waiting. The action stays usable. */
  cancel(reason?: unknown): void;
  /** Listens for changes of {@link getSnapshot}, coalesced as the group's are. Returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
  /** The current state, immutable: the same object until something changes. */
  getSnapshot(): ActionSnapshot<A, T>;
}
