import { InvalidStateError } from "../core/errors.js";
import { groupOfTask, isHeld, releaseGroup } from "../core/internal.js";
import type { TaskGroup } from "../core/TaskGroup.js";
import type { Task } from "../core/types.js";

/**
 * What a `useTasks` render made: its group (held until the render commits) and setup's result.
 *
 * Start-at-commit alone deadlocks when a reader suspends a render that can only commit once the
 * tasks settle: a component reading its own `useTasks` tasks, or a mount inside a transition.
 * React then retries the render with fresh state, so the retry cannot find the first render's
 * work through the component's own state. Hence:
 *
 * - When a reader suspends on a held group, its entry is *watched*: listed under setup's source
 *   and the deps, where a retried render with the same setup and deps finds it (instead of
 *   running setup again and leaving the first entry to run for nobody).
 * - When a watched entry has waited {@link GRACE_MS} without a commit, it is *adopted*: its tasks
 *   start, so that the reader wakes up and React retries the render.
 * - A commit claims the entry. An adopted entry nobody claims within {@link EXPIRY_MS} is
 *   cancelled. Several committed components may share one entry (two identical components that
 *   both suspended); the last one to let go cancels it.
 * - A retried render that finds no entry with its deps, while {@link MAX_UNCLAIMED} adopted,
 *   unclaimed entries of the same setup have deps that look alike (fresh objects with the same
 *   contents), has deps that change on every render: it throws an `InvalidStateError` rather
 *   than loop, and keeps throwing until those entries expire. Deps that differ as values (other
 *   ids, say, of readers that went away before committing) are never mistaken for this.
 * - Two identical components (same setup source, same deps) that both suspend before committing
 *   share one entry: it is the same work.
 */
export interface RenderEntry<R = unknown> {
  readonly group: TaskGroup;
  readonly setup: (group: TaskGroup) => R;
  readonly deps: readonly unknown[];
  readonly result: R;
  /** Made during server rendering or hydration: never adopted, the commit will come. */
  readonly serverRender: boolean;
  /** setup's source, once a reader suspended on the entry: its key in the watch list. */
  source?: string;
  /** Started before any commit claimed it. */
  adopted: boolean;
  /** Given to a render by {@link findUncommitted}: others prefer another entry. */
  handedOut: boolean;
  /** Committed components using it. */
  claims: number;
  /** Cancelled: by the last component using it, or at expiry. */
  disposed: boolean;
  expiry?: ReturnType<typeof setTimeout> | undefined;
}

/**
 * How long a reader waits on an uncommitted render before its tasks start anyway: one macrotask,
 * by which a render that will commit has committed, unless React is time-slicing a transition
 * (then the work merely starts a little before its commit).
 */
export const GRACE_MS = 1;
/** How long an adopted group waits for a render to claim it. */
export const EXPIRY_MS = 30_000;
/** Adopted, unclaimed lookalike entries of one setup after which we stop retrying and say why. */
export const MAX_UNCLAIMED = 3;

const uncommitted = new WeakMap<TaskGroup, RenderEntry>();
const watched = new Map<string, RenderEntry[]>();

/** Records a render's group until its commit claims it. */
export function track(entry: RenderEntry): void {
  uncommitted.set(entry.group, entry);
}

/** The render committed: the entry is (also) this component's now. */
export function claim(entry: RenderEntry): void {
  entry.claims++;
  uncommitted.delete(entry.group);
  if (entry.expiry !== undefined) clearTimeout(entry.expiry);
  entry.expiry = undefined;
  forget(entry);
}

/** A committed component lets go of the entry (unmount, deps change): the last one cancels it. */
export function release(entry: RenderEntry, reason: string): void {
  entry.claims = Math.max(0, entry.claims - 1);
  if (entry.claims > 0) return;
  entry.disposed = true;
  entry.group.cancel(reason);
}

/**
 * True when `task` belongs to the work of a render made on the server or while hydrating, whose
 * group is still held: on the server it will never start (effects never run there).
 */
