import type { Task } from "../core/types.js";
import { noteSuspended } from "./adoption.js";
import { checkTask, failureOf, suspendOn } from "./readTask.js";

/** The values of a tuple of tasks, position by position. */
export type TaskValues<T extends readonly Task<unknown>[]> = {
  -readonly [K in keyof T]: T[K] extends Task<infer V> ? V : never;
};

/**
 * Settles when every task has fulfilled, or as soon as one rejects; then it cancels the others,
 * so a failed read does not leave slow siblings running for nothing.
 */
class AllTasks<T> implements PromiseLike<T> {
  status: "pending" | "fulfilled" | "rejected" = "pending";
  value: T | undefined;
  reason: unknown;
  readonly tasks: readonly Task<unknown>[];
  #promise: Promise<T>;

  constructor(tasks: readonly Task<unknown>[]) {
    this.tasks = tasks;
    this.#promise = new Promise<T>((resolve, reject) => {
      let left = tasks.length;
      const onFulfilled = () => {
        if (--left === 0 && this.status === "pending") {
          this.status = "fulfilled";
          this.value = tasks.map((task) => task.value) as T;
          resolve(this.value);
        }
      };
      const onRejected = (failed: Task<unknown>) => () => {
        if (this.status !== "pending") return;
        this.status = "rejected";
        this.reason = failureOf(failed);
        for (const task of tasks) if (task !== failed) task.cancel(this.reason);
        reject(this.reason);
      };
      for (const task of tasks) task.then(onFulfilled, onRejected(task));
    });
    // Readers handle the rejection by rendering again; this promise itself must not go unhandled.
    this.#promise.catch(() => {});
  }

  // biome-ignore lint/suspicious/noThenProperty: this object is a thenable for React
  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#promise.then(onFulfilled, onRejected);
  }
}

// Keyed by the first task, then compared element by element: renders pass new arrays each time.
const waits = new WeakMap<Task<unknown>, AllTasks<unknown>[]>();

function waitFor<T>(tasks: readonly Task<unknown>[]): AllTasks<T> {
  const first = tasks[0] as Task<unknown>;
  const list = waits.get(first) ?? [];
  const same = (wait: AllTasks<unknown>) =>
    wait.tasks.length === tasks.length && wait.tasks.every((task, i) => task === tasks[i]);
  let wait = list.find(same) as AllTasks<T> | undefined;
  if (!wait) {
    wait = new AllTasks<T>(tasks);
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
  let pending = false;
  for (const task of tasks) {
    checkTask(task, "readTasks");
    if (task.status === "rejected") throw failureOf(task);
    if (task.status === "pending") pending = true;
  }
  if (!pending) return tasks.map((task) => task.value) as TaskValues<T>;
  for (const task of tasks) if (task.status === "pending") noteSuspended(task);
  return suspendOn(waitFor<TaskValues<T>>(tasks));
}
