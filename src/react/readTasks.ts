import { Settlement } from "../core/Settlement.js";
import type { Task } from "../core/types.js";
import { noteSuspended } from "./adoption.js";
import { checkTask, failureOf, read } from "./readTask.js";
import { leaveToBrowser } from "./serverBailout.js";

/** The values of a tuple of tasks, position by position. */
export type TaskValues<T extends readonly Task<unknown>[]> = {
  -readonly [K in keyof T]: T[K] extends Task<infer V> ? V : never;
};

/**
 * Settles when every task has fulfilled, or as soon as one rejects; then it cancels the others,
 * so a failed read does not leave slow siblings running for nothing. Tasks already settled when
 * it is made settle it at once: reading settled tasks never suspends.
 */
class AllTasks<T> extends Settlement<T> {
  readonly tasks: readonly Task<unknown>[];

  constructor(tasks: readonly Task<unknown>[]) {
    super();
    this.tasks = tasks;
    const failed = tasks.find((task) => task.status === "rejected");
    if (failed) this.#fail(failed);
    else if (tasks.every((task) => task.status === "fulfilled")) this.#succeed();
    else {
      for (const task of tasks) {
        task.then(
          () => this.#succeed(),
          () => this.#fail(task),
        );
      }
    }
  }

  protected override get label(): string {
    return "readTasks";
  }

  #succeed(): void {
    if (this.status !== "pending" || this.tasks.some((task) => task.status !== "fulfilled")) return;
    this.fulfil(this.tasks.map((task) => task.value) as T);
  }

  #fail(failed: Task<unknown>): void {
    if (this.status !== "pending") return;
    const reason = failureOf(failed);
    this.fail(reason, false);
    for (const task of this.tasks) if (task !== failed) task.cancel(reason);
  }
}

const waits = new WeakMap<Task<unknown>, AllTasks<unknown>[]>();

function waitFor<T>(tasks: readonly Task<unknown>[]): AllTasks<T> {
  const first = tasks[0] as Task<unknown>;
  const list = waits.get(first) ?? [];
  const same = (wait: AllTasks<unknown>) =>
    wait.tasks.length === tasks.length && wait.tasks.every((task, i) => task === tasks[i]);
  let wait = list.find(same) as AllTasks<T> | undefined;
  if (!wait) {
    wait = new AllTasks<T>([...tasks]);
    list.push(wait as AllTasks<unknown>);
    waits.set(first, list);
  }
  return wait;
}

/**
 * Reads several tasks at once, for Suspense: suspends once until all have fulfilled and returns
 * their values in order; throws as soon as any of them fails, without waiting for the rest (and
 * cancels the rest). A task cancelled because its group failed throws the group's error.
 *
 * @example
 * ```tsx
 * const [user, posts] = readTasks([tasks.user, tasks.posts] as const);
 * ```
 */
export function readTasks<T extends readonly Task<unknown>[]>(tasks: T): TaskValues<T> {
  if (!Array.isArray(tasks)) throw new TypeError("readTasks: expected an array of tasks");
  for (const task of tasks) checkTask(task, "readTasks");
  if (tasks.length === 0) return [] as unknown as TaskValues<T>;
  const wait = waitFor<TaskValues<T>>(tasks);
  if (wait.status === "pending") {
    for (const task of tasks) if (task.status === "pending") leaveToBrowser(task);
    for (const task of tasks) noteSuspended(task);
  }
  return read(wait);
}
