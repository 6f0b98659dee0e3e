import { type ActionSettings, checkActionOptions } from "./actionOptions.js";
import { CancelledError, InvalidStateError, refusal, TimeoutError } from "./errors.js";
import type { TaskEventType } from "./instrument.js";
import { Subscribers } from "./notify.js";
import { decide } from "./policy.js";
import { RUNNING, RunImpl, type RunOwner, SETTLED, UNWINDING, WAITING } from "./Run.js";
import { observation } from "./registry.js";
import { delayOf, type Retry, shouldRetry } from "./retry.js";
import type { TaskGroup } from "./TaskGroup.js";
import { TaskGroupError } from "./TaskGroupError.js";
import type {
  Action,
  ActionOptions,
  ActionSnapshot,
  Policy,
  Run,
  TaskGroupOptions,
} from "./types.js";
import { checkFunction, describe } from "./validate.js";
import { WaitingQueue } from "./WaitingQueue.js";

type AnyRun = RunImpl<never[], unknown>;

/**
 * Makes an {@link Action}: `body` run again and again, each {@link Run} in a child scope of
 * `group` (fail-fast inside; its failure never fails `group`; `group.join()` waits for every
 * run), with a {@link Policy} for runs asked for while `limit` are running. When `group` stops,
 * every run is cancelled and `run()` throws `InvalidStateError`.
 *
 * @example A search box that abandons the stale request.
 * ```ts
 * const search = createAction(group, async (scope, query: string) => {
 *   const response = await fetch(`/search?q=${query}`, { signal: scope.signal });
 *   return response.json();
 * }, { policy: "restart" });
 * input.oninput = () => search.run(input.value);
 * search.subscribe(() => render(search.getSnapshot()));
 * ```
 */
export function createAction<A extends unknown[], T>(
  group: TaskGroup,
  body: (scope: TaskGroup, ...args: A) => T | PromiseLike<T>,
  options?: ActionOptions,
): Action<A, T> {
  const settings = checkActionOptions(options);
  if (typeof group?.run !== "function" || typeof group.getSnapshot !== "function")
    throw new TypeError(`createAction: group must be a TaskGroup, got ${describe(group)}`);
  checkFunction(body, "createAction", "body");
  return new ActionImpl(group, body as Body, settings) as unknown as Action<A, T>;
}

type Body = (scope: TaskGroup, ...args: unknown[]) => unknown;

/** @internal The one implementation of {@link Action}. */
class ActionImpl implements RunOwner {
  readonly name: string;
  #group: TaskGroup;
  #body: Body;
  #policy: Policy;
  #limit: number;
  #retry: Retry | undefined;
  /** The options of every attempt's scope, made once. */
  #scopeOptions: TaskGroupOptions;
  /** Runs holding a slot (running or waiting to retry), oldest first. */
  #active = new Set<AnyRun>();
  #waiting: WaitingQueue<AnyRun> | undefined;
  /** Runs not settled yet: active, waiting, unwinding. */
  #live = 0;
  #requested = 0;
  #last: AnyRun | undefined;
  #lastSucceeded: AnyRun | undefined;
  #lastFailed: AnyRun | undefined;
  /** Ends the scope that keeps `group` open between attempts and while runs wait. */
  #release: (() => void) | undefined;
  #snapshot: ActionSnapshot<never[], unknown> | undefined;
  /** Made only once someone subscribes. */
  #subscribers: Subscribers | undefined;

  constructor(group: TaskGroup, body: Body, settings: ActionSettings) {
    this.#group = group;
    this.#body = body;
    this.name = settings.name ?? (body.name || "action");
    this.#policy = settings.policy;
    this.#limit = settings.limit;
    this.#retry = settings.retry;
    this.#scopeOptions =
      settings.timeout === undefined
        ? { name: this.name }
        : { name: this.name, timeout: settings.timeout };
  }

