import { CancelledError, isAbortError } from "../core/errors.js";
import { holdHooks, type Mark, markNow, releaseGroup } from "../core/internal.js";
import { TaskGroup } from "../core/TaskGroup.js";
import type { TaskGroupOptions, TaskGroupSnapshot } from "../core/types.js";
import { TrackedStore } from "./TrackedStore.js";

/** The snapshot while no group exists: before the first use, and between an unmount and the next. */
const IDLE: TaskGroupSnapshot = /* @__PURE__ */ Object.freeze({
  status: "open",
  running: 0,
  queued: 0,
  settled: 0,
  error: undefined,
});
const UNMOUNTED = "The component that owns this TaskGroup unmounted";
const RESET = "The TaskGroup was reset";

/**
 * Cancels `group` as `group.cancel(UNMOUNTED)` does, with a `CancelledError` that captures no
 * stack frames: they would be React's commit, and capturing them was most of what unmounting a
 * list of rows with tasks cost (a few µs per error in V8). `Error.stackTraceLimit` is lowered only
 * while the error is made, never while abort listeners run; `Reflect.set` leaves it alone where it
 * cannot be set (frozen intrinsics), and the error then gets its stack as usual.
 */
function cancelUnmounted(group: TaskGroup): void {
  const limit = Reflect.get(Error, "stackTraceLimit");
  Reflect.set(Error, "stackTraceLimit", 0);
  const error = new CancelledError(`TaskGroup "${group.name}" was cancelled`, { cause: UNMOUNTED });
  Reflect.set(Error, "stackTraceLimit", limit);
  holdHooks.cancelWith(group, error);
}

/**
 * Binds one component to a succession of groups (a new one after `reset()` or a remount). It is
 * the store `useSyncExternalStore` reads (a {@link TrackedStore}): the current group's snapshot,
 * and a render only when a field the component tracks changes, or when the group is replaced.
 *
 * The group is made when first needed — a spawn, `run`, `cancel`, a read of `group` — so a
 * component that holds the hook and never uses it costs no group, controller or listener. With
 * a `timeout` it is made at mount (and reset), since the deadline counts from then.
 *
 * Unmounting cancels the group at once. A group needed after that is a fresh held one:
 * StrictMode's rehearsal (and `<Activity>`) runs the effects again, children's first, and a child
 * that spawns from its effect must find a group that takes tasks; `mount()` starts it. When no
 * mount follows within the same turn, the binding is retired: a group needed from then on is made
 * cancelled, so a spawn after a real unmount runs nothing.
 */
export class GroupBinding extends TrackedStore<TaskGroupSnapshot> {
  /** The options of the last render: a group made later (first use, reset, remount) takes them. */
  options: TaskGroupOptions | undefined;
  /** Undefined until needed, and again after an unmount or a reset. */
  #group: TaskGroup | undefined;
  /**
   * The group of the current generation (from one replacement to the next), once made: a handle
   * keeps the slot of its render, so that reading `group` from it after a reset still gives the
   * group of its time, and not a group made by the read.
   */
  slot: { group?: TaskGroup } = {};
  /** Set when React asked for the server snapshot: a server render, or hydration. */
  serverRender = false;
  #mounted = false;
  /**
   * The turn the component unmounted in. Once that turn is over without a mount, the binding is
   * retired: a group made from then on is made cancelled.
   */
  #unmountedIn: Mark | undefined;

  constructor(options: TaskGroupOptions | undefined) {
    super();
    this.options = options;
  }

  /** The current group, made on first use. */
  get group(): TaskGroup {
    let group = this.#group;
    if (!group) {
      // Starts nothing and arms no deadline before the component mounts: on the server, never.
      group = new TaskGroup(this.options, { hold: true, deferDeadline: true });
      this.#group = group;
      this.slot.group = group;
      if (this.#mounted) releaseGroup(group);
      else if (this.#unmountedIn) {
        // Unmounted: in a later turn, for good; in the same turn, maybe a rehearsal, decided at
        // its end.
        if (this.#unmountedIn.passed) cancelUnmounted(group);
        else queueMicrotask(() => this.#retireUnlessMounted());
      }
      this.follow();
    }
    return group;
  }

  protected override readonly idle = IDLE;
  protected override source(): TaskGroup | undefined {
    return this.#group;
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
    const old = this.#group;
    if (old) {
      old.cancel(RESET);
      this.#drop();
    }
    this.#makeEager();
    this.notify();
  };

  /** Forgets the current group: the next one is made on first use, in a new generation. */
  #drop(): void {
    this.#group = undefined;
    this.slot = {};
    this.follow();
  }

  /** The group of `slot`'s generation; the current one (made if need be) if it made none. */
  groupOf(slot: { group?: TaskGroup }): TaskGroup {
    return slot.group ?? this.group;
  }

  /** With a deadline, the group is made now: its `timeout` counts from mount or reset. */
  #makeEager(): void {
    if (this.options?.timeout !== undefined && this.#mounted) void this.group;
  }

  /** The component committed: start the group's tasks. Returns the unmount. */
  mount(): () => void {
    this.#mounted = true;
    // A remount: a group cancelled at the end of the unmount's turn is replaced.
    if (this.#unmountedIn && this.#group?.signal.aborted) this.#drop();
    this.#unmountedIn = undefined;
    if (this.#group) releaseGroup(this.#group);
    else this.#makeEager();
    // A remount after StrictMode's rehearsal renders again with the new group.
    const seen = this.seenSource;
    if (seen !== undefined && seen !== this.#group) this.notify();
    return () => {
      this.#mounted = false;
      const group = this.#group;
      if (group) {
        // No stack frames: they would be React's commit, and a list unmounts a group per row.
        cancelUnmounted(group);
        this.#drop();
      }
      this.#unmountedIn = markNow();
    };
  }

  /** At the end of the unmount's turn: no remount came, so the group made meanwhile never runs. */
  #retireUnlessMounted(): void {
    if (!this.#mounted && this.#group) cancelUnmounted(this.#group);
  }
}
