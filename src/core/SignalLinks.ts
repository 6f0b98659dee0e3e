import { CancelledError } from "./errors.js";
import type { TaskImpl } from "./Task.js";

/**
 * @internal A group's links to outside signals (`SpawnOptions.signal`): one abort listener per
 * distinct signal, cancelling the set of its tasks. A listener per task would make every add and
 * remove walk the signal's whole listener list, quadratic when many tasks share one signal.
 */
export class SignalLinks {
  #links = new Map<AbortSignal, { tasks: Set<TaskImpl<unknown>>; listener: () => void }>();

  /** `task` is cancelled when `signal` aborts, until it is unlinked. */
  link(signal: AbortSignal, task: TaskImpl<unknown>): void {
    let link = this.#links.get(signal);
    if (!link) {
      const tasks = new Set<TaskImpl<unknown>>();
      const listener = () => {
        const reason = signal.reason ?? new CancelledError("The task's signal aborted");
        for (const linked of [...tasks]) linked.cancel(reason);
      };
      signal.addEventListener("abort", listener, { once: true });
      link = { tasks, listener };
      this.#links.set(signal, link);
    }
    task.external = signal;
    link.tasks.add(task);
  }

  /** `task` settled: forget it, and the signal's listener with its last task. */
  unlink(task: TaskImpl<unknown>): void {
    const signal = task.external;
    task.external = undefined;
    const link = signal && this.#links.get(signal);
    if (!signal || !link) return;
    link.tasks.delete(task);
    if (link.tasks.size > 0) return;
    signal.removeEventListener("abort", link.listener);
    this.#links.delete(signal);
  }
}
