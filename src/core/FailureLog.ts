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

  /**
   * True when this very object was logged already, or is a nested group's error made only of
   * failures logged already (a child scope whose body rethrew this group's failure, say).
   */
  has(error: unknown): boolean {
    if (typeof error !== "object" || error === null) return false;
    if (this.#seen.has(error)) return true;
    if (!(error instanceof TaskGroupError)) return false;
    const leaves = error.leaves();
    return leaves.length > 0 && leaves.every((leaf) => this.#seen.has(leaf as object));
  }

  /** Logs a failure of `task`, or of the body when `task` is undefined. */
  add(error: unknown, task: Task<unknown> | undefined): void {
    const at =
      this.#bodyLogged && task !== undefined ? this.#errors.length - 1 : this.#errors.length;
    if (task === undefined) this.#bodyLogged = true;
    if (typeof error === "object" && error !== null) this.#seen.add(error);
    // A nested group's failures count as logged too: a later rethrow of one of them adds nothing.
    if (error instanceof TaskGroupError) {
      for (const leaf of error.leaves())
        if (typeof leaf === "object" && leaf !== null) this.#seen.add(leaf);
    }
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
