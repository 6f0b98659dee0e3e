import type { ErrorMatcher, Task } from "./types.js";

/** Errors and the tasks that threw them, index by index. */
type Parts = [unknown[], (Task<unknown> | undefined)[]];

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

  constructor(
    errors: unknown[],
    tasks: (Task<unknown> | undefined)[] = errors.map(() => undefined),
    options?: { groupName?: string; cause?: unknown },
  ) {
    super([], undefined, options?.cause === undefined ? undefined : { cause: options.cause });
    // The engine captured the stack with the header of the moment (no name, no message yet).
    const header = Error.prototype.toString.call(this);
    const captured: unknown = this.stack;
    this.#groupName = options?.groupName ?? "TaskGroup";
    this.name = "TaskGroupError";
    // AggregateError copies its errors; we keep the group's own arrays so the error grows with it.
    Object.defineProperties(this, {
      errors: { value: errors, configurable: true },
      tasks: { value: tasks, configurable: true },
      message: { configurable: true, get: () => describeFailures(this.#groupName, this.errors) },
      stack: stackProperty(this, captured, header),
    });
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

  /** Every error, nested groups flattened depth-first, in order. */
  leaves(): unknown[] {
    const out: unknown[] = [];
    for (const error of this.errors) {
      if (error instanceof TaskGroupError) out.push(...error.leaves());
      else out.push(error);
    }
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

/**
 * `stack` as an accessor whose first line is always the error's current `name: message`, since the
 * message grows with the group's failures after construction: consoles (Chromium's included) and
 * `util.inspect` print the stack, so a header fixed at construction would show no message at all.
 * Engines whose stacks carry no header (Firefox, Safari) keep theirs as it is. Assigning `stack`
 * (as frameworks do) replaces it, as on any error.
 */
function stackProperty(error: Error, captured: unknown, header: string): PropertyDescriptor {
  let assigned = false;
  let value: unknown;
  return {
    configurable: true,
    get() {
      if (assigned) return value;
      if (typeof captured !== "string" || !captured.startsWith(header)) return captured;
      // The captured header is one line (the message was empty): keep what follows it.
      const frames = captured.indexOf("\n");
      return Error.prototype.toString.call(error) + (frames < 0 ? "" : captured.slice(frames));
    },
    set(next: unknown) {
      assigned = true;
      value = next;
    },
  };
}

function describeFailures(groupName: string, errors: readonly unknown[]): string {
  const count = errors.length;
  const first = errors[0];
  const firstText = first instanceof Error ? `${first.name}: ${first.message}` : String(first);
  return `${groupName} failed with ${count} error${count === 1 ? "" : "s"}${count ? `; first: ${firstText}` : ""}`;
}
