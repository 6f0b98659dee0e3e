import { InvalidStateError } from "./errors.js";
import type { TaskStatus } from "./types.js";

/**
 * @internal What a task and a run share: a thenable with React's `status`/`value`/`reason` whose
 * promise is made only when someone waits, so an outcome nobody watches never becomes an
 * unhandled rejection. Subclasses settle it once, through {@link fulfil} or {@link fail}.
 */
export abstract class Settlement<T> {
  #status: TaskStatus = "pending";
  #value: T | undefined;
  #reason: unknown;
  #cancelled = false;
  #promise: Promise<T> | undefined;
  #resolve: ((value: T) => void) | undefined;
  #reject: ((reason: unknown) => void) | undefined;

  /** The name error messages use: `Task "load"`, `Run "save#2"`. */
  protected abstract get label(): string;

  get status(): TaskStatus {
    return this.#status;
  }
  get value(): T | undefined {
    return this.#value;
  }
  get reason(): unknown {
    return this.#reason;
  }
  get cancelled(): boolean {
    return this.#cancelled;
  }

  // biome-ignore lint/suspicious/noThenProperty: tasks and runs are thenables by design (React's protocol)
  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    if (this.#status === "fulfilled")
      return Promise.resolve(this.#value as T).then(onFulfilled, onRejected);
    if (this.#status === "rejected")
      return Promise.reject(this.#reason).then(onFulfilled, onRejected);
    this.awaited();
    this.#promise ??= new Promise<T>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    return this.#promise.then(onFulfilled, onRejected);
  }

  result(): T {
    if (this.#status === "fulfilled") return this.#value as T;
    if (this.#status === "rejected") throw this.#reason;
    throw new InvalidStateError(`${this.label} is still pending: await it before result()`);
  }

  /** Someone waits while it is pending. */
  protected awaited(): void {}

  /** Settles it `fulfilled` with `value`. */
  protected fulfil(value: T): void {
    this.#status = "fulfilled";
    this.#value = value;
    this.#resolve?.(value);
    this.#resolve = this.#reject = undefined;
  }

  /** Settles it `rejected` with `reason`: cancelled, or a failure. */
  protected fail(reason: unknown, cancelled: boolean): void {
    this.#status = "rejected";
    this.#cancelled = cancelled;
    this.#reason = reason;
    this.#reject?.(reason);
    this.#resolve = this.#reject = undefined;
  }
}