  run(...args: never[]): Run<never[], unknown> {
    const status = this.#group.getSnapshot().status;
    if (status !== "open") {
      const message = `Action "${this.name}": its group is ${status}: run() refused`;
      if (status === "closed") throw new InvalidStateError(message);
      throw refusal(message, this.#group.signal.reason);
    }
    const run: AnyRun = new RunImpl(this, args, ++this.#requested);
    this.#emit("spawn", run);
    const waiting = this.#waiting?.size ?? 0;
    const decision = decide(this.#policy, this.#limit, this.#active.size, waiting);
    if (decision === "drop") {
      run.dropped = true;
      run.settle(
        "cancelled",
        new CancelledError(`Run "${run.name}" was dropped: ${this.#limit} running`),
      );
      this.#emit("cancelled", run, run.reason);
      this.#changed();
      return run as unknown as Run<never[], unknown>;
    }
    this.#live++;
    this.#last = run;
    this.#hold();
    if (decision === "displace") {
      const displaced = this.#waiting?.shift();
      if (displaced) {
        displaced.dropped = true;
        this.#live--;
        this.#settle(
          displaced,
          "cancelled",
          new CancelledError(`Run "${displaced.name}" was dropped: a newer run waits`),
        );
      }
    }
    if (decision === "start" || decision === "cancel-oldest") {
      if (decision === "cancel-oldest") {
        const oldest = this.#active.values().next().value;
        if (oldest) this.#cancelRunning(oldest, "restarted by a newer run");
      }
      this.#start(run);
    } else {
      (this.#waiting ??= new WaitingQueue()).push(run);
    }
    this.#changed();
    return run as unknown as Run<never[], unknown>;
  }

  cancel(reason?: unknown): void {
    const waiting = this.#waiting;
    while (waiting && waiting.size > 0) {
      const run = waiting.shift();
      if (run) this.cancelRun(run, reason);
    }
    for (const run of [...this.#active]) this.cancelRun(run, reason);
  }

  subscribe(listener: () => void): () => void {
    checkFunction(listener, "Action.subscribe", "listener");
    return (this.#subscribers ??= new Subscribers()).add(listener);
  }

  getSnapshot(): ActionSnapshot<never[], unknown> {
    if (!this.#snapshot) {
      const succeeded = this.#lastSucceeded;
      const failed = this.#lastFailed;
      // A failure is the current error until a run asked for after it succeeds.
      const error =
        failed && !(succeeded && succeeded.index > failed.index) ? failed.reason : undefined;
      this.#snapshot = Object.freeze({
        running: this.#active.size,
        queued: this.#waiting?.size ?? 0,
        runs: this.#requested,
        last: this.#last as unknown as Run<never[], unknown> | undefined,
        lastSucceeded: succeeded as unknown as Run<never[], unknown> | undefined,
        lastFailed: failed as unknown as Run<never[], unknown> | undefined,
        value: succeeded?.value,
        error,
      });
    }
    return this.#snapshot;
  }

  /** @internal `run.cancel(reason)`, and every other cancellation of one run. */
  cancelRun(run: AnyRun, reason: unknown): void {
    if (run.state === WAITING) {
      this.#waiting?.drop(run);
      this.#live--;
      this.#settle(run, "cancelled", run.cancellation(reason));
      this.#unhold();
    } else if (run.state === RUNNING) {
      this.#cancelRunning(run, reason);
      this.#pump();
    }
  }

  /** Frees the slot of a running run at once; it settles when its scope does (or now, between attempts). */
  #cancelRunning(run: AnyRun, cause: unknown): void {
    this.#active.delete(run);
    this.#changed();
    if (run.timer !== undefined) {
      // Waiting to retry: nothing runs, so it settles at once.
      clearTimeout(run.timer);
      run.timer = undefined;
      this.#live--;
      this.#settle(run, "cancelled", run.cancellation(cause));
      this.#unhold();
      return;
    }
    run.state = UNWINDING;
    const scope = run.scope;
    // The scope makes the CancelledError (one Error per cancellation: they cost a stack trace).
    scope?.cancel(cause);
    run.abort(scope ? scope.signal.reason : cause);
  }

  #start(run: AnyRun): void {
    run.state = RUNNING;
    this.#active.add(run);
    this.#emit("start", run);
    this.#attempt(run);
  }

  #attempt(run: AnyRun): void {
    run.attempts++;
    let attempt: Promise<unknown>;
    try {
      attempt = this.#group.run((scope) => {
        run.scope = scope;
        return this.#body(scope, ...run.args);
      }, this.#scopeOptions);
    } catch (error) {
      // The group stopped between attempts: nothing more may start.
      this.#ended(run, run.cancellation(error), false);
      return;
    }
    attempt.then(
      (value) => this.#ended(run, value, true),
      (error: unknown) => this.#ended(run, error, false),
    );
  }

