import type { ErrorMatcher, Task } from "./types.js";

/** Errors and the tasks that threw them, index by index. */
type Parts = [unknown[], (Task<unknown> | undefined)[]];

/**
 * @internal Rewrites a group error's message and stack after its group logged a failure (see
 * `FailureLog`). Set by the class's static block; not exported from the package.
 */
export let refreshError: (error: TaskGroupError) => void;

function isClassMatcher(match: ErrorMatcher): match is new (...args: never[]) => unknown {
  const proto: unknown = (match as { prototype?: unknown }).prototype;
  if (proto === Error.prototype || proto instanceof Error) return true;
  // A class that does not extend Error cannot be called as a predicate, so match it by instanceof.
  return proto !== undefined && Function.prototype.toString.call(match).startsWith("class");
}

function toPredicate(match: ErrorMatcher): (error: unknown) => boolean {
  if (typeof match !== "function") {
    throw new TypeError("TaskGroupError: a matcher must be an error class or a predicate function");
  }
  if (isClassMatcher(match)) return (error) => error instanceof match;
  return match as (error: unknown) => boolean;
}

/**
 * Every failure of a task group, together: the analogue of Python's `ExceptionGroup`. It is an
 * `AggregateError` whose `errors` are the thrown values themselves, in the order they happened
 * (the body's own throw last), with `tasks[i]` the task that threw `errors[i]` (undefined: the
 * body). A child group's `TaskGroupError` stays one nested member.
 *
 * While its group is still settling, the same object grows as failures arrive; once the group has
 * settled it is frozen.
 *
 * @example
 * ```ts
 * try { await TaskGroup.run(load); } catch (e) {
 *   if (!(e instanceof TaskGroupError)) throw e;
 *   const [timeouts, rest] = e.split(TimeoutError); // like `except* TimeoutError`
 *   if (rest) throw rest;
 * }
 * ```
 */
export class TaskGroupError extends AggregateError {
  declare readonly errors: unknown[];
  /** `tasks[i]` threw `errors[i]`; undefined where the group's body threw. */
  declare readonly tasks: (Task<unknown> | undefined)[];
  #groupName: string;
  /** The stack's frames, once read; the stack this error last wrote. */
  #frames: string | undefined;
  #written: string | undefined;

  constructor(
    errors: unknown[],
    tasks: (Task<unknown> | undefined)[] = errors.map(() => undefined),
    options?: { groupName?: string; cause?: unknown },
  ) {
    super([], undefined, options?.cause === undefined ? undefined : { cause: options.cause });
    this.#groupName = options?.groupName ?? "TaskGroup";
    this.name = "TaskGroupError";
    // AggregateError copies its errors; we keep the group's own arrays so the error grows with it.
    Object.defineProperties(this, {
      errors: { value: errors, configurable: true },
      tasks: { value: tasks, configurable: true },
    });
    this.#refresh();
  }

  static {
    refreshError = (error) => error.#refresh();
  }

  /**
   * Recomputes `message`, and the first line of `stack`, from the errors so far. Both are plain
   * data properties, rewritten as failures arrive: a console's preview of an error (Chromium's)
   * reads them without running any getter of ours, and `util.inspect` prints the stack.
   */
  #refresh(): void {
    const message = describeFailures(this.#groupName, this.errors);
    Object.defineProperty(this, "message", {
      value: message,
      writable: true,
      configurable: true,
      enumerable: false,
    });
    if (this.errors.length === 0) return;
    const stack: unknown = this.stack;
    if (typeof stack !== "string") return;
    if (this.#frames === undefined) {
      // V8's stack: a header (name and message when it was formatted), then "    at" frames.
      // Engines that print no header (Firefox, Safari) show the message apart: leave theirs.
      const at = stack.indexOf("\n    at ");
      if (at < 0) return;
      this.#frames = stack.slice(at);
    } else if (stack !== this.#written) {
      return; // someone (a framework) assigned its own stack: keep it
    }
    this.#written = `${this.name}: ${message}${this.#frames}`;
    this.stack = this.#written;
  }

  /**
   * Splits into `[match, rest]` like Python's `ExceptionGroup.split`: errors the matcher selects
   * go to the first group, the others to the second, nested groups split recursively with their
   * structure kept. Either side is undefined when empty. When the group itself matches, the
   * result is `[this, undefined]`.
   */
  split(match: ErrorMatcher): [TaskGroupError | undefined, TaskGroupError | undefined] {
    return this.#split(toPredicate(match));
  }

  /** The part of this group that `match` selects (`split(match)[0]`), like `except*` binds. */
  subgroup(match: ErrorMatcher): TaskGroupError | undefined {
    return this.#split(toPredicate(match))[0];
  }

  /**
   * Every error, nested groups flattened depth-first, in order. An error object that appears more
   * than once (a nested group's body rethrew a failure this group also recorded) is listed once,
   * where it first appears; equal primitives thrown by different tasks are all kept.
   */
  leaves(): unknown[] {
    const out: unknown[] = [];
    const seen = new Set<unknown>();
    const visit = (group: TaskGroupError): void => {
      for (const error of group.errors) {
        if (error instanceof TaskGroupError) visit(error);
        else if (typeof error !== "object" || error === null) out.push(error);
        else if (!seen.has(error)) {
          seen.add(error);
          out.push(error);
        }
      }
    };
    visit(this);
    return out;
  }

  #split(
    predicate: (error: unknown) => boolean,
  ): [TaskGroupError | undefined, TaskGroupError | undefined] {
    if (predicate(this)) return [this, undefined];
    const matched: Parts = [[], []];
    const rest: Parts = [[], []];
    const add = ([errors, tasks]: Parts, error: unknown, task: Task<unknown> | undefined) => {
      errors.push(error);
      tasks.push(task);
    };
    this.errors.forEach((error, i) => {
      const task = this.tasks[i];
      if (error instanceof TaskGroupError) {
        const [m, r] = error.#split(predicate);
        if (m) add(matched, m, task);
        if (r) add(rest, r, task);
      } else {
        add(predicate(error) ? matched : rest, error, task);
      }
    });
    return [this.#derive(matched), this.#derive(rest)];
  }

  #derive([errors, tasks]: Parts): TaskGroupError | undefined {
    if (errors.length === 0) return undefined;
    if (errors.length === this.errors.length && errors.every((e, i) => e === this.errors[i])) {
      return this;
    }
    const options = { groupName: this.#groupName, cause: this.cause };
    return new TaskGroupError(
      Object.freeze(errors) as unknown[],
      Object.freeze(tasks) as never,
      options,
    );
  }
}

function describeFailures(groupName: string, errors: readonly unknown[]): string {
  const count = errors.length;
  const first = errors[0];
  const firstText = first instanceof Error ? `${first.name}: ${first.message}` : String(first);
  return `${groupName} failed with ${count} error${count === 1 ? "" : "s"}${count ? `; first: ${firstText}` : ""}`;
}
