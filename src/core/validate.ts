/** @internal How a bad value shows in an error message: small values as they are, else their kind. */
export function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null || typeof value !== "object")
    return typeof value === "function" ? "a function" : String(value);
  return Array.isArray(value) ? "an array" : "an object";
}

/**
 * @internal What a value must be: its test, the words for it in a message, and whether it is a
 * number rule (then a number that fails it is out of range: a `RangeError`, not a `TypeError`).
 */
export type Rule = readonly [test: (value: unknown) => boolean, expected: string, numeric?: true];

/**
 * @internal The one check behind every argument and option of the package: throws a `TypeError`
 * (or, for a number out of a number rule's range, a `RangeError`) at the call that passed the
 * value, naming the caller, what was wrong and the value: `TaskGroup.spawn: limit must be a
 * positive integer, got 1.5`.
 */
export function check(
  value: unknown,
  [test, expected, numeric]: Rule,
  where: string,
  what: string,
): void {
  if (test(value)) return;
  const message = `${where}: ${what} must be ${expected}, got ${describe(value)}`;
  throw numeric && typeof value === "number" ? new RangeError(message) : new TypeError(message);
}

// The rules the package's arguments and options share.
/** @internal A function: task functions, bodies, listeners, `retry.when`. */
export const FUNCTION: Rule = [(value) => typeof value === "function", "a function"];
/** @internal A string: `name`. */
export const STRING: Rule = [(value) => typeof value === "string", "a string"];
/** @internal A boolean: `failFast`, `jitter`, `throwOnError`. */
export const BOOLEAN: Rule = [(value) => typeof value === "boolean", "a boolean"];
/** @internal An `AbortSignal`: `signal`. */
export const SIGNAL: Rule = [(value) => value instanceof AbortSignal, "an AbortSignal"];
/** @internal Milliseconds: a number ≥ 0, `Infinity` allowed (NaN is not ≥ 0). */
export const MS: Rule = [(value) => typeof value === "number" && value >= 0, "a number ≥ 0", true];
/** @internal 1, 2, 3…: a group's `limit`. */
export const isPositiveInteger = (value: unknown): boolean =>
  Number.isInteger(value) && (value as number) >= 1;
/** @internal {@link isPositiveInteger} as a rule. */
export const POSITIVE_INTEGER: Rule = [isPositiveInteger, "a positive integer", true];

/** @internal Throws a `TypeError` unless `value` is a function. */
export function checkFunction(value: unknown, where: string, what: string): void {
  check(value, FUNCTION, where, what);
}

/**
 * @internal `setTimeout` takes a signed 32-bit delay and fires at once past it; a longer
 * deadline is as good as none for a UI, so we schedule nothing.
 */
export const MAX_DELAY = 2_147_483_647;

const OBJECT: Rule = [(value) => typeof value === "object" && value !== null, "an object"];

/**
 * @internal Checks an options object: that it is one (or undefined), and each option of `rules`
 * that it gives (an option given as `undefined` counts as absent).
 */
export function checkOptions(
  options: unknown,
  where: string,
  rules: Readonly<Record<string, Rule>>,
): void {
  if (options === undefined) return;
  check(options, OBJECT, where, "options");
  for (const key in rules) {
    const value = (options as Record<string, unknown>)[key];
    if (value !== undefined) check(value, rules[key] as Rule, where, key);
  }
}
