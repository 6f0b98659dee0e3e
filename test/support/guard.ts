/**
 * The guard every test runs under: it fails a test on any unhandled promise rejection and on any
 * console error or warning (React's act, unmounted-update and key warnings arrive that way) that
 * the test did not declare with {@link expectConsole}.
 */
import { afterEach, beforeEach, vi } from "vitest";

type Level = "error" | "warn";
interface Expectation {
  level: Level;
  pattern: RegExp;
  seen: number;
}

let expectations: Expectation[] = [];
let unexpected: string[] = [];
let rejections: unknown[] = [];

/**
 * Declares console output this test expects (React 19 logs errors caught by a boundary, say).
 * Matching calls are silenced; the test fails if an expectation was never met.
 */
export function expectConsole(level: Level, pattern: RegExp): void {
  expectations.push({ level, pattern, seen: 0 });
}

function text(args: unknown[]): string {
  return args
    .map((arg) => (arg instanceof Error ? `${arg.name}: ${arg.message}` : String(arg)))
    .join(" ");
}

function intercept(level: Level) {
  return (...args: unknown[]) => {
    const message = text(args);
    const match = expectations.find((e) => e.level === level && e.pattern.test(message));
    if (match) match.seen++;
    else unexpected.push(`console.${level}: ${message}`);
  };
}

/** @internal Records an unhandled rejection against the running test. */
export function recordRejection(reason: unknown): void {
  rejections.push(reason);
}

beforeEach(() => {
  expectations = [];
  unexpected = [];
  rejections = [];
  vi.spyOn(console, "error").mockImplementation(intercept("error"));
  vi.spyOn(console, "warn").mockImplementation(intercept("warn"));
});

afterEach(async () => {
  vi.useRealTimers();
  // Rejections are reported after the microtask queue drains: let one macrotask pass.
  await new Promise((resolve) => setTimeout(resolve, 0));
  vi.restoreAllMocks();
  const problems = [...unexpected];
  for (const reason of rejections) {
    problems.push(`unhandled rejection: ${text([reason])}`);
  }
  for (const e of expectations) {
    if (e.seen === 0) problems.push(`expected console.${e.level} matching ${e.pattern}, saw none`);
  }
  if (problems.length > 0) throw new Error(`Test guard:\n- ${problems.join("\n- ")}`);
});
