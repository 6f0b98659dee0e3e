/** @internal What waits in a {@link WaitingQueue}: a task, or an action's run. */
interface Waiter {
  queued: boolean;
}

/**
 * @internal The tasks (or runs) waiting for a slot under `limit` (or for a held group's release), in FIFO
 * order: an array read from a moving head, so taking the next task is O(1). (A `Set` read as a
 * queue is not: V8 keeps deleted entries until it shrinks, so each take walks past every task
 * taken before it.) A task dropped while it waits is marked and skipped.
 */
export class WaitingQueue<T extends Waiter = Waiter> {
  #items: (T | undefined)[] = [];
  #head = 0;
  /** Tasks waiting, not counting dropped ones. */
  size = 0;

  push(task: T): void {
    task.queued = true;
    this.#items.push(task);
    this.size++;
  }

  /** `task` settled without starting (cancelled while it waited): skip it. */
  drop(task: T): void {
    if (!task.queued) return;
    task.queued = false;
    this.size--;
  }

  /** The next waiting task, taken out of the queue; undefined when none waits. */
  shift(): T | undefined {
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
