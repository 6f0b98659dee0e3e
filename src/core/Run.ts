import { type CancelledError, cancelledError } from "./errors.js";
import { Settlement } from "./Settlement.js";
import type { TaskGroup } from "./TaskGroup.js";
import type { TaskBase } from "./types.js";

/**
 * @internal Where a run is, in order: waiting for a slot, running (its body or a retry wait),
 * cancelled but still unwinding, settled.
 */
export const WAITING = 0;
export const RUNNING = 1;
export const UNWINDING = 2;
export const SETTLED = 3;

/** @internal What a run asks of its action. */
export interface RunOwner {
  readonly name: string;
  cancelRun(run: RunImpl<never[], unknown>, reason: unknown): void;
}

/**
 * @internal The one implementation of `Run`: a thenable with React's `status`/`value`/`reason`,
 * driven by its action through the fields and methods marked internal.
 */
export class RunImpl<A extends unknown[], T> extends Settlement<T> implements TaskBase<T> {
  readonly args: A;
  /** @internal Its place in the order runs were asked for (1-based). */
  readonly index: number;
  dropped = false;
  attempts = 0;
  /** @internal */
  state = WAITING;
  /** @internal In its action's waiting queue. */
  queued = false;
  /** @internal The scope of the attempt running now. */
  scope: TaskGroup | undefined;
  /** @internal The timer of a retry wait. */
  timer: ReturnType<typeof setTimeout> | undefined;
  #owner: RunOwner;
  #name: string | undefined;
  #controller: AbortController | undefined;
  #abortReason: unknown;

  constructor(owner: RunOwner, args: A, index: number) {
    super();
    this.#owner = owner;
    this.args = args;
    this.index = index;
  }

  /** The action's name and the run's number: `search#3`. Built when first read. */
  get name(): string {
    this.#name ??= `${this.#owner.name}#${this.index}`;
    return this.#name;
  }
  /** Aborts when the run is cancelled. Made when first read: most runs' signals are never read. */
  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.#abortReason !== undefined) this.#controller.abort(this.#abortReason);
    }
    return this.#controller.signal;
  }
  protected override get label(): string {
    return `Run "${this.name}"`;
  }

  cancel(reason?: unknown): void {
    if (this.state < UNWINDING)
      this.#owner.cancelRun(this as unknown as RunImpl<never[], unknown>, reason);
  }

  /** @internal The `CancelledError` this run settles with when cancelled for `cause`. */
  cancellation(cause: unknown): CancelledError {
    return cancelledError(this.label, cause);
  }

  /** @internal Aborts the run's signal (made or not yet). */
  abort(reason: unknown): void {
    if (this.#abortReason !== undefined) return;
    this.#abortReason = reason ?? cancelledError(this.label, undefined);
    this.#controller?.abort(this.#abortReason);
  }

  /** @internal Settles the run: `rejected` with `reason`, cancelled or not, or `fulfilled` with `value`. */
  settle(outcome: "fulfilled" | "failed" | "cancelled", result: unknown): void {
    this.state = SETTLED;
    this.scope = undefined;
    if (outcome === "fulfilled") {
      this.fulfil(result as T);
    } else {
      if (outcome === "cancelled") this.abort(result);
      this.fail(result, outcome === "cancelled");
    }
  }
}
