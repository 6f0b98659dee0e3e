/**
 * Small tools for the React tests: deferreds instead of sleeps, task bodies that honour their
 * signal, waits wrapped in `act`, and the StrictMode / plain wrappers every lifecycle test runs in.
 */
import { act, type RenderResult, render } from "@testing-library/react";
import { Fragment, type ReactNode, StrictMode, version } from "react";
import { onTestFinished } from "vitest";
import { type Deferred, gated } from "../support/async.js";
import { expectConsole } from "../support/guard.js";

export const isReact19 = Number.parseInt(version, 10) >= 19;

/** Both ways a tree is rendered: as is, and under StrictMode (double render, effect rehearsal). */
export const modes = [
  ["plain", Fragment],
  ["StrictMode", StrictMode],
] as const;

export type Mode = (typeof modes)[number][1];

export function wrap(Mode: Mode, children: ReactNode): ReactNode {
  return <Mode>{children}</Mode>;
}

export { type Deferred, deferred, gated, untilAborted } from "../support/async.js";

/**
 * Records every start and abort of the task functions it makes, so tests can check that nothing
 * ran for a thrown-away render and nothing outlived its scope.
 */
export class Probe {
  readonly signals: AbortSignal[] = [];
  readonly finished: string[] = [];

  get starts(): number {
    return this.signals.length;
  }
  get aborts(): number {
    return this.signals.filter((signal) => signal.aborted).length;
  }
  get live(): number {
    return this.starts - this.aborts - this.finished.length;
  }

  /** A task function that records its start and waits for `gate` (or its abort). */
  fn<T>(gate: Deferred<T>, label = "task") {
    return (signal: AbortSignal) => {
      this.signals.push(signal);
      return gated(gate)(signal).then((value) => {
        this.finished.push(label);
        return value;
      });
    };
  }
}

/** Lets `turns` macrotask turns pass inside `act`: group notifications arrive on one. */
export async function flush(turns = 3): Promise<void> {
  await act(async () => {
    for (let i = 0; i < turns; i++) await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

/**
 * Renders inside an awaited `act`, as trees that suspend need (React 19 warns otherwise). The
 * `rerender` it returns does the same.
 */
export async function mount(
  ui: ReactNode,
): Promise<RenderResult & { update(ui: ReactNode): Promise<void> }> {
  let result: RenderResult | undefined;
  await act(async () => {
    result = render(ui);
  });
  const rendered = result as RenderResult;
  const update = async (next: ReactNode) => {
    await act(async () => {
      rendered.rerender(next);
    });
  };
  return Object.assign(rendered, { update });
}

/**
 * Runs `fn` inside `act`, then lets notifications through. A promise `fn` returns is awaited; a
 * task it returns is not (tasks are thenables, and most tests settle them later).
 */
export async function step(fn: () => unknown): Promise<void> {
  await act(async () => {
    const result = fn();
    if (result instanceof Promise) await result;
  });
  await flush();
}

/**
 * Declares that this test makes a boundary catch an error whose text matches `message`. React 19
 * logs the caught error through console.error. React 18 (in development) rethrows it inside a
 * fake event, which jsdom reports on the window: cancelling that report, as done here, also tells
 * React 18 the error was handled, so it logs nothing.
 */
export function expectCaught(message: RegExp): void {
  if (isReact19) expectConsole("error", message);
  const cancel = (event: ErrorEvent) => event.preventDefault();
  window.addEventListener("error", cancel);
  onTestFinished(() => window.removeEventListener("error", cancel));
}

/**
 * Writes `value` into `target[key]` from a component's render, for the test to read. Written
 * inline, such a write (to a prop or a module variable) makes React Compiler bail out of the
 * component, and the compiled test projects would then run it uncompiled; behind a call, the
 * component is compiled as an app's would be.
 */
export function keep<T extends object, K extends keyof T>(target: T, key: K, value: T[K]): void {
  target[key] = value;
}

/** Adds one to `counter[key]` from a component's render (see {@link keep}). */
export function tally<K extends string>(counter: Record<K, number>, key: K): void {
  counter[key] += 1;
}
