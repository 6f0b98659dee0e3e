import { callListeners } from "../core/notify.js";

/** What a {@link TrackedStore} reads: an engine object's `subscribe`/`getSnapshot` pair. */
export interface SnapshotSource<S> {
  subscribe(listener: () => void): () => void;
  getSnapshot(): S;
}

/**
 * The store a hook gives `useSyncExternalStore` so that its handle is a value (SPEC §4.1), after
 * TanStack Query's tracked results.
 *
 * - `getSnapshot` returns the source's full current snapshot, never a kept older one: a handle
 *   built over it answers every field with the current value, the first read of a field included.
 * - React is told of a change only when a field in `tracked` differs from what React last read, so
 *   a component re-renders only for the fields it uses. `tracked` only grows.
 * - {@link read} is the one way a handle reads a field: it tracks the field and answers from the
 *   handle's own snapshot, so every read on one handle agrees (React Compiler reads a getter more
 *   than once per render). A field first read from an older handle (a `memo` child rendering on
 *   its own) gives that handle's value, and the owner is told, so the screen catches up.
 *
 * A hook's binding extends it and says where its source is: {@link source} may change (a reset
 * makes a new group) or be missing (nothing made yet: {@link idle} stands in); call
 * {@link follow} after it changes, and {@link notify} when React must render the new one.
 *
 * @example
 * ```ts
 * class ActionBinding extends TrackedStore<ActionSnapshot> {
 *   protected source() { return this.action; }
 * }
 * const snapshot = useSyncExternalStore(binding.subscribe, binding.getSnapshot, binding.getSnapshot);
 * const handle = useMemo(() => ({ get value() { return binding.read(snapshot, "value"); } }), [snapshot]);
 * ```
 */
export abstract class TrackedStore<S extends object> {
  /** The fields some render read: only their changes re-render. Never shrinks. */
  readonly tracked = new Set<keyof S>();
  #listeners = new Set<() => void>();
  #unsubscribe: (() => void) | undefined;
  /** The snapshot React last read: changes are measured against it. */
  #seen: S | undefined;
  /** The source of {@link #seen}. */
  #seenSource: SnapshotSource<S> | undefined;

  /** The snapshot while there is no source. */
  protected abstract readonly idle: S;
  /** Where the current snapshot comes from; undefined: nothing made yet. */
  protected abstract source(): SnapshotSource<S> | undefined;

  #current(): S {
    return this.source()?.getSnapshot() ?? this.idle;
  }

  /** The source React last read from: when it is not the current one, React must render. */
  protected get seenSource(): SnapshotSource<S> | undefined {
    return this.#seenSource;
  }

  /** For `useSyncExternalStore`. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    if (this.#listeners.size === 1) this.#listen();
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) this.#listen();
    };
  };

  /** For `useSyncExternalStore`: the source's current snapshot. */
  readonly getSnapshot = (): S => {
    const source = this.source();
    const current = source?.getSnapshot() ?? this.idle;
    this.#seen = current;
    this.#seenSource = source;
    return current;
  };

  /** Tracks `field` and returns its value in `snapshot`, the snapshot the handle was built over. */
  read<K extends keyof S>(snapshot: S, field: K): S[K] {
    if (!this.tracked.has(field)) {
      this.tracked.add(field);
      // Read first from an older handle: that handle's value, and a render of the owner to catch
      // up. Not from inside this render: React forbids updating another component then.
      if (!Object.is(snapshot[field], this.#current()[field])) queueMicrotask(this.#changed);
    }
    return snapshot[field];
  }

  /**
   * A handle over `snapshot` (SPEC §4.1): every snapshot field answers through {@link read}, the
   * `extras` (stable methods, `group`) as they are; an `extras` entry left `undefined` with a maker
   * in `lazy` is made on its first read (`group`: an unused hook makes no group).
   *
   * A proxy over plain values, after TanStack Query's tracked result: rest destructuring, spreading
   * and `Object.keys` see every field (and track them), as on a plain object. Not an object literal
   * with getters: V8 builds one of those through its runtime, about 2.5 µs per handle in Node 20,
   * the largest part of what an unused hook cost per render.
   */
  handle<E extends object>(snapshot: S, extras: E, lazy?: { [K in keyof E]?: () => E[K] }): S & E {
    const values = { ...extras, ...snapshot } as S & E;
    return new Proxy(values, {
      get: (target, key) => {
        if (Object.hasOwn(snapshot, key)) return this.read(snapshot, key as keyof S);
        const field = key as keyof E;
        const make = lazy?.[field];
        if (make && target[field] === undefined) target[field] = make() as (S & E)[keyof E];
        return target[field];
      },
    });
  }

  /**
   * The source was replaced, made or dropped: listen to the new one. Tells React nothing (it may
   * run during a render); call {@link notify} when React must render the new source.
   */
  protected follow(): void {
    this.#listen();
  }

  /** Tells React unconditionally: for a change it must render even if no field moved (a reset). */
  protected notify(): void {
    callListeners(this.#listeners);
  }

  #listen(): void {
    this.#unsubscribe?.();
    this.#unsubscribe =
      this.#listeners.size > 0 ? this.source()?.subscribe(this.#changed) : undefined;
  }

  /** Tells React if a tracked field differs from what it last read. */
  #changed = (): void => {
    if (this.#listeners.size === 0) return;
    const seen = this.#seen;
    const current = this.#current();
    if (seen === current) return;
    if (seen === undefined || this.#differs(seen, current)) this.notify();
  };

  #differs(a: S, b: S): boolean {
    for (const field of this.tracked) if (!Object.is(a[field], b[field])) return true;
    return false;
  }
}
