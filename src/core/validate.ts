/** @internal Short description of a value for error messages: its type, and its value when small. */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "string")
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") {
    return String(value);
  }
  if (typeof value === "function") return "a function";
  if (typeof value === "undefined") return "undefined";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : typeof value;
}

/** @internal Throws a `TypeError` unless `value` is a function. */
export function checkFunction(value: unknown, where: string, what: string): void {
  if (typeof value !== "function") {
    throw new TypeError(`${where}: ${what} must be a function, got ${describe(value)}`);
  }
}

/** @internal Throws unless `options` is undefined or a plain object. */
export function checkOptions(options: unknown, where: string): void {
  if (options !== undefined && (typeof options !== "object" || options === null)) {
    throw new TypeError(`${where}: options must be an object, got ${describe(options)}`);
  }
}

/** @internal `timeout` must be undefined or a number ≥ 0 (Infinity allowed: no deadline). */
export function checkTimeout(value: unknown, where: string): void {
  if (value === undefined) return;
  if (typeof value !== "number") {
    throw new TypeError(
      `${where}: timeout must be a number of milliseconds, got ${describe(value)}`,
    );
  }
  if (Number.isNaN(value) || value < 0) {
    throw new RangeError(`${where}: timeout must be a number ≥ 0, got ${value}`);
  }
}

/** @internal `limit` must be undefined or a positive integer. */
export function checkLimit(value: unknown, where: string): void {
  if (value === undefined) return;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    const got = typeof value === "number" ? String(value) : describe(value);
    throw new RangeError(`${where}: limit must be a positive integer, got ${got}`);
  }
}

/** @internal `name` must be undefined or a string. */
export function checkName(value: unknown, where: string): void {
  if (value !== undefined && typeof value !== "string") {
    throw new TypeError(`${where}: name must be a string, got ${describe(value)}`);
  }
}

/** @internal `signal` must be undefined or an AbortSignal. */
export function checkSignal(value: unknown, where: string): void {
  if (value !== undefined && !(value instanceof AbortSignal)) {
    throw new TypeError(`${where}: signal must be an AbortSignal, got ${describe(value)}`);
  }
}

/** @internal `failFast` must be undefined or a boolean. */
export function checkBoolean(value: unknown, where: string, what: string): void {
  if (value !== undefined && typeof value !== "boolean") {
    throw new TypeError(`${where}: ${what} must be a boolean, got ${describe(value)}`);
  }
}

/**
 * @internal `setTimeout` takes a signed 32-bit delay and fires at once past it; a longer
 * deadline is as good as none for a UI, so we schedule nothing.
 */
export const MAX_DELAY = 2_147_483_647;
