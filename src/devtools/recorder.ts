import { observeTasks, type Task, type TaskEvent, type TaskGroup } from "../core/index.js";

/** Where a task is in its life, as a {@link TaskBar} shows it. */
export type TaskBarState = "queued" | "running" | "fulfilled" | "failed" | "cancelled";

/**
 * One task as the timeline draws it: plain data, never the task itself, so a recorder keeps no
 * task (nor its value) alive once it has settled. Times are in milliseconds from the recorder's
 * first event.
 */
export interface TaskBar {
  /** Unique within its recorder, in the order tasks were first seen. */
  readonly id: number;
  /** The task's name. */
  readonly name: string;
  /** The label of the group it belongs to (the group's name unless `observe` was given one). */
  readonly group: string;
  /** Its current state. */
  readonly state: TaskBarState;
  /** When it was spawned; its start time when the recorder first saw it later than that. */
  readonly spawned: number;
  /** When its function started; undefined while queued, or when dropped before it started. */
  readonly started: number | undefined;
  /** When it settled (or stopped being observed); undefined while it is live. */
  readonly ended: number | undefined;
  /** Text of the failure (`failed`) or of what cancelled it (`cancelled`). */
  readonly error: string | undefined;
  /** For an action's run: a short label of its arguments (`"hello", 2`); else undefined. */
  readonly args: string | undefined;
  /** True for a run its policy refused (`drop`, or displaced under `keepLatest`): a mark. */
  readonly dropped: boolean;
  /**
   * When each failed attempt that was retried ended, oldest first: attempt `n` runs from the
   * previous entry (or `started`) to entry `n - 1`. Empty without retries.
   */
  readonly retries: readonly number[];
}

/** An immutable picture of a recorder: the same object until something is recorded. */
export interface TaskRecorderSnapshot {
  /** Every recorded task, oldest first (at most `maxTasks`). */
  readonly bars: readonly TaskBar[];
  /** How many of them are still queued or running. */
  readonly live: number;
  /** The latest time recorded, in ms from the first event: the timeline's length once idle. */
  readonly end: number;
  /** The labels of every group observed so far, in order. */
  readonly groups: readonly string[];
}

/** Options of {@link createTaskRecorder}. */
export interface TaskRecorderOptions {
  /** Keep at most this many bars, dropping the oldest settled ones first. Default: `500`. */
  maxTasks?: number;
}

/**
 * Records the task events of one or more groups (see `observeTasks`) as {@link TaskBar}s, for
 * `TaskGroupTimeline`. Its `subscribe`/`getSnapshot` pair suits `useSyncExternalStore`;
 * notifications are coalesced to one per microtask, so a task spawned during a render never
 * updates a component in the middle of it.
 */
export interface TaskRecorder {
  /**
   * Starts recording the tasks of `group`, under `label` (default: the group's name). Tasks
   * spawned before this call appear from their first later event. Recording stops by itself once
   * the group has finished (it is no longer open and has no task left), or when the returned
   * function is called; bars still live at that moment end there.
   */
  observe(group: TaskGroup, label?: string): () => void;
  /** Listens for new snapshots. Returns the function that stops listening. */
  subscribe(listener: () => void): () => void;
  /** The current snapshot. */
  getSnapshot(): TaskRecorderSnapshot;
  /** The current time on the recorder's clock: ms since its first event (0 before any). */
  now(): number;
}

const clock: () => number =
  typeof performance !== "undefined" && typeof performance.now === "function"
    ? () => performance.now()
    : () => Date.now();

const EMPTY: TaskRecorderSnapshot = /* @__PURE__ */ Object.freeze({
  bars: [],
  live: 0,
  end: 0,
  groups: [],
});

