/** @internal How a bad value shows in an error message: small values as they are, else their kind. */
export function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null || typeof value !== "object")
    return typeof value === "function" ? "a function" : String(value);
  return Array.isArray(value) ? "an array" : "an object";
}

/** @internal Throws a `TypeError` unless `value` is a function. */
export function checkFunction(value: unknown, where: string, what: string): void {
  if (typeof value !== "function") {
    throw new TypeError(`${where}: ${what} must be a function, got ${describe(value)}`);
  }
}

/**
 * @internal `setTimeout` takes a signed 32-bit delay and fires at once past it; a longer
 * deadline is as good as none for a UI, so we schedule nothing.
 */
export const MAX_DELAY = 2_147_483_647;

type OptionKey = "name" | "signal" | "limit" | "timeout" | "failFast";

/** Each option's test, what it must be, and whether failing it is a range error. */
const RULES: Record<
  OptionKey,
  [test: (value: unknown) => boolean, expected: string, range: boolean]
> = {
  name: [(value) => typeof value === "string", "a string", false],
  signal: [(value) => value instanceof AbortSignal, "an AbortSignal", false],
  failFast: [(value) => typeof value === "boolean", "a boolean", false],
  limit: [(value) => Number.isInteger(value) && (value as number) >= 1, "a positive integer", true],
  // A number that fails the range (negative or NaN) is a range error: see checkOptions.
  timeout: [(value) => typeof value === "number", "a number ≥ 0", false],
};

/**
 * @internal Checks the options object and each of `keys` in it, so that bad input fails at the
 * call that passed it, naming the option: `TypeError` for a wrong type, `RangeError` for a number
 * out of range (`limit` a positive integer; `timeout` a number ≥ 0, `Infinity` allowed).
 */
export function checkOptions(options: unknown, where: string, keys: readonly OptionKey[]): void {
  if (options === undefined) return;
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`${where}: options must be an object, got ${describe(options)}`);
  }
  for (const key of keys) {
    const value = (options as Record<string, unknown>)[key];
    if (value === undefined) continue;
    let [test, expected, range] = RULES[key];
    if (test(value)) {
      if (key !== "timeout" || (value as number) >= 0) continue; // NaN is not ≥ 0
      range = true;
    }
    const message = `${where}: ${key} must be ${expected}, got ${describe(value)}`;
    throw range ? new RangeError(message) : new TypeError(message);
  }
}