export function heldForServerRender(task: Task<unknown>): boolean {
  const group = groupOfTask(task);
  if (!group || !isHeld(group)) return false;
  return uncommitted.get(group)?.serverRender === true;
}

/** A reader suspends on `task`: if its render has not committed, watch it. */
export function noteSuspended(task: Task<unknown>): void {
  const group = groupOfTask(task);
  if (!group || !isHeld(group)) return;
  const entry = uncommitted.get(group);
  if (!entry || entry.source !== undefined || entry.serverRender || entry.disposed) return;
  entry.source = String(entry.setup);
  const list = watched.get(entry.source) ?? [];
  list.push(entry);
  watched.set(entry.source, list);
  setTimeout(() => adopt(entry), GRACE_MS);
}

/**
 * An uncommitted entry a reader suspended on, for the same setup and deps: what a render retried
 * by React after a suspension (with its state lost) should use instead of new work.
 */
export function findUncommitted(
  setup: (group: TaskGroup) => unknown,
  deps: readonly unknown[],
): RenderEntry | undefined {
  if (watched.size === 0) return undefined;
  const list = watched.get(String(setup));
  if (!list) return undefined;
  const matches = list.filter((entry) => !entry.disposed && sameDeps(entry.deps, deps));
  const found = matches.find((entry) => !entry.handedOut) ?? matches[0];
  if (found) {
    found.handedOut = true;
    return found;
  }
  const lookalikes = list.filter((entry) => entry.adopted && similarDeps(entry.deps, deps));
  // They stay listed until they expire, so that React's retry of this render throws too.
  if (lookalikes.length >= MAX_UNCLAIMED) {
    throw new InvalidStateError(
      `useTasks: tasks started ${lookalikes.length} times for renders that never committed, ` +
        "with new deps each time. A component that reads its own useTasks tasks, or mounts in a " +
        "transition, needs stable deps (compared with Object.is); or read the tasks in a child " +
        "under its own Suspense boundary.",
    );
  }
  return undefined;
}

/** Deps compare as React compares them: same length, each `Object.is`. */
export function sameDeps(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((value, i) => Object.is(value, b[i]));
}

/** Deps that are not the same but look it: fresh objects, arrays or functions alike in content. */
function similarDeps(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((value, i) => similar(value, b[i], 0));
}

function similar(a: unknown, b: unknown, depth: number): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== typeof b || a === null || b === null) return false;
  if (typeof a === "function") return String(a) === String(b);
  if (typeof a !== "object" || depth > 2) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (a instanceof Date) return a.getTime() === (b as Date).getTime();
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return (
    ka.length === kb.length &&
    ka.every(
      (key) =>
        Object.hasOwn(b as object, key) &&
        similar(
          (a as Record<string, unknown>)[key],
          (b as Record<string, unknown>)[key],
          depth + 1,
        ),
    )
  );
}

function adopt(entry: RenderEntry): void {
  if (entry.claims > 0 || entry.disposed || !isHeld(entry.group) || entry.group.signal.aborted) {
    if (entry.claims === 0) forget(entry);
    return;
  }
  entry.adopted = true;
  entry.expiry = setTimeout(
    () => expire(entry, "useTasks: no render claimed these tasks in time"),
    EXPIRY_MS,
  );
  releaseGroup(entry.group);
}

function expire(entry: RenderEntry, reason: string): void {
  if (entry.expiry !== undefined) clearTimeout(entry.expiry);
  entry.expiry = undefined;
  forget(entry);
  if (entry.claims > 0) return;
  entry.disposed = true;
  entry.group.cancel(reason);
}

function forget(entry: RenderEntry): void {
  const source = entry.source;
  if (source === undefined) return;
  const list = watched.get(source)?.filter((other) => other !== entry) ?? [];
  if (list.length > 0) watched.set(source, list);
  else watched.delete(source);
}
