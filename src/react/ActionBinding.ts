import { createAction } from "../core/Action.js";
import { checkActionOptions } from "../core/actionOptions.js";
import type { TaskGroup } from "../core/TaskGroup.js";
import type { Action, ActionOptions, ActionSnapshot, Run } from "../core/types.js";
import { GroupBinding } from "./GroupBinding.js";
import { TrackedStore } from "./TrackedStore.js";

type AnyRun = Run<unknown[], unknown>;
type Body = (scope: TaskGroup, ...args: unknown[]) => unknown;

/** The snapshot of an action no run was asked of. */
const IDLE: ActionSnapshot<unknown[], unknown> = /* @__PURE__ */ Object.freeze({
  running: 0,
  queued: 0,
  runs: 0,
  last: undefined,
  lastSucceeded: undefined,
  lastFailed: undefined,
  value: undefined,
  error: undefined,
});

/** Settles when `run` does, however it ends; never rejects. */
const settled = (run: PromiseLike<unknown>): Promise<unknown> =>
  new Promise((resolve) => run.then(resolve, resolve));

/**
 * Binds one component to an action over a succession of groups: the group's lifecycle (held until
 * the commit, cancelled at unmount, a fresh one at a remount) is a {@link GroupBinding}'s, and a
 * new action is made over each new group, with the options of the last committed render. It is
 * the store `useSyncExternalStore` reads (a {@link TrackedStore} over the current action).
 *
 * Every run is asked for through {@link run}, so the binding knows what a refused or displaced
 * form submission gave way to (SPEC §3.5).
 */
export class ActionBinding extends TrackedStore<ActionSnapshot<unknown[], unknown>> {
  readonly groups: GroupBinding;
  /** The body of the last committed render: runs call it, so no closure goes stale. */
  body: Body;
  /** The options of the last committed render: read when an action is made. */
  options: ActionOptions;
  throwOnError: boolean;
  #action: Action<unknown[], unknown>;
  #actionGroup: TaskGroup;
  /** Runs not settled when last looked at: what a refused submission waits for. */
  #pending = new Set<AnyRun>();
  /** The latest run that was not dropped when asked for: the one a newer run may displace. */
  #latest: AnyRun | undefined;
  /** For a run dropped under `keepLatest` after it waited: the run that displaced it. */
  #displacedBy = new WeakMap<AnyRun, AnyRun>();
  /** For a run refused by `drop`: the runs running at that moment. */
  #refusedFor = new WeakMap<AnyRun, AnyRun[]>();
  /** Runs asked for by `action()` with `throwOnError`: React gets their failure from its promise. */
  readonly formRuns = new WeakSet<AnyRun>();

  constructor(body: Body, options: ActionOptions, throwOnError: boolean) {
    super();
    this.body = body;
    this.options = options;
    this.throwOnError = throwOnError;
    this.groups = new GroupBinding({});
    this.#actionGroup = this.groups.group;
    this.#action = this.#make(this.#actionGroup);
  }

  protected override readonly idle = IDLE;
  protected override source(): Action<unknown[], unknown> {
    return this.#action;
  }

  /** The action over the current group, made anew when the group was replaced. */
  get action(): Action<unknown[], unknown> {
    const group = this.groups.group;
    if (group !== this.#actionGroup) {
      this.#actionGroup = group;
      this.#action = this.#make(group);
      this.#latest = undefined;
      this.#pending.clear();
      this.follow();
    }
    return this.#action;
  }

  #make(group: TaskGroup): Action<unknown[], unknown> {
    const settings = checkActionOptions(this.options, "useAction");
    const name = settings.name ?? (this.body.name || "action");
    return createAction(group, (scope, ...args) => this.body(scope, ...args), {
      ...this.options,
      name,
    });
  }

  readonly run = (...args: unknown[]): AnyRun => {
    const previous = this.#latest;
    for (const run of this.#pending) if (run.status !== "pending") this.#pending.delete(run);
    const run = this.action.run(...args);
    if (run.dropped) {
      this.#refusedFor.set(run, [...this.#pending]);
      return run;
    }
    // Under keepLatest a newer run drops the one waiting, which is always the latest before it.
    if (previous?.dropped) this.#displacedBy.set(previous, run);
    this.#latest = run;
    this.#pending.add(run);
    return run;
  };

  readonly cancel = (reason?: unknown): void => this.action.cancel(reason);

  readonly submit = (formData: FormData): Promise<void> => {
    const run = this.run(formData);
    if (this.throwOnError) this.formRuns.add(run);
    return this.#outcome(run, this.throwOnError);
  };

  /**
   * When a form submission is done: its run settled; for a refused one, the runs it gave way to;
   * for a displaced one, the run that displaced it (following the chain), however that ends.
   */
  async #outcome(run: AnyRun, rejectFailure: boolean): Promise<void> {
    await settled(run);
    if (run.dropped) {
      const next = this.#displacedBy.get(run);
      if (next) return this.#outcome(next, false);
      await Promise.all((this.#refusedFor.get(run) ?? []).map(settled));
      return;
    }
    if (rejectFailure && run.status === "rejected" && !run.cancelled) throw run.reason;
  }

  readonly getServerSnapshot = (): ActionSnapshot<unknown[], unknown> => {
    this.groups.serverRender = true;
    return this.getSnapshot();
  };

  /** The component committed: start its group. Returns the unmount, which cancels every run. */
  mount(): () => void {
    const unmount = this.groups.mount();
    // A remount (StrictMode's rehearsal, `<Activity>`) has a new group: a new action, rendered.
    const action = this.action;
    const seen = this.seenSource;
    if (seen !== undefined && seen !== action) this.notify();
    return unmount;
  }
}
