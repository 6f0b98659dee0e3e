import { act } from "@testing-library/react";

export { type Deferred, deferred, gated } from "../support/async.js";

/** Runs `step` inside `act`, then lets timers and microtasks (the group's notifications) run. */
export async function step(fn: () => void | Promise<void> = () => {}): Promise<void> {
  await act(async () => {
    await fn();
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

/** Milliseconds to wait, inside `act`. */
export function sleep(ms: number): Promise<void> {
  return step(() => new Promise((resolve) => setTimeout(resolve, ms)));
}
