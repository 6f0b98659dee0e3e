import type { TaskImpl } from "./Task.js";

/**
 * @internal The tasks waiting for a slot under `limit` (or for a held group's release), in FIFO
 * order: an array read from a moving head, so taking the next task is O(1). (A `Set` read as a
 * queue is not: V8 keeps deleted entries until it shrinks, so each take walks past every task
 * taken before it.) A task dropped while it waits is marked and skipped.
 */
export class WaitingQueue {
  #items: (TaskImpl<unknown> | undefined)[] = [];
  #head = 0;
  /** Tasks waiting, not counting dropped ones. */
  size = 0;

  push(task: TaskImpl<unknown>): void {
    task.queued = true;
    this.#items.push(task);
    this.size++;
  }

  /** `task` settled without starting (cancelled while it waited): skip it. */
  drop(task: TaskImpl<unknown>): void {
    if (!task.queued) return;
    task.queued = false;
    this.size--;
  }

  /** The next waiting task, taken out of the queue; undefined when none waits. */
  shift(): TaskImpl<unknown> | undefined {
    const items = this.#items;
    while (this.#head < items.length) {
      const next = items[this.#head];
      items[this.#head++] = undefined;
      if (next?.queued) {
        next.queued = false;
        this.size--;
        this.#compact();
        return next;
      }
    }
    this.#compact();
    return undefined;
  }

  #compact(): void {
    const items = this.#items;
    if (this.#head === items.length) {
      items.length = 0;
      this.#head = 0;
    } else if (this.#head > 1024 && this.#head * 2 > items.length) {
      items.splice(0, this.#head); // amortised O(1) per task
      this.#head = 0;
    }
  }
}