  /** An attempt ended: settle the run, or retry it. */
  #ended(run: AnyRun, result: unknown, ok: boolean): void {
    run.scope = undefined;
    if (run.state === SETTLED) return;
    const failed = !ok && (result instanceof TaskGroupError || result instanceof TimeoutError);
    const retry = this.#retry;
    if (failed && retry && run.state === RUNNING && shouldRetry(retry, run.attempts, result)) {
      const ms = delayOf(retry, run.attempts, result);
      this.#emit("retry", run, result);
      run.timer = setTimeout(() => {
        run.timer = undefined;
        this.#attempt(run);
      }, ms);
      return;
    }
    const wasActive = this.#active.delete(run);
    this.#live--;
    this.#settle(run, ok ? "fulfilled" : failed ? "failed" : "cancelled", result);
    if (wasActive) this.#pump();
    this.#unhold();
  }

  #settle(run: AnyRun, outcome: "fulfilled" | "failed" | "cancelled", result: unknown): void {
    // By the order runs were asked for: an older run settling late replaces nothing newer.
    if (outcome === "fulfilled") {
      if (!this.#lastSucceeded || run.index > this.#lastSucceeded.index) this.#lastSucceeded = run;
    } else if (outcome === "failed") {
      if (!this.#lastFailed || run.index > this.#lastFailed.index) this.#lastFailed = run;
    }
    this.#changed();
    run.settle(outcome, result);
    this.#emit(outcome, run, outcome === "fulfilled" ? undefined : result);
    // The last live run: subscribers hear the final state before whoever awaits it resumes.
    if (this.#live === 0) this.#subscribers?.settled();
  }

  #pump(): void {
    const waiting = this.#waiting;
    while (waiting && waiting.size > 0 && this.#active.size < this.#limit) {
      const next = waiting.shift();
      if (next) this.#start(next);
    }
  }

  /**
   * While the action has runs that are not settled, one scope of `group` stays open for it, so
   * that `group.join()` waits for runs between attempts and for runs still waiting; when `group`
   * stops, that scope's abort cancels them.
   */
  #hold(): void {
    if (this.#release) return;
    this.#group
      .run(
        (holder) =>
          new Promise<void>((resolve, reject) => {
            this.#release = resolve;
            holder.signal.addEventListener(
              "abort",
              () => {
                this.#release = undefined;
                reject(holder.signal.reason);
                // `group` stopped: its scopes cancel the running runs; waiting ones settle now.
                this.cancel(holder.signal.reason);
              },
              { once: true },
            );
          }),
        this.#scopeOptions.timeout === undefined ? this.#scopeOptions : { name: this.name },
      )
      .catch(() => {});
  }

  #unhold(): void {
    if (this.#live > 0 || !this.#release) return;
    const release = this.#release;
    this.#release = undefined;
    release();
  }

  /** Runs are reported to `observeTasks` on `group` as tasks are (devtools draw them). */
  #emit(type: TaskEventType, run: AnyRun, error?: unknown): void {
    if (observation.count) observation.emit(this.#group, type, run, error);
  }

  #changed(): void {
    this.#snapshot = undefined;
    this.#subscribers?.changed();
  }
}
