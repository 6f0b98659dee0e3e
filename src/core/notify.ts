/**
 * Coalesces change notifications: a group that changes any number of times within one macrotask
 * turn (over any number of microtasks) tells its subscribers once, on the next turn. One shared
 * timer serves every group, and nothing is scheduled while nobody subscribes.
 *
 * It uses the global `setTimeout`, so fake timers control notifications as they do deadlines.
 */

type Flush = () => void;

let pending: Set<Flush> | undefined;
/** The `setTimeout` the pending flush was scheduled with. */
let scheduledWith: typeof setTimeout | undefined;

function flushAll(): void {
  const batch = pending;
  pending = undefined;
  // A listener's throw must not stop the others, nor be swallowed: it surfaces as uncaught.
  if (batch) callListeners(batch);
}

/** @internal Runs `flush` once on the next macrotask turn, however often it is scheduled before. */
export function scheduleFlush(flush: Flush): void {
  // A flush scheduled on timers that were swapped since (fake timers installed or uninstalled)
  // may never fire, which would silence every group for good: schedule it on the current ones.
  if (!pending || scheduledWith !== setTimeout) {
    pending ??= new Set();
    scheduledWith = setTimeout;
    setTimeout(flushAll, 0);
  }
  pending.add(flush);
}

/** @internal Calls every listener; throws what they threw, after all have run. */
export function callListeners(listeners: Iterable<() => void>): void {
  let thrown: unknown[] | undefined;
  for (const listener of [...listeners]) {
    try {
      listener();
    } catch (error) {
      (thrown ??= []).push(error);
    }
  }
  if (thrown)
    throw thrown.length === 1
      ? thrown[0]
      : new AggregateError(thrown, "TaskGroup subscribers threw");
}
