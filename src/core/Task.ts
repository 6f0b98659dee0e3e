import {
  type CancelledError,
  cancelledError,
  isCancellationOf,
  type TimeoutError,
  timeoutError,
} from "./errors.js";
import { type Mark, markNow } from "./mark.js";
import { delayOf, type Retry, shouldRetry } from "./retry.js";
import { Settlement } from "./Settlement.js";
import type { TaskBase, TaskFn } from "./types.js";
import { MAX_DELAY } from "./validate.js";

/** How a task ended, as its group needs to know. */
export type Outcome = "fulfilled" | "failed" | "cancelled";

/** @internal What a task tells the group that owns it (its `owner`). */
interface TaskHost {
  /** The function has started. */
  started(task: TaskImpl<unknown>): void;
  /** The task settled; `error` is the failure when `outcome` is `failed`. */
  settled(task: TaskImpl<unknown>, outcome: Outcome, wasRunning: boolean, error: unknown): void;
  /** Someone waits on a task whose function has not started. */
  awaited(task: TaskImpl<unknown>): void;
  /** An attempt failed with `error` and the task will try again. */
  retried(task: TaskImpl<unknown>, error: unknown): void;
}

/**
 * @internal The group's side of a task, filled in by `TaskGroup` (which alone can reach its
 * private state). One shared object rather than callbacks per group: groups are made often.
 */
export const taskHost: TaskHost = {
  started() {},
  settled() {},
  awaited() {},
  retried() {},
};

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === "object" || typeof value === "function") &&
    typeof (value as { then?: unknown }).then === "function"
  );
}

/** @internal A retried task's state: kept apart, so that tasks without `retry` pay one field. */
interface Retrying {
  readonly options: Retry;
  readonly fn: TaskFn<unknown>;
  /** Failures so far: the number of the next retry, less one. */
  failures: number;
  /** The running attempt's own signal, which follows the task's. */
  attempt: AbortController | undefined;
  /** Between attempts: a timer runs, no function does. */
  waiting: boolean;
}

/**
 * @internal The one implementation of {@link Task}. Its group drives it through the methods
 * marked internal; users see only the `Task` interface.
 */
export class TaskImpl<T> extends Settlement<T> implements TaskBase<T> {
  #name: string | undefined;
  #index: number;
  /** Made when the signal is first needed: at start, or when read. */
  #controller: AbortController | undefined;
  /** @internal In its group's waiting queue. */
  queued = false;
  /**
   * Mirrors of the signal's state. On Node 20 every AbortSignal has a hidden class of its own, so
   * reading `signal.aborted` / `signal.reason` across many tasks costs ~1 µs a read.
   */
  #aborted = false;
  #abortReason: unknown;
  /** Queued just before the signal aborted: see {@link markNow}. */
  #abortMark: Mark | undefined;
  #fn: TaskFn<T> | undefined;
  #running = false;
  #timeout: number | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** The TimeoutError of the attempt that timed out. */
  #timedOut: TimeoutError | undefined;
  #retry: Retrying | undefined;
  /** @internal The outside signal (SpawnOptions.signal) whose group link holds this task. */
  external: AbortSignal | undefined = undefined;
  /** @internal The group this task was spawned in: lets readers find its error. */
  readonly owner: object;

  constructor(
    fn: TaskFn<T>,
    name: string | undefined,
    index: number,
    owner: object,
    timeout: number | undefined,
    retry?: Retry,
  ) {
    super();
    this.#fn = fn;
    if (retry)
      this.#retry = { options: retry, fn, failures: 0, attempt: undefined, waiting: false };
    this.#name = name;
    this.#index = index;
    this.owner = owner;
    if (timeout !== undefined && timeout <= MAX_DELAY) this.#timeout = timeout;
  }

