/**
 * Baselines. The raw floor is the least code that gives what a TaskGroup gives per task: its own
 * AbortSignal that the group can abort, no rejection left unhandled, and a way to wait for all.
 * Promise.all is the cost of the promises alone, with no cancellation at all.
 */

/**
 * The raw floor (a): one AbortController per task, linked to the group by ONE listener on the
 * group's signal and a Set of child controllers (no listener per task); a settled task leaves
 * the Set; `join()` is `Promise.allSettled`. With `limit`, a FIFO semaphore: at most `limit`
 * functions run at once. A task's own signal (`spawn(fn, signal)`, as SpawnOptions.signal) is
 * linked the same way: ONE listener per distinct signal, and the Set of the tasks it cancels.
 */
export class FloorGroup {
  readonly #controller = new AbortController();
  readonly #children = new Set<AbortController>();
  readonly #promises: Promise<unknown>[] = [];
  readonly #limit: number;
  readonly #queue: (() => void)[] = [];
  readonly #links = new Map<AbortSignal, Link>();
  #results: Promise<PromiseSettledResult<unknown>[]> | undefined;
  #head = 0;
  #running = 0;

  constructor(options?: { signal?: AbortSignal; limit?: number }) {
    this.#limit = options?.limit ?? Number.POSITIVE_INFINITY;
    const signal = this.#controller.signal;
    signal.addEventListener(
      "abort",
      () => {
        for (const child of this.#children) child.abort(signal.reason);
      },
      { once: true },
    );
    const parent = options?.signal;
    if (parent) parent.addEventListener("abort", () => this.cancel(parent.reason), { once: true });
  }

  spawn<T>(fn: (signal: AbortSignal) => T | PromiseLike<T>, signal?: AbortSignal): Promise<T> {
    const child = new AbortController();
    this.#children.add(child);
    let link: Link | undefined;
    if (signal) {
      if (signal.aborted) child.abort(signal.reason);
      else (link = this.#link(signal)).tasks.add(child);
    }
    let promise: Promise<T>;
    if (this.#running < this.#limit) {
      promise = this.#start(fn, child, link);
    } else {
      promise = new Promise<T>((resolve) => {
        this.#queue.push(() => resolve(this.#start(fn, child, link)));
      });
    }
    this.#promises.push(promise);
    return promise;
  }

  cancel(reason?: unknown): void {
    this.#controller.abort(reason);
  }

  join(): Promise<PromiseSettledResult<unknown>[]> {
    const settled = Promise.allSettled(this.#promises);
    this.#results = settled;
    return settled;
  }

  /** Off the clock, after `join()`: how many tasks ended with `status`. */
  async settledCount(status: PromiseSettledResult<unknown>["status"]): Promise<number> {
    const results = (await this.#results) ?? [];
    return results.filter((r) => r.status === status).length;
  }

  #start<T>(
    fn: (signal: AbortSignal) => T | PromiseLike<T>,
    child: AbortController,
    link: Link | undefined,
  ): Promise<T> {
    this.#running++;
    let promise: Promise<T>;
    if (child.signal.aborted) {
      promise = Promise.reject(child.signal.reason);
    } else {
      try {
        promise = Promise.resolve(fn(child.signal));
      } catch (error) {
        promise = Promise.reject(error);
      }
    }
    const settled = (): void => {
      this.#children.delete(child);
      if (link) this.#unlink(link, child);
      this.#running--;
      if (this.#head < this.#queue.length) {
        const next = this.#queue[this.#head];
        this.#queue[this.#head++] = noop;
        next?.();
      }
    };
    promise.then(settled, settled);
    return promise;
  }

  #link(signal: AbortSignal): Link {
    let link = this.#links.get(signal);
    if (!link) {
      const tasks = new Set<AbortController>();
      const listener = () => {
        for (const task of tasks) task.abort(signal.reason);
      };
      signal.addEventListener("abort", listener, { once: true });
      link = { signal, tasks, listener };
      this.#links.set(signal, link);
    }
    return link;
  }

  #unlink(link: Link, child: AbortController): void {
    link.tasks.delete(child);
    if (link.tasks.size > 0) return;
    link.signal.removeEventListener("abort", link.listener);
    this.#links.delete(link.signal);
  }
}

/** A task signal's one listener and the tasks it cancels. */
interface Link {
  readonly signal: AbortSignal;
  readonly tasks: Set<AbortController>;
  readonly listener: () => void;
}

function noop(): void {}
