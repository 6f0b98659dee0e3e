import type { Policy } from "./types.js";

/**
 * @internal What a new run does, decided from the policy and the action's state alone:
 * - `start`: a slot is free: its body runs now;
 * - `wait`: it joins the FIFO queue;
 * - `drop`: it is refused (settled at once as cancelled and dropped);
 * - `cancel-oldest`: the oldest running run is cancelled (its slot frees at once), then it starts;
 * - `displace`: the run waiting is dropped and the new one waits in its place.
 */
export type Decision = "start" | "wait" | "drop" | "cancel-oldest" | "displace";

/**
 * @internal The scheduler's one decision, a pure function so that it can be tested as a table
 * (after ember-concurrency's scheduler policies). `running` counts runs holding a slot (cancelled
 * ones still unwinding do not); `waiting` counts queued runs.
 */
export function decide(policy: Policy, limit: number, running: number, waiting: number): Decision {
  // A free slot starts the run, unless others wait for it first (FIFO).
  if (running < limit && waiting === 0) return "start";
  if (policy === "drop") return "drop";
  if (policy === "restart") return "cancel-oldest";
  if (policy === "keepLatest" && waiting > 0) return "displace";
  return "wait";
}
