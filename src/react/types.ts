import type { ComponentType, ErrorInfo, PropsWithChildren, ReactNode } from "react";
import type { TaskGroup } from "../core/TaskGroup.js";
import type {
  ActionOptions,
  ActionSnapshot,
  Run,
  TaskGroupOptions,
  TaskGroupSnapshot,
} from "../core/types.js";

/** Options of {@link useTaskGroup}: the group's options, less `signal` (the component is the parent). */
export interface UseTaskGroupOptions extends Omit<TaskGroupOptions, "signal"> {
  /**
   * `true` (default): the first failure of a spawned task throws the group's `TaskGroupError` (as
   * collected so far) to the nearest error boundary, from event handlers too. `false`: failures
   * stay in the handle's `error` for you to render.
   */
  throwOnError?: boolean | undefined;
}

/**
 * What {@link useTaskGroup} returns: the group's snapshot fields, which re-render the component
 * only when a field it read during render changes, and methods that keep their identity for the
 * component's whole life.
 */
export interface TaskGroupHandle extends TaskGroupSnapshot {
  /** The current group: a new one after `reset()` or a remount. */
  readonly group: TaskGroup;
  /** Spawns a task in the current group. See `TaskGroup.spawn`. */
  readonly spawn: TaskGroup["spawn"];
  /**
   * Runs a child scope of the current group. Its errors reject the returned promise; they never
   * reach the error boundary.
   */
  readonly run: TaskGroup["run"];
  /** Cancels the current group's tasks. The group stays cancelled until `reset()`. */
  readonly cancel: (reason?: unknown) => void;
  /** Cancels the current group and starts a fresh one. */
  readonly reset: () => void;
}

/** One failure, as an error boundary's fallback shows it. */
export interface TaskFailure {
  /** The thrown value. */
  error: unknown;
  /** The name of the task that threw it; undefined for a plain render error or a group's body. */
  task: string | undefined;
}

/** What a {@link TaskGroupBoundary} fallback receives. */
export interface FallbackProps {
  /** The error caught: a `TaskGroupError` for task failures, else whatever was thrown. */
  error: unknown;
  /** Every failure with its task's name; one entry (task undefined) for a plain error. */
  errors: readonly TaskFailure[];
  /** Clears the error and renders the children again, with fresh groups. */
  resetErrorBoundary(...args: unknown[]): void;
}

/** Why a {@link TaskGroupBoundary} reset, as its `onReset` is told. */
export type ResetDetails =
  | { reason: "imperative-api"; args: unknown[] }
  | { reason: "keys"; prev: unknown[] | undefined; next: unknown[] | undefined };

interface BoundarySharedProps {
  /** Called with every error caught, and React's component stack. */
  onError?: ((error: unknown, info: ErrorInfo) => void) | undefined;
  /** Called when the boundary resets, before the children render again. */
  onReset?: ((details: ResetDetails) => void) | undefined;
  /** When any of these change (by `Object.is`) while showing a fallback, the boundary resets. */
  resetKeys?: unknown[] | undefined;
}

/** Render a fixed element as the fallback. */
interface WithFallback extends BoundarySharedProps {
  fallback: ReactNode;
  FallbackComponent?: never;
  fallbackRender?: never;
}
/** Render the fallback with a component that receives {@link FallbackProps}. */
interface WithFallbackComponent extends BoundarySharedProps {
  FallbackComponent: ComponentType<FallbackProps>;
  fallback?: never;
  fallbackRender?: never;
}
/** Render the fallback with a function of {@link FallbackProps}. */
interface WithFallbackRender extends BoundarySharedProps {
  fallbackRender: (props: FallbackProps) => ReactNode;
  fallback?: never;
  FallbackComponent?: never;
}
/** No fallback prop: the default, an accessible list of the failures with a retry button. */
interface WithDefaultFallback extends BoundarySharedProps {
  fallback?: never;
  FallbackComponent?: never;
  fallbackRender?: never;
}

/**
 * Props of {@link TaskGroupBoundary}: react-error-boundary's, typed so that at most one fallback
 * style can be given.
 */
export type TaskGroupBoundaryProps = PropsWithChildren<
  WithFallback | WithFallbackComponent | WithFallbackRender | WithDefaultFallback
>;

/**
 * Options of {@link useAction}: the action's options (read when the action is made: at mount and
 * remount), and where its failures go.
 */
export interface UseActionOptions extends ActionOptions {
  /**
   * `false` (default): failures stay in the handle's `error`/`lastFailed`, for inline messages.
   * `true`: a failed run's error is thrown to the nearest error boundary (once per failure); for
   * `action(formData)` through its rejected promise, as React 19 form actions do.
   */
  throwOnError?: boolean | undefined;
}

/**
 * What {@link useAction} returns: the action's snapshot fields, which re-render the component only
 * when a field it read during render changes, and methods that keep their identity for the
 * component's whole life.
 */
export interface ActionHandle<A extends unknown[], T> extends ActionSnapshot<A, T> {
  /**
   * Asks for a run of the body (of the last committed render) with `args`; the policy decides
   * what happens when `limit` runs are running. Throws `InvalidStateError` after unmount.
   */
  readonly run: (...args: A) => Run<A, T>;
  /**
   * `run(formData)` for `<form action>` and `formAction` (React 19). The promise stays pending
   * while the run works; it resolves when the run succeeds, is cancelled, or fails without
   * `throwOnError`, and rejects (to the boundary) only when it fails with `throwOnError`. A
   * submission refused by `drop` resolves once the runs running when it was refused have
   * settled; one displaced under `keepLatest` resolves when the run that displaced it settles
   * (following the chain). After unmount it throws as `run()` does.
   */
  readonly action: (formData: FormData) => Promise<void>;
  /** Cancels every run, running or waiting. The action stays usable. */
  readonly cancel: (reason?: unknown) => void;
  /** The scope its runs live in (for `TaskGroupTimeline`): a new one after a remount. */
  readonly group: TaskGroup;
}
