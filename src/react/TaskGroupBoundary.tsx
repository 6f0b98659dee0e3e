import { Component, createElement, type ErrorInfo, Fragment, type ReactNode } from "react";
import { groupOfError } from "../core/internal.js";
import { BoundaryContext, type BoundaryContextValue } from "./BoundaryContext.js";
import { DefaultFallback } from "./DefaultFallback.js";
import { failuresOf } from "./failures.js";
import type { FallbackProps, TaskGroupBoundaryProps } from "./types.js";

interface State {
  caught: boolean;
  error: unknown;
  /** Bumped on every reset, so the children remount with fresh groups. */
  generation: number;
}

function keysChanged(a: unknown[] = [], b: unknown[] = []): boolean {
  return a.length !== b.length || a.some((value, i) => !Object.is(value, b[i]));
}

/**
 * An error boundary for task groups, with react-error-boundary's props and semantics
 * (`fallback`, `fallbackRender`, `FallbackComponent`, `onError`, `onReset`, `resetKeys`). It
 * catches render errors, `readTask` throws and failures escalated by `useTaskGroup`. Its fallback
 * gets `errors`: every failure with its task's name, updated while the failed group is still
 * settling. Without a fallback it renders an alert listing the failures and a retry button. A
 * reset renders the children again with fresh groups. Its children and its fallback reach it with
 * `useTaskGroupBoundary()`.
 *
 * @example
 * ```tsx
 * <TaskGroupBoundary onReset={() => invalidate()}>
 *   <Suspense fallback={<Spinner />}><Dashboard /></Suspense>
 * </TaskGroupBoundary>
 * ```
 */
export class TaskGroupBoundary extends Component<TaskGroupBoundaryProps, State> {
  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { caught: true, error };
  }

  override state: State = { caught: false, error: null, generation: 0 };
  #unsubscribe: (() => void) | undefined;
  /** How many failures the fallback rendered last. */
  #shown = 0;

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    this.props.onError?.(error, info);
    this.#follow(error);
  }

  override componentDidUpdate(prevProps: TaskGroupBoundaryProps, prevState: State): void {
    const { caught } = this.state;
    // As react-error-boundary: keys that change in the update that caught the error do not reset.
    if (caught && prevState.caught && keysChanged(prevProps.resetKeys, this.props.resetKeys)) {
      this.props.onReset?.({
        reason: "keys",
        prev: prevProps.resetKeys,
        next: this.props.resetKeys,
      });
      this.#clear();
    }
  }

  override componentWillUnmount(): void {
    this.#unsubscribe?.();
  }

  resetErrorBoundary = (...args: unknown[]): void => {
    if (!this.state.caught) return;
    this.props.onReset?.({ reason: "imperative-api", args });
    this.#clear();
  };

  /** For `useTaskGroupBoundary`: one object for the boundary's life, so consumers never re-render. */
  #context: BoundaryContextValue = { resetErrorBoundary: this.resetErrorBoundary };

  override render(): ReactNode {
    return createElement(BoundaryContext.Provider, { value: this.#context }, this.#content());
  }

  #content(): ReactNode {
    const { caught, error, generation } = this.state;
    if (!caught) return createElement(Fragment, { key: generation }, this.props.children);
    const props: FallbackProps = {
      error,
      errors: failuresOf(error),
      resetErrorBoundary: this.resetErrorBoundary,
    };
    this.#shown = props.errors.length;
    const { fallback, fallbackRender, FallbackComponent } = this.props;
    if (typeof fallbackRender === "function") return fallbackRender(props);
    if (FallbackComponent) return createElement(FallbackComponent, props);
    if (fallback !== undefined) return fallback;
    return createElement(DefaultFallback, props);
  }

  #clear(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.setState((state) => ({ caught: false, error: null, generation: state.generation + 1 }));
  }

  /** A group still settling adds failures to the error it threw: show them as they arrive. */
  #follow(error: unknown): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    const group = groupOfError(error);
    if (!group) return;
    const check = () => {
      const snapshot = group.getSnapshot();
      const count = snapshot.error?.errors.length ?? 0;
      // Compared with what the fallback last rendered, not with the count when we subscribed.
      if (this.state.error === error && count !== this.#shown) {
        this.forceUpdate();
      }
      if (snapshot.running + snapshot.queued === 0) {
        this.#unsubscribe?.();
        this.#unsubscribe = undefined;
      }
    };
    this.#unsubscribe = group.subscribe(check);
    check();
  }
}