/** Text for an error: `name: message` for errors, their `cause` added for cancellations. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const text = `${error.name}: ${error.message}`;
  return error.name === "AbortError" && error.cause !== undefined
    ? `${text} (cause: ${describeError(error.cause)})`
    : text;
}

const MAX_LABEL = 32;

/** One argument, briefly: strings quoted, `FormData` as its fields, objects by their keys. */
function labelArg(arg: unknown): string {
  if (typeof arg === "string") return JSON.stringify(arg);
  if (typeof arg !== "object" || arg === null) return String(arg);
  if (typeof FormData !== "undefined" && arg instanceof FormData) {
    const fields: string[] = [];
    arg.forEach((value, key) => {
      fields.push(`${key}=${typeof value === "string" ? value : "(file)"}`);
    });
    return fields.join("&");
  }
  if (Array.isArray(arg)) return `[${arg.length}]`;
  return `{${Object.keys(arg).join(", ")}}`;
}

/** A short label of a run's arguments, cut to 32 characters. */
export function labelArgs(args: unknown): string {
  const text = Array.isArray(args) ? args.map(labelArg).join(", ") : labelArg(args);
  return text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text;
}

/** Creates a {@link TaskRecorder}. Nothing is recorded until `observe` is called. */
export function createTaskRecorder(options?: TaskRecorderOptions): TaskRecorder {
  const maxTasks = options?.maxTasks ?? 500;
  const listeners = new Set<() => void>();
  const live = new Map<Task<unknown>, { bar: TaskBar; stop: () => void }>();
  let bars: TaskBar[] = [];
  let groups: string[] = [];
  let origin: number | undefined;
  let end = 0;
  let nextId = 0;
  let snapshot = EMPTY;
  let scheduled = false;

  const elapsed = (time: number) => time - (origin ??= time);
  const flush = () => {
    scheduled = false;
    snapshot = Object.freeze({ bars, live: live.size, end, groups });
    for (const listener of [...listeners]) listener();
  };
  const changed = () => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(flush);
  };
  const replace = (old: TaskBar | undefined, bar: TaskBar) => {
    bars = old ? bars.map((b) => (b === old ? bar : b)) : [...bars, bar];
    if (bars.length > maxTasks) {
      const drop = bars.find((b) => b.ended !== undefined);
      if (drop) bars = bars.filter((b) => b !== drop);
    }
    changed();
  };

  const record = (label: string, stop: () => void, event: TaskEvent) => {
    const time = elapsed(event.time);
    end = Math.max(end, time);
    const entry = live.get(event.task);
    const old = entry?.bar;
    const base: TaskBar = old ?? {
      id: nextId++,
      name: event.task.name,
      group: label,
      state: "queued",
      spawned: time,
      started: undefined,
      ended: undefined,
      error: undefined,
      args: "args" in event.task ? labelArgs(event.task.args) : undefined,
      dropped: false,
      retries: [],
    };
    let bar: TaskBar;
    if (event.type === "spawn") bar = base;
    else if (event.type === "start")
      bar = { ...base, state: "running", started: base.started ?? time };
    else if (event.type === "retry") bar = { ...base, retries: [...base.retries, time] };
    else {
      const error = event.error === undefined ? undefined : describeError(event.error);
      const dropped = (event.task as { dropped?: unknown }).dropped === true;
      bar = { ...base, state: event.type, ended: time, error, dropped };
    }
    if (bar.ended === undefined) live.set(event.task, { bar, stop });
    else live.delete(event.task);
    replace(old, bar);
  };

  return {
    observe(group, label = group.name) {
      if (!groups.includes(label)) {
        groups = [...groups, label];
        changed();
      }
      let active = true;
      const stop = () => {
        if (!active) return;
        active = false;
        unobserve();
        unsubscribe();
        const time = origin === undefined ? 0 : elapsed(clock());
        for (const [task, entry] of live) {
          if (entry.stop !== stop) continue;
          live.delete(task);
          replace(entry.bar, { ...entry.bar, ended: time });
        }
      };
      const unobserve = observeTasks(group, (event) => record(label, stop, event));
      const unsubscribe = group.subscribe(() => {
        const { status, running, queued } = group.getSnapshot();
        if (status !== "open" && running === 0 && queued === 0) stop();
      });
      return stop;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    getSnapshot: () => snapshot,
    now: () => (origin === undefined ? 0 : clock() - origin),
  };
}
