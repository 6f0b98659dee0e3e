import { refreshError, TaskGroupError } from "./TaskGroupError.js";
import type { Task } from "./types.js";

/**
 * @internal A group's failures, in the order they happened with the body's own throw kept last,
 * each reported once. Its `error` is the one `TaskGroupError` the group shows, which grows with
 * the log until `seal()`.
 */
export class FailureLog {
  readonly error: TaskGroupError;
  #errors: unknown[] = [];
  #tasks: (Task<unknown> | undefined)[] = [];
  /** The objects already logged: a body or task rethrowing a failed sibling's error (`await task`) adds nothing. */
  #seen = new WeakSet<object>();
  #bodyLogged = false;

  constructor(groupName: string) {
    this.error = new TaskGroupError(this.#errors, this.#tasks, { groupName });
  }

  /** True when this very object was logged already. */
  has(error: unknown): boolean {
    return typeof error === "object" && error !== null && this.#seen.has(error);
  }

  /** Logs a failure of `task`, or of the body when `task` is undefined. */
  add(error: unknown, task: Task<unknown> | undefined): void {
    const at =
      this.#bodyLogged && task !== undefined ? this.#errors.length - 1 : this.#errors.length;
    if (task === undefined) this.#bodyLogged = true;
    if (typeof error === "object" && error !== null) this.#seen.add(error);
    this.#errors.splice(at, 0, error);
    this.#tasks.splice(at, 0, task);
    refreshError(this.error);
  }

  /** The group has settled: the error stops growing. */
  seal(): void {
    Object.freeze(this.#errors);
    Object.freeze(this.#tasks);
  }
}
