import {
  type CancelledError,
  cancelledError,
  InvalidStateError,
  isCancellationOf,
  refusal,
  timeoutError,
  toCancelledError,
} from "./errors.js";
import { FailureLog } from "./FailureLog.js";
import { Subscribers } from "./notify.js";
import { errorGroups, failureReasons, holdHooks, observation } from "./registry.js";
import { checkRetry } from "./retry.js";
import { SignalLinks } from "./SignalLinks.js";
import { type Outcome, TaskImpl, taskHost } from "./Task.js";
import { TaskGroupError } from "./TaskGroupError.js";
import type {
  SpawnOptions,
  Task,
  TaskFn,
  TaskGroupOptions,
  TaskGroupSnapshot,
  TaskGroupStatus,
} from "./types.js";
import {
  BOOLEAN,
  checkFunction,
  checkOptions,
  MAX_DELAY,
  MS,
  POSITIVE_INTEGER,
  SIGNAL,
  STRING,
} from "./validate.js";
import { WaitingQueue } from "./WaitingQueue.js";

const SPAWN_OPTIONS = { name: STRING, signal: SIGNAL, timeout: MS };
const GROUP_OPTIONS = { ...SPAWN_OPTIONS, limit: POSITIVE_INTEGER, failFast: BOOLEAN };

type Body<T> = (group: TaskGroup) => T | PromiseLike<T>;

// Symbol.asyncDispose exists on Node 20 and current browsers; elsewhere use the key TypeScript's
// `await using` lowering looks for.
const asyncDispose = (Symbol.asyncDispose ??
  Symbol.for("Symbol.asyncDispose")) as typeof Symbol.asyncDispose;

/** @internal Switches that only this package's React bindings use. */
export interface GroupInternals {
  /** Hold every task until `release()`: `useTasks` starts nothing before its render commits. */
  hold?: boolean;
  /** Do not start the `timeout` clock until `release()`. */
  deferDeadline?: boolean;
  /**
   * Called when someone waits (`then`) on a task that has not started while the group is held:
   * React suspending on it, where only a commit would start it.
   */
  onAwaitHeld?: (task: Task<unknown>) => void;
}

/**
 * A scope for concurrent tasks, after Python's `asyncio.TaskGroup`: tasks are spawned into it,
 * the first failure cancels the rest (fail-fast), every failure comes back together as one
 * {@link TaskGroupError}, and `join()` settles only once every task function has settled.
 *
 * Cancellation is cooperative: each task gets an `AbortSignal`, aborted when the task must stop.
 *
 * @example
 * ```ts
 * const [user, posts] = await TaskGroup.run(async (group) => {
 *   const user = group.spawn((signal) => fetchJson("/user", { signal }));
 *   const posts = group.spawn((signal) => fetchJson("/posts", { signal }));
 *   return [await user, await posts];
 * });
 * ```
 */
