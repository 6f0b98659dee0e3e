/**
 * Coalesces change notifications. The first change in a macrotask turn is told on a microtask,
 * so a single settlement reaches React at once (and inside a test's `act`); every later change in
 * that turn, over any number of microtasks, is told once at the turn's end. A burst of any size
 * therefore costs a subscriber at most two calls. One queue serves every group, and nothing is
 * scheduled while nobody subscribes.
 *
 * The end of the turn uses the global `setTimeout`, so fake timers control it as they do
 * deadlines; the first notification does not wait for timers.
 */

type Flush = () => void;

/** The groups to tell at the next flush, each once. */
let queue: Set<Flush> | undefined;
/** From a turn's first change to its end: changes after the first flush wait for the end. */
let inTurn = false;
/** The `setTimeout` the end of the turn was scheduled with. */
let turnEndWith: typeof setTimeout | undefined;

function flush(): void {
  const batch = queue;
  queue = undefined;
  // A listener's throw must not stop the others, nor be swallowed: it surfaces as uncaught.
  if (batch) callListeners(batch);
}

function endTurn(): void {
  inTurn = false;
  flush();
}

/** @internal Tells `flush`'s subscribers of a change: soon, and at most twice per turn. */
export function scheduleFlush(group: Flush): void {
  (queue ??= new Set()).add(group);
  // An end scheduled on timers that were swapped since (fake timers installed or uninstalled)
  // may never fire, which would hold every later change: schedule it on the current ones.
  if (inTurn && turnEndWith === setTimeout) return;
  if (!inTurn) queueMicrotask(flush);
  inTurn = true;
  turnEndWith = setTimeout;
  setTimeout(endTurn, 0);
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
