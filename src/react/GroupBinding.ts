import { isAbortError } from "../core/errors.js";
import { releaseGroup } from "../core/internal.js";
import { TaskGroup } from "../core/TaskGroup.js";
import type { TaskGroupOptions, TaskGroupSnapshot } from "../core/types.js";
import { TrackedStore } from "./TrackedStore.js";

/** The snapshot between an unmount and the making of the next group. */
const IDLE: TaskGroupSnapshot = Object.freeze({
  status: "open",
  running: 0,
  queued: 0,
  settled: 0,
  error: undefined,
});
const UNMOUNTED = "The component that owns this TaskGroup unmounted";
const RESET = "The TaskGroup was reset";

/**
 * Binds one component to a succession of groups (a new one after `reset()` or a remount). It is
 * the store `useSyncExternalStore` reads (a {@link TrackedStore}): the current group's snapshot,
 * and a render only when a field the component tracks changes, or when the group is replaced.
 *
 * Unmounting cancels the group at once, and puts a fresh held group in its place: StrictMode's
 * rehearsal (and `<Activity>`) runs the effects again, children's first, and a child that spawns
 * from its effect must find a group that takes tasks. `mount()` starts it. When no mount follows
 * within the same turn, it is cancelled too, so a spawn after a real unmount runs nothing.
 */
export class GroupBinding extends TrackedStore<TaskGroupSnapshot> {
  options: TaskGroupOptions;
  /** Undefined between an unmount and the next use: the replacement is made only if needed. */
  #group: TaskGroup | undefined;
  /** Set when React asked for the server snapshot: a server render, or hydration. */
  serverRender = false;
  #mounted = false;
  /** The held group put in place at unmount was cancelled: the next mount needs another. */
  #retired = false;

  constructor(options: TaskGroupOptions) {
    super();
    this.options = options;
    this.#group = GroupBinding.#create(options);
  }

  /** The current group; after an unmount, a fresh held one, made on first use. */
  get group(): TaskGroup {
    if (!this.#group) {
      this.#group = GroupBinding.#create(this.options);
      // After a real unmount (no remount came in the same turn), it takes no tasks.
      if (this.#retired) this.#group.cancel(UNMOUNTED);
      this.follow();
    }
    return this.#group;
  }

  protected override readonly idle = IDLE;
  protected override source(): TaskGroup | undefined {
    return this.#group;
  }

  /** Groups start nothing and arm no deadline before the component mounts: on the server, never. */
  static #create(options: TaskGroupOptions): TaskGroup {
    return new TaskGroup(options, { hold: true, deferDeadline: true });
  }

  readonly getServerSnapshot = (): TaskGroupSnapshot => {
    this.serverRender = true;
    return this.getSnapshot();
  };

  readonly spawn: TaskGroup["spawn"] = (fn, options) => this.group.spawn(fn, options);
  readonly run: TaskGroup["run"] = (body, options) => {
    const scope = this.group.run(body, options);
    const result: typeof scope = new Promise((resolve, reject) => {
      scope.then(resolve, (error: unknown) => {
        // Cancelled because the component unmounted: whoever awaits still hears it, but a caller
        // that let the promise go must not get an unhandled rejection for the component's exit.
        if (!this.#mounted && isAbortError(error)) result.catch(() => {});
        reject(error);
      });
    });
    return result;
  };
  readonly cancel = (reason?: unknown): void => this.group.cancel(reason);
  readonly reset = (): void => {
    this.group.cancel(RESET);
    this.#replace();
    if (this.#mounted) releaseGroup(this.group);
    this.notify();
  };

  /** The component committed: start the group's tasks. Returns the unmount. */
  mount(): () => void {
    this.#mounted = true;
    if (this.#retired) {
      this.#retired = false;
      if (this.#group?.signal.aborted) this.#replace();
    }
    releaseGroup(this.group);
    // A remount after StrictMode's rehearsal renders again with the new group.
    const seen = this.seenSource;
    if (seen !== undefined && seen !== this.group) this.notify();
    return () => {
      this.#mounted = false;
      this.#group?.cancel(UNMOUNTED);
      this.#group = undefined;
      this.follow();
      queueMicrotask(() => {
        if (this.#mounted) return;
        this.#retired = true;
        this.#group?.cancel(UNMOUNTED);
      });
    };
  }

  /** Drops the current group; the `group` getter makes (and follows) the next one. */
  #replace(): TaskGroup {
    this.#group = undefined;
    return this.group;
  }
}