export class TaskGroup implements AsyncDisposable {
  static {
    // Lets a new observer see the tasks already live, without a public accessor.
    observation.live = (group) => (group instanceof TaskGroup ? (group.#live ?? []) : []);
    // What tasks tell their group: the group is the task's owner.
    const groupOf = (task: TaskImpl<unknown>) => task.owner as TaskGroup;
    taskHost.started = (task) => groupOf(task).#started(task);
    taskHost.settled = (task, outcome, wasRunning, error) =>
      groupOf(task).#taskSettled(task, outcome, wasRunning, error);
    taskHost.awaited = (task) => {
      const group = groupOf(task);
      if (group.#held) group.#onAwaitHeld?.(task as unknown as Task<unknown>);
    };
    taskHost.retried = (task, error) => {
      if (observation.count) observation.emit(groupOf(task), "retry", task, error);
    };
    holdHooks.release = (group) => group.#release();
    holdHooks.isHeld = (group) => group.#held;
    holdHooks.cancelWith = (group, error) => {
      if (group.#status === "open") group.#stop(error);
    };
  }

  /**
   * Runs `body` in a new group and resolves to its value once every task has settled. A throw of
   * the body cancels the tasks and is reported last in the `TaskGroupError`.
   * Like Python's `async with asyncio.TaskGroup() as tg:`.
   */
  static run<T>(
    body: (group: TaskGroup) => T | PromiseLike<T>,
    options?: TaskGroupOptions,
  ): Promise<T> {
    checkFunction(body, "TaskGroup.run", "body");
    return new TaskGroup(options).#runBody(body);
  }

  /** The group's name, from its options. */
  readonly name: string;
  /**
   * Made when `signal` is first read: most groups (one per component) are never asked for it, and
   * on Node an abort makes the signal and dispatches an event even when nobody listens.
   */
  #controller: AbortController | undefined;
  /** What the group stopped with: its signal's reason, and what a cancelled `join()` rejects with. */
  #stopReason: unknown;
  #status: TaskGroupStatus = "open";
  #failFast: boolean;
  #limit: number;
  #timeout: number | undefined;
  #deadline: ReturnType<typeof setTimeout> | undefined;
  #parentSignal: AbortSignal | undefined;
  #parent: TaskGroup | undefined;
  #children: Set<TaskGroup> | undefined;
  /** Unsettled tasks, running or waiting. Settled ones are forgotten (SPEC 1.8). */
  #live: Set<TaskImpl<unknown>> | undefined;
  #waiting: WaitingQueue<TaskImpl<unknown>> | undefined;
  #links: SignalLinks | undefined;
  #running = 0;
  #settled = 0;
  #spawned = 0;
  #held: boolean;
  #failures: FailureLog | undefined;
  #finished = false;
  /** What running tasks are aborted with when the group stops. */
  #taskReason: CancelledError | undefined;
  #join: { promise: Promise<void>; resolve(): void; reject(reason: unknown): void } | undefined;
  #snapshot: TaskGroupSnapshot | undefined;
  /** Made only once someone subscribes. */
  #subscribers: Subscribers | undefined;
  #onAwaitHeld: ((task: Task<unknown>) => void) | undefined;
  /** Made only for a group with a parent signal. */
  #parentListener: (() => void) | undefined;

  constructor(options?: TaskGroupOptions, internal?: GroupInternals) {
    checkOptions(options, "new TaskGroup", GROUP_OPTIONS);
    this.name = options?.name ?? "TaskGroup";
    this.#failFast = options?.failFast ?? true;
    this.#limit = options?.limit ?? Number.POSITIVE_INFINITY;
    this.#timeout = options?.timeout;
    this.#held = internal?.hold ?? false;
    this.#onAwaitHeld = internal?.onAwaitHeld;
    const parent = options?.signal;
    if (parent) {
      if (parent.aborted) this.#stop(toCancelledError(parent.reason, this.#label()));
      else {
        this.#parentSignal = parent;
        this.#parentListener = () => this.#onParentAbort();
        parent.addEventListener("abort", this.#parentListener, { once: true });
      }
    }
    if (!internal?.deferDeadline) this.#armDeadline();
  }

  /** Aborts when the group stops: on the first failure (fail-fast), `cancel()`, a parent abort or the deadline. */
  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.#taskReason) this.#controller.abort(this.#stopReason);
    }
    return this.#controller.signal;
  }

  /**
   * Starts `fn(signal)` as a task of this group: at once, synchronously, or when a slot frees
   * under `limit`. What `fn` throws or rejects with is that task's failure, taken on a later
   * tick; `spawn` itself throws only for bad input (`TypeError`, `RangeError`) or when the group
   * no longer accepts tasks (`InvalidStateError`: closed, failed or cancelled).
   */
  spawn<T>(fn: TaskFn<T>, options?: SpawnOptions): Task<T> {
    checkFunction(fn, "TaskGroup.spawn", "the task");
    checkOptions(options, "TaskGroup.spawn", SPAWN_OPTIONS);
    this.#assertOpen("spawn");
    this.#spawned++;
    const name = options?.name ?? (fn.name || undefined);
    const external = options?.signal;
    const retry = options?.retry;
    if (retry !== undefined) checkRetry(retry, "TaskGroup.spawn");
    const task = new TaskImpl(fn, name, this.#spawned, this, options?.timeout, retry);
    (this.#live ??= new Set()).add(task as TaskImpl<unknown>);
    if (observation.count) observation.emit(this, "spawn", task);
    if (external?.aborted) {
      task.cancel(external.reason); // its function never runs
    } else {
      if (external) (this.#links ??= new SignalLinks()).link(external, task as TaskImpl<unknown>);
      if (this.#held || this.#running >= this.#limit) {
        (this.#waiting ??= new WaitingQueue()).push(task as TaskImpl<unknown>);
        this.#changed();
      } else {
        task.start();
      }
    }
    return task as unknown as Task<T>;
  }

  /**
   * Runs `body` in a child group whose signal follows this one: cancelling this group cancels
   * the child. The child's rejection goes only to whoever awaits this call; it fails this group
   * only if it escapes one of its tasks or its body. This group's `join()` waits for the child.
   */
  run<T>(body: (group: TaskGroup) => T | PromiseLike<T>, options?: TaskGroupOptions): Promise<T> {
    checkFunction(body, "TaskGroup.run", "body");
    this.#assertOpen("run");
    const child = new TaskGroup(options);
    child.#parent = this;
    (this.#children ??= new Set()).add(child);
    return child.#runBody(body);
  }

  /**
   * Waits for every task, including those spawned while it waits, then closes the group.
   * Resolves when all succeeded; rejects with a `TaskGroupError` if anything failed, else with a
   * `CancelledError` (or `TimeoutError` at the deadline) if the group was cancelled.
   */
  join(): Promise<void> {
    if (!this.#join) {
      let resolve!: () => void;
      let reject!: (reason: unknown) => void;
      const promise = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      this.#join = { promise, resolve, reject };
      this.#finishIfDone();
    }
    return this.#join.promise;
  }

  /**
   * Cancels every task and the body: aborts their signals with a `CancelledError` whose `cause`
   * is `reason`. Idempotent; a no-op once the group has closed or failed.
   */
  cancel(reason?: unknown): void {
    if (this.#status !== "open") return;
    this.#stop(this.#cancelledBy(reason));
  }

  /**
   * Listens for changes of {@link getSnapshot}, coalesced: at most two calls per macrotask turn
   * (the first change on a microtask, the rest at the turn's end).
   */
  subscribe(listener: () => void): () => void {
    checkFunction(listener, "TaskGroup.subscribe", "listener");
    return (this.#subscribers ??= new Subscribers()).add(listener);
  }

  /** The current state, immutable: the same object until something changes. */
  getSnapshot(): TaskGroupSnapshot {
    this.#snapshot ??= Object.freeze({
      status: this.#status,
      running: this.#running,
      queued: this.#waiting?.size ?? 0,
      settled: this.#settled,
      error: this.#failures?.error,
    });
    return this.#snapshot;
  }

  /**
   * Same as `join()`, for `await using group = new TaskGroup()`. JavaScript does not tell the
   * group that the block threw, so prefer `TaskGroup.run`, which cancels the tasks when it does.
   */
  declare [Symbol.asyncDispose]: () => Promise<void>;
  // Typed by the declaration above; defined under `asyncDispose`, the symbol or its fallback key.
  [asyncDispose as unknown as string](): Promise<void> {
    return this.join();
  }

  async #runBody<T>(body: Body<T>): Promise<T> {
    let value: T | undefined;
    // The body runs even in a group already cancelled (an aborted parent signal), as Python's
    // body starts in a cancelled task: it sees the aborted signal, and what it spawns is refused.
    try {
      value = await body(this);
    } catch (error) {
      // A body that awaited the group's own join() has seen it settle: nothing more to record.
      if (this.#finished) throw error;
      if (!(this.#taskReason && isCancellationOf(error, this.#stopReason))) this.#bodyThrew(error);
    }
    await this.join();
    return value as T;
  }

  #assertOpen(what: string): void {
    if (this.#status === "open") return;
    const message = `${this.#label()} is ${this.#status}: ${what}() refused`;
    if (this.#status === "closed") throw new InvalidStateError(message);
    throw refusal(message, this.#stopReason);
  }

  /** What messages call this group: `TaskGroup "page"`. */
  #label(): string {
    return `TaskGroup "${this.name}"`;
  }

  #cancelledBy(cause: unknown): CancelledError {
    return cancelledError(this.#label(), cause);
  }

  #onParentAbort(): void {
    const parent = this.#parentSignal;
    this.#parentSignal = undefined;
    if (this.#status === "open") this.#stop(toCancelledError(parent?.reason, this.#label()));
  }

  #armDeadline(): void {
    const ms = this.#timeout;
    if (
      ms === undefined ||
      ms > MAX_DELAY ||
      this.#deadline !== undefined ||
      this.#status === "closed"
    )
      return;
    this.#deadline = setTimeout(() => {
      if (this.#status !== "open") return;
      this.#stop(timeoutError(this.#label(), ms));
    }, ms);
  }

  #release(): void {
    if (this.#held) {
      this.#held = false;
      this.#armDeadline();
    }
    this.#pump();
  }

  /** Aborts the body, every live task and every child group. */
  #stop(groupReason: unknown, status: "failed" | "cancelled" = "cancelled"): void {
    // Failures win: cancelling a group that already holds failures (failFast: false) leaves it
    // failed, as its join() will reject with them.
    const next = this.#failures ? "failed" : status;
    if (this.#status === "open" || (next === "failed" && this.#status === "cancelled")) {
      this.#status = next;
      this.#changed();
    }
    if (this.#taskReason) return;
    const taskReason = toCancelledError(groupReason, this.#label());
    this.#taskReason = taskReason;
    this.#stopReason = groupReason;
    if (status === "failed" && this.#failures)
      failureReasons.set(this, { reason: taskReason, error: this.#failures.error });
    this.#controller?.abort(groupReason);
    for (const task of this.#live ? [...this.#live] : []) {
      if (task.running) task.abort(taskReason);
      else task.drop(taskReason);
    }
    if (this.#children) for (const child of [...this.#children]) child.#stop(taskReason);
  }

  #started(task: TaskImpl<unknown>): void {
    this.#running++;
    this.#changed();
    if (observation.count) observation.emit(this, "start", task);
  }

  #taskSettled(
    task: TaskImpl<unknown>,
    outcome: Outcome,
    wasRunning: boolean,
    error: unknown,
  ): void {
    this.#live?.delete(task);
    if (task.external) this.#links?.unlink(task);
    if (wasRunning) this.#running--;
    else this.#waiting?.drop(task);
    this.#settled++;
    if (observation.count) observation.emit(this, outcome, task, error);
    if (outcome === "failed") this.#fail(error, task as unknown as Task<unknown>);
    this.#changed();
    this.#pump();
    this.#finishIfDone();
  }

  #bodyThrew(error: unknown): void {
    if (!this.#failures?.has(error)) this.#record(error, undefined);
    // The scope is leaving abnormally: cancel the tasks even with failFast off.
    this.#stop(this.#cancelledBy(error), "failed");
  }

  #fail(error: unknown, task: Task<unknown>): void {
    if (this.#failures?.has(error)) return;
    this.#record(error, task);
    if (this.#failFast) this.#stop(this.#cancelledBy(error), "failed");
    else if (this.#status === "cancelled") this.#status = "failed";
  }

  #record(error: unknown, task: Task<unknown> | undefined): void {
    if (!this.#failures) {
      this.#failures = new FailureLog(this.name);
      errorGroups.set(this.#failures.error, this);
    }
    this.#failures.add(error, task);
    this.#changed();
  }

  #pump(): void {
    const waiting = this.#waiting;
    // Once the group stops, a waiting task is dropped, never started (even as a slot frees).
    if (!waiting || this.#held || this.#taskReason) return;
    while (waiting.size > 0 && this.#running < this.#limit) {
      const next = waiting.shift();
      if (!next) break;
      this.#changed();
      next.start();
    }
  }

  #finishIfDone(): void {
    if (
      !this.#join ||
      this.#finished ||
      (this.#live?.size ?? 0) > 0 ||
      (this.#children?.size ?? 0) > 0
    ) {
      return;
    }
    this.#finished = true;
    if (this.#deadline !== undefined) clearTimeout(this.#deadline);
    if (this.#parentSignal && this.#parentListener) {
      this.#parentSignal.removeEventListener("abort", this.#parentListener);
    }
    this.#parentSignal = undefined;
    if (this.#failures) {
      this.#status = "failed";
      this.#failures.seal();
      this.#join.reject(this.#failures.error);
    } else if (this.#status === "cancelled") {
      this.#join.reject(this.#stopReason);
    } else {
      this.#status = "closed";
      this.#join.resolve();
    }
    this.#changed();
    const parent = this.#parent;
    if (parent) {
      this.#parent = undefined;
      parent.#children?.delete(this);
      parent.#finishIfDone();
    }
    // Whoever awaits join() or run() resumes on a later microtask: by then subscribers know (§4.2).
    this.#subscribers?.settled();
  }

  #changed(): void {
    this.#snapshot = undefined;
    this.#subscribers?.changed();
  }
}
