import { checkRetry, type Retry } from "./retry.js";
import type { ActionOptions, Policy } from "./types.js";
import { checkOptions, isPositiveInteger, MS, type Rule, STRING } from "./validate.js";

const POLICIES: readonly unknown[] = ["enqueue", "drop", "restart", "keepLatest"];

const ACTION_OPTIONS: Record<string, Rule> = {
  name: STRING,
  policy: [
    (value) => POLICIES.includes(value),
    'one of "enqueue", "drop", "restart", "keepLatest"',
  ],
  // `Infinity` is allowed here (no limit), unlike a group's `limit`.
  limit: [
    (value) => value === Number.POSITIVE_INFINITY || isPositiveInteger(value),
    "a positive integer",
    true,
  ],
  timeout: MS,
};

/** @internal Action options once checked, with their defaults. */
export interface ActionSettings {
  readonly name: string | undefined;
  readonly policy: Policy;
  readonly limit: number;
  readonly timeout: number | undefined;
  readonly retry: Retry | undefined;
}

/**
 * @internal Checks {@link ActionOptions} at the call that passed them, naming the option in a
 * `TypeError` (wrong type, a `policy` not one of the four) or a `RangeError` (a `limit` that is
 * not a positive integer or `Infinity`, a negative or NaN `timeout`, bad `retry` numbers).
 * `where` names the caller in the message: `createAction` or `useAction`.
 */
export function checkActionOptions(options: unknown, where = "createAction"): ActionSettings {
  checkOptions(options, where, ACTION_OPTIONS);
  const given = (options ?? {}) as ActionOptions;
  const policy = given.policy;
  if (given.retry !== undefined) checkRetry(given.retry, where);
  return {
    name: given.name,
    policy: policy ?? "enqueue",
    limit: given.limit ?? (policy === undefined ? Number.POSITIVE_INFINITY : 1),
    timeout: given.timeout,
    retry: given.retry,
  };
}
