import { releaseGroup } from "../core/internal.js";
import { TaskGroup } from "../core/TaskGroup.js";
import type { TaskGroupOptions, TaskGroupSnapshot } from "../core/types.js";

/** The snapshot fields a component can read, and so track. */
export type SnapshotField = "status" | "running" | "queued" | "settled" | "error";

const UNMOUNTED = "The component that owns this TaskGroup unmounted";
const RESET = "The TaskGroup was reset";

/**
 * Binds one component to a succession of groups (a new one after `reset()` or a StrictMode
 * remount). It is the store `useSyncExternalStore` reads: its snapshot changes only when a field
 * the component tracks changes, or when the group is replaced.
 */
export class GroupBinding {
  group: TaskGroup;
  options: TaskGroupOptions;
  readonly tracked = new Set<SnapshotField>();
  #last: TaskGroupSnapshot | undefined;
  #lastGroup: TaskGroup | undefined;
  #listeners = new Set<() => void>();
  #unsubscribe: (() => void) | undefined;
  #unmounted = false;

  constructor(options: TaskGroupOptions) {
    this.options = options;
    this.group = GroupBinding.#create(options);
  }

  /** Groups start nothing and arm no deadline before the component mounts: on the server, never. */
  static #create(options: TaskGroupOptions): TaskGroup {
    return new TaskGroup(options, { hold: true, deferDeadline: true });
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    if (!this.#unsubscribe) this.#unsubscribe = this.group.subscribe(this.#notify);
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) {
        this.#unsubscribe?.();
        this.#unsubscribe = undefined;
      }
    };
  };

  readonly getSnapshot = (): TaskGroupSnapshot => {
    const next = this.group.getSnapshot();
    const last = this.#last;
    if (last && this.#lastGroup === this.group && this.#sameTracked(last, next)) return last;
    this.#last = next;
    this.#lastGroup = this.group;
    return next;
  };

  readonly spawn: TaskGroup["spawn"] = (fn, options) => this.group.spawn(fn, options);
  readonly run: TaskGroup["run"] = (body, options) => this.group.run(body, options);
  readonly cancel = (reason?: unknown): void => this.group.cancel(reason);
  readonly reset = (): void => {
    this.group.cancel(RESET);
    this.#replace();
    if (!this.#unmounted) releaseGroup(this.group);
  };

  /** The component committed: start the group's tasks, or replace a group a StrictMode unmount cancelled. */
  mount(): () => void {
    if (this.#unmounted) {
      this.#unmounted = false;
      this.#replace();
    }
    releaseGroup(this.group);
    return () => {
      this.#unmounted = true;
      this.group.cancel(UNMOUNTED);
    };
  }

  #replace(): void {
    this.group = GroupBinding.#create(this.options);
    if (this.#unsubscribe) {
      this.#unsubscribe();
      this.#unsubscribe = this.group.subscribe(this.#notify);
    }
    this.#notify();
  }

  #sameTracked(a: TaskGroupSnapshot, b: TaskGroupSnapshot): boolean {
    for (const field of this.tracked) if (!Object.is(a[field], b[field])) return false;
    return true;
  }

  #notify = (): void => {
    for (const listener of [...this.#listeners]) listener();
  };
}
