import { checkRetry, type Retry } from "./retry.js";
import type { ActionOptions, Policy } from "./types.js";
import { checkOptions, describe } from "./validate.js";

const POLICIES: readonly string[] = ["enqueue", "drop", "restart", "keepLatest"];

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
  const given = (options ?? {}) as ActionOptions;
  // `Infinity` is allowed here (no limit), unlike a group's `limit`.
  const limited = given.limit === Number.POSITIVE_INFINITY;
  checkOptions(limited ? { ...given, limit: undefined } : options, where, [
    "name",
    "limit",
    "timeout",
  ]);
  const policy = given.policy;
  if (policy !== undefined && !POLICIES.includes(policy))
    throw new TypeError(
      `${where}: policy must be one of "enqueue", "drop", "restart", "keepLatest", got ${describe(policy)}`,
    );
  return {
    name: given.name,
    policy: policy ?? "enqueue",
    limit: given.limit ?? (policy === undefined ? Number.POSITIVE_INFINITY : 1),
    timeout: given.timeout,
    retry: checkedRetry(given.retry, where),
  };
}

function checkedRetry(retry: Retry | undefined, where: string): Retry | undefined {
  if (retry !== undefined) checkRetry(retry, where);
  return retry;
}
