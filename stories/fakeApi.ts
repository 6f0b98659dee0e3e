/**
 * A tiny in-browser fake of a backend for the stories: every call waits `latency` ms, honours its
 * `AbortSignal` (rejecting with the signal's reason, as `fetch` does) and fails on demand, so the
 * stories' controls can make any request slow or broken. Nothing here is part of the package.
 */

/** Options of {@link createFakeApi}. */
export interface FakeApiOptions {
  /** Latency of each endpoint in ms; `default` for the others. */
  latency?: Record<string, number> & { default?: number };
  /** Endpoints that fail (with an HTTP-like message) instead of answering. */
  failing?: readonly string[];
  /** How many calls of a failing endpoint fail before it recovers. Default: every call. */
  failTimes?: number;
  /** Endpoints whose cleanup throws when they are aborted (say, a half-written upload). */
  brokenCleanup?: readonly string[];
  /** Told about every call, abort and outcome, for the stories' logs. */
  log?: (entry: string) => void;
}

/** Messages the fake server answers a failing endpoint with. */
export const failures: Readonly<Record<string, string>> = {
  user: "500 Internal Server Error",
  posts: "503 Service Unavailable",
  notifications: "502 Bad Gateway",
  profile: "422 Unprocessable Entity: email is invalid",
  avatar: "413 Payload Too Large",
  preferences: "409 Conflict: preferences changed elsewhere",
};

/** The fake backend: `call(endpoint, value, signal)` resolves to `value` after the latency. */
export interface FakeApi {
  call<T>(endpoint: string, value: T, signal: AbortSignal, latency?: number): Promise<T>;
  /** Calls running right now, and the most that ever ran at once. */
  readonly load: { current: number; peak: number };
}

/** Creates a {@link FakeApi}. */
export function createFakeApi(options: FakeApiOptions = {}): FakeApi {
  const calls = new Map<string, number>();
  const load = { current: 0, peak: 0 };
  const log = options.log ?? (() => {});
  return {
    load,
    call(endpoint, value, signal, latency) {
      const n = (calls.get(endpoint) ?? 0) + 1;
      calls.set(endpoint, n);
      const ms = latency ?? options.latency?.[endpoint] ?? options.latency?.default ?? 100;
      const fails =
        options.failing?.includes(endpoint) === true && n <= (options.failTimes ?? Infinity);
      return new Promise((resolve, reject) => {
        load.current++;
        load.peak = Math.max(load.peak, load.current);
        const done = () => {
          load.current--;
          signal.removeEventListener("abort", onAbort);
        };
        const timer = setTimeout(() => {
          done();
          if (fails) {
            log(`${endpoint}: failed`);
            reject(new Error(`${endpoint}: ${failures[endpoint] ?? "500 Internal Server Error"}`));
          } else {
            log(`${endpoint}: done`);
            resolve(value);
          }
        }, ms);
        const onAbort = () => {
          clearTimeout(timer);
          done();
          log(`${endpoint}: signal aborted (${describe(signal.reason)})`);
          if (options.brokenCleanup?.includes(endpoint)) {
            reject(new Error(`${endpoint}: cleanup failed, partial upload left behind`));
          } else reject(signal.reason);
        };
        if (signal.aborted) onAbort();
        else signal.addEventListener("abort", onAbort, { once: true });
      });
    },
  };
}

function describe(reason: unknown): string {
  if (!(reason instanceof Error)) return String(reason);
  const cause = reason.cause instanceof Error ? reason.cause.message : reason.cause;
  return cause === undefined ? reason.message : `${reason.message}: ${String(cause)}`;
}

/** A list of log lines that components can subscribe to (`useSyncExternalStore`). */
export interface LogStore {
  add(line: string): void;
  clear(): void;
  subscribe(listener: () => void): () => void;
  getSnapshot(): readonly string[];
}

/**
 * Creates a {@link LogStore}. Lines may arrive while React is rendering or committing (a signal
 * aborts during an unmount), so listeners hear of them on the next microtask.
 */
export function createLog(): LogStore {
  let lines: readonly string[] = [];
  const listeners = new Set<() => void>();
  let scheduled = false;
  const changed = () => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      for (const listener of [...listeners]) listener();
    });
  };
  return {
    add(line) {
      lines = [...lines, line];
      changed();
    },
    clear() {
      lines = [];
      changed();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    getSnapshot: () => lines,
  };
}
