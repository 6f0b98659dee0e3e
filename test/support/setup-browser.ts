import { afterEach, beforeEach, vi } from "vitest";
import { expectConsole, recordRejection } from "./guard.js";

window.addEventListener("unhandledrejection", (event) => recordRejection(event.reason));

/**
 * Console output a story declares it causes, as `parameters.expectedConsole`: React logs every
 * error an error boundary catches, so a story that shows a boundary's fallback says so, e.g.
 * `{ error: [/error boundary you provided, TaskGroupBoundary/] }`. The guard then silences the
 * matching calls and fails the story if they never came; any other output still fails it.
 */
type Level = "error" | "warn";
type ExpectedConsole = Partial<Record<Level, readonly RegExp[]>>;
interface StoryContext {
  story?: { parameters?: { expectedConsole?: ExpectedConsole } };
}

let declare: (() => void) | undefined;

// Runs after the guard's own beforeEach (hooks run in the order they were registered), so the
// console spies it installed exist; @storybook/addon-vitest sets `context.story` when the test
// starts, before the story renders.
beforeEach((context) => {
  let declared = false;
  declare = () => {
    if (declared) return;
    const story = (context as StoryContext).story;
    if (!story) return;
    declared = true;
    const expected = story.parameters?.expectedConsole ?? {};
    for (const level of ["error", "warn"] as const) {
      for (const pattern of expected[level] ?? []) expectConsole(level, pattern);
    }
  };
  for (const level of ["error", "warn"] as const) {
    const spy = vi.mocked(console[level]);
    const guard = spy.getMockImplementation();
    spy.mockImplementation((...args: unknown[]) => {
      declare?.();
      guard?.(...args);
    });
  }
});

// Runs before the guard's afterEach (after-hooks run in reverse), so an expectation the story
// declared but never met is reported by the guard.
afterEach(() => {
  declare?.();
  declare = undefined;
});
