/**
 * Coalesces change notifications. The first change in a macrotask turn is told on a microtask,
 * so a single settlement reaches React at once (and inside a test's `act`); every later change in
 * that turn, over any number of microtasks, is told once at the turn's end. A burst of any size
 * therefore costs a subscriber at most two calls. One queue serves every group, and nothing is
 * scheduled while nobody subscribes. A group (or action) that reaches its final state tells its
 * subscribers at once instead (`flushNow`), before the promise that waits for it settles.
 *
 * The end of the turn is the next macrotask: `setImmediate` where it exists (Node), else a
 * `MessageChannel` message (browsers), never a `setTimeout(0)`, which browsers clamp to 4 ms
 * once timers nest. Fake timers control `setImmediate` as they do deadlines; the first
 * notification does not wait for timers.
 */

type Flush = () => void;

/** The groups to tell at the next flush, each once. */
let queue: Set<Flush> | undefined;
/** From a turn's first change to its end: changes after the first flush wait for the end. */
let inTurn = false;
/** The primitive the end of the turn was scheduled with. */
let turnEndWith: unknown;
/** Made on first use where there is no `setImmediate`. */
let channel: MessageChannel | undefined;

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

const scope = globalThis as {
  setImmediate?: (callback: () => void) => unknown;
  MessageChannel?: typeof MessageChannel;
};

/** The current primitive for "the next macrotask": read each time, so fake timers take effect. */
function nextMacrotask(): unknown {
  return scope.setImmediate ?? scope.MessageChannel ?? setTimeout;
}

function scheduleTurnEnd(primitive: unknown): void {
  if (primitive === scope.setImmediate) scope.setImmediate?.(endTurn);
  else if (primitive === scope.MessageChannel && scope.MessageChannel) {
    if (!channel) {
      channel = new scope.MessageChannel();
      channel.port1.onmessage = endTurn;
    }
    channel.port2.postMessage(undefined);
  } else setTimeout(endTurn, 0);
}

/** @internal Tells `flush`'s subscribers of a change: soon, and at most twice per turn. */
export function scheduleFlush(group: Flush): void {
  (queue ??= new Set()).add(group);
  const primitive = nextMacrotask();
  // An end scheduled on timers that were swapped since (fake timers installed or uninstalled)
  // may never fire, which would hold every later change: schedule it on the current ones.
  if (inTurn && turnEndWith === primitive) return;
  if (!inTurn) queueMicrotask(flush);
  inTurn = true;
  turnEndWith = primitive;
  scheduleTurnEnd(primitive);
}

/**
 * @internal Tells `flush`'s subscribers now, if a change waits for them: a group or an action has
 * reached its final state, and whoever awaits it must find its subscribers told. Counts as the
 * turn's notification for them: nothing is told twice.
 */
export function flushNow(group: Flush): void {
  if (!queue?.delete(group)) return;
  try {
    group();
  } catch (error) {
    // The engine is settling: a listener's throw surfaces as uncaught, without stopping it.
    queueMicrotask(() => {
      throw error;
    });
  }
}

/**
 * @internal The subscribers of one group or action, made on its first `subscribe`: changes reach
 * them through the shared, coalescing queue above, and the final state at once.
 */
export class Subscribers {
  readonly #listeners = new Set<() => void>();
  readonly #flush: Flush = () => callListeners(this.#listeners);

  /** Adds `listener` (each call its own entry, even for the same function); returns its removal. */
  add(listener: () => void): () => void {
    const entry = () => listener();
    this.#listeners.add(entry);
    return () => {
      this.#listeners.delete(entry);
    };
  }

  /** Something changed: tell the listeners soon, coalesced. */
  changed(): void {
    if (this.#listeners.size > 0) scheduleFlush(this.#flush);
  }

  /** The final state was reached: tell them now if a change waits (see {@link flushNow}). */
  settled(): void {
    flushNow(this.#flush);
  }
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
