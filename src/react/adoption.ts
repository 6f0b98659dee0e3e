import { InvalidStateError } from "../core/errors.js";
import { groupOfTask, isHeld, releaseGroup } from "../core/internal.js";
import type { TaskGroup } from "../core/TaskGroup.js";
import type { Task } from "../core/types.js";

/**
 * What a `useTasks` render made: its group (held until the render commits) and setup's result.
 *
 * Start-at-commit alone deadlocks when a reader suspends a render that can only commit once the
 * tasks settle: a component reading its own `useTasks` tasks, or a mount inside a transition.
 * React then retries the render with fresh state. So when a reader has waited on a held group for
 * {@link GRACE_MS} without its render committing, the group is *adopted*: started, and kept in a
 * cache keyed by setup's source and the deps, where the retried render finds it instead of
 * starting the work again. A commit claims it; an adopted group nobody claims within
 * {@link EXPIRY_MS} is cancelled.
 */
export interface RenderEntry<R = unknown> {
  readonly group: TaskGroup;
  readonly setup: (group: TaskGroup) => R;
  readonly deps: readonly unknown[];
  readonly result: R;
  /** Made during server rendering or hydration: never adopted, the commit will come. */
  readonly serverRender: boolean;
  watched: boolean;
  claimed: boolean;
  /** Cancelled by its own effect cleanup (unmount, deps change, StrictMode's rehearsal). */
  disposed: boolean;
  expiry?: ReturnType<typeof setTimeout>;
  source?: string;
}

/** How long a reader waits on an uncommitted render before its tasks start anyway. */
export const GRACE_MS = 100;
/** How long an adopted group waits for a render to claim it. */
export const EXPIRY_MS = 30_000;
/** Adopted, never-claimed groups of one setup after which we stop retrying and say why. */
const MAX_UNCLAIMED = 3;

const uncommitted = new WeakMap<TaskGroup, RenderEntry>();
const adopted = new Map<string, RenderEntry[]>();

/** Records a render's group until its commit claims it. */
export function track(entry: RenderEntry): void {
  uncommitted.set(entry.group, entry);
}

/** The render committed: the entry is the component's now. */
export function claim(entry: RenderEntry): void {
  entry.claimed = true;
  uncommitted.delete(entry.group);
  if (entry.expiry !== undefined) clearTimeout(entry.expiry);
  if (entry.source !== undefined) forget(entry);
}

/** A reader suspends on `task`: if its render has not committed, watch it. */
export function noteSuspended(task: Task<unknown>): void {
  const group = groupOfTask(task);
  if (!group || !isHeld(group)) return;
  const entry = uncommitted.get(group);
  if (!entry || entry.watched || entry.serverRender) return;
  entry.watched = true;
  setTimeout(() => adopt(entry), GRACE_MS);
}

/** An adopted entry for the same setup and deps, when a retried render comes back for it. */
export function findAdopted(
  setup: (group: TaskGroup) => unknown,
  deps: readonly unknown[],
): RenderEntry | undefined {
  if (adopted.size === 0) return undefined;
  const list = adopted.get(String(setup));
  if (!list) return undefined;
  const found = list.find((entry) => sameDeps(entry.deps, deps));
  if (!found && list.length >= MAX_UNCLAIMED) {
    throw new InvalidStateError(
      "useTasks: this component's tasks were started " +
        `${list.length} times for renders that never committed, with deps that changed each time. ` +
        "A component that reads (readTask/use) its own useTasks tasks, or mounts in a transition, " +
        "needs deps that are stable values (compared with Object.is); or read the tasks in a child.",
    );
  }
  return found;
}

/** Deps compare as React compares them: same length, each `Object.is`. */
export function sameDeps(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((value, i) => Object.is(value, b[i]));
}

function adopt(entry: RenderEntry): void {
  if (entry.claimed || entry.disposed || !isHeld(entry.group) || entry.group.signal.aborted) return;
  entry.source = String(entry.setup);
  const list = adopted.get(entry.source) ?? [];
  list.push(entry);
  adopted.set(entry.source, list);
  entry.expiry = setTimeout(() => {
    forget(entry);
    entry.group.cancel("useTasks: no render claimed these tasks in time");
  }, EXPIRY_MS);
  releaseGroup(entry.group);
}

function forget(entry: RenderEntry): void {
  const source = entry.source;
  if (source === undefined) return;
  const list = adopted.get(source)?.filter((other) => other !== entry) ?? [];
  if (list.length > 0) adopted.set(source, list);
  else adopted.delete(source);
}
