import { observation } from "./registry.js";
import type { Task, TaskBase } from "./types.js";
import { checkFunction } from "./validate.js";

/** What happened to a task, as {@link observeTasks} reports it. */
export type TaskEventType = "spawn" | "start" | "fulfilled" | "failed" | "cancelled" | "retry";

/** One event in a task's life, with the time it happened (`performance.now()` or `Date.now()`). */
export interface TaskEvent {
  readonly type: TaskEventType;
  readonly task: Task<unknown>;
  readonly time: number;
  /**
   * The failure, for `failed`; the `CancelledError`, for `cancelled`; for `retry`, what the
   * attempt that is retried failed with.
   */
  readonly error?: unknown;
}

/** Receives the task events of one group. */
export type TaskEventListener = (event: TaskEvent) => void;

const observers = new WeakMap<object, Set<TaskEventListener>>();

// A function, not a value picked at load: picking reads `performance`, a side effect to a
// bundler, which would keep this code in bundles that never observe tasks.
function now(): number {
  return typeof performance !== "undefined" && typeof performance.now === "function"
    ? performance.now()
    : Date.now();
}

/**
 * Reports every task event of `group` (spawned, started, settled) to `listener`, for devtools
 * such as `TaskGroupTimeline`. Returns the function that stops it. Tasks already live when it
 * starts are reported at once, as spawned (and started, if running) now. Costs one comparison per
 * event while nothing observes any group, and keeps no task: what the listener keeps is its own
 * choice.
 */
export function observeTasks(group: object, listener: TaskEventListener): () => void {
  checkFunction(listener, "observeTasks", "listener");
  const time = now();
  for (const live of [...observation.live(group)]) {
    const task = live as Task<unknown>;
    listener({ type: "spawn", task, time });
    if (live.running) listener({ type: "start", task, time });
  }
  let set = observers.get(group);
  if (!set) observers.set(group, (set = new Set()));
  const entry: TaskEventListener = (event) => listener(event);
  set.add(entry);
  observation.emit = emit;
  observation.count++;
  return () => {
    if (set.delete(entry)) observation.count--;
  };
}

/** Reports one event to the observers of `group`. */
function emit(
  group: object,
  type: TaskEventType,
  subject: TaskBase<unknown>,
  error?: unknown,
): void {
  const task = subject as Task<unknown>;
  const set = observers.get(group);
  if (!set) return;
  const event: TaskEvent =
    error === undefined ? { type, task, time: now() } : { type, task, time: now(), error };
  for (const listener of [...set]) listener(event);
}