  /** Built when first read: most tasks' names are never read. */
  get name(): string {
    this.#name ??= `task-${this.#index}`;
    return this.#name;
  }

  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.#aborted) this.#controller.abort(this.#abortReason);
    }
    return this.#controller.signal;
  }
  /** @internal True while the function runs. */
  get running(): boolean {
    return this.#running;
  }

  protected override get label(): string {
    return `Task "${this.name}"`;
  }

  /** Someone waits on a task whose function has not started: its group may need to start it. */
  protected override awaited(): void {
    if (this.#fn) taskHost.awaited(this as TaskImpl<unknown>);
  }

  cancel(reason?: unknown): void {
    if (this.status !== "pending") return;
    const cancelled = cancelledError(this.label, reason);
    if (this.#fn) this.drop(cancelled);
    else this.abort(cancelled);
  }

  /** @internal Aborts a running task's signal; the task settles when its function does. */
  abort(reason: unknown): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#abortReason = reason;
    // Before the abort listeners run, so that what they make the function throw comes after it.
    this.#abortMark = markNow();
    this.#controller?.abort(reason);
    const retry = this.#retry;
    if (retry) {
      retry.attempt?.abort(reason);
      // Cancellation is never retried: a task waiting to retry settles now.
      if (retry.waiting) this.#settle("cancelled", reason);
    }
  }

  /** @internal Settles a task that never started as cancelled; its function is never called. */
  drop(reason: CancelledError): void {
    if (!this.#fn) return;
    this.#fn = undefined;
    this.abort(reason);
    this.#settle("cancelled", reason);
  }

  /** @internal Calls the function now. A synchronous outcome is taken on a later microtask. */
  start(): void {
    const fn = this.#fn;
    if (!fn) return;
    this.#fn = undefined;
    this.#running = true;
    taskHost.started(this as TaskImpl<unknown>);
    this.#attempt(fn);
  }

  #attempt(fn: TaskFn<T>): void {
    if (this.#timeout !== undefined) {
      this.#timer = setTimeout(() => this.#onTimeout(), this.#timeout);
    }
    const retry = this.#retry;
    // With retry, each attempt has a signal of its own, so that its timeout spares the task's.
    const signal = retry ? (retry.attempt = new AbortController()).signal : this.signal;
    try {
      const result = fn(signal);
      if (result instanceof Promise || isThenable(result)) {
        Promise.resolve(result).then(this.#onFulfilled, this.#onRejected);
      } else {
        queueMicrotask(() => this.#onFulfilled(result as T));
      }
    } catch (error) {
      // Judged now, not on the microtask: an AbortError thrown before the signal aborted stays a
      // failure even if a sibling's failure aborts the signal before that microtask runs.
      const aborted = this.#aborted || this.#timedOut !== undefined;
      queueMicrotask(() => this.#onRejected(error, aborted));
    }
  }

  #onTimeout(): void {
    this.#timer = undefined;
    if (this.#aborted) return;
    const error = timeoutError(this.label, this.#timeout);
    this.#timedOut = error;
    const attempt = this.#retry?.attempt;
    if (attempt) attempt.abort(error);
    else this.abort(error);
  }

  #onFulfilled = (value: T): void => {
    if (this.status !== "pending") return;
    this.#settle("fulfilled", value);
  };

  /**
   * An AbortError counts as a cancellation only when it was thrown after the signal aborted. A
   * rejection whose handler runs before the abort's mark had been queued before the abort (a
   * sibling's failure aborted this signal between the rejection and its delivery, in the same
   * microtask checkpoint): it is the task's own failure. The signal's reason itself is always a
   * cancellation. Thenables that are not native promises take extra hops, so one that rejects
   * just before the abort may still be judged after it. A timed-out attempt is a failure, retried
   * while `retry` allows.
   */
  #onRejected = (error: unknown, aborted = this.#aborted || this.#timedOut !== undefined): void => {
    if (this.status !== "pending") return;
    const timedOut = this.#timedOut;
    const reason = this.#abortReason;
    const after = error === reason || error === timedOut || this.#abortMark?.passed !== false;
    if (aborted && after && (error === timedOut || isCancellationOf(error, reason))) {
      if (!timedOut) {
        this.#settle("cancelled", reason);
        return;
      }
      error = timedOut; // a timeout is a failure of the task
    }
    const retry = this.#retry;
    // Once the task's signal has aborted no new attempt starts.
    if (retry && !this.#aborted && shouldRetry(retry.options, retry.failures + 1, error)) {
      this.#retryAfter(retry, error);
    } else {
      this.#settle("failed", error);
    }
  };

  /** Reports the failed attempt and starts the next one after its delay; the task keeps its slot. */
  #retryAfter(retry: Retrying, error: unknown): void {
    const n = ++retry.failures;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timedOut = undefined;
    retry.attempt = undefined;
    retry.waiting = true;
    taskHost.retried(this as TaskImpl<unknown>, error);
    this.#timer = setTimeout(
      () => {
        retry.waiting = false;
        this.#attempt(retry.fn as TaskFn<T>);
      },
      delayOf(retry.options, n, error),
    );
  }

  /** `result` is the value when fulfilled, else the reason. */
  #settle(outcome: Outcome, result: unknown): void {
    const wasRunning = this.#running;
    this.#running = false;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    if (this.#retry) this.#retry.waiting = false;
    if (outcome === "fulfilled") this.fulfil(result as T);
    else this.fail(result, outcome === "cancelled");
    const error = outcome === "fulfilled" ? undefined : result;
    taskHost.settled(this as TaskImpl<unknown>, outcome, wasRunning, error);
  }
}
