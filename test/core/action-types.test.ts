/** Type-level tests of actions: checked by `tsc --noEmit`; at run time `expectTypeOf` does nothing. */
import {
  type Action,
  type ActionSnapshot,
  createAction,
  type Run,
  TaskGroup,
} from "react-taskgroup/core";
import { describe, expect, expectTypeOf, it } from "vitest";

describe("action types", () => {
  it("infers the arguments and the value from the body", () => {
    const group = new TaskGroup();
    const action = createAction(group, async (scope, id: number, label: string) => {
      expectTypeOf(scope).toEqualTypeOf<TaskGroup>();
      return { id, label };
    });
    expectTypeOf(action).toEqualTypeOf<
      Action<[id: number, label: string], { id: number; label: string }>
    >();
    const run = action.run(1, "a");
    expectTypeOf(run.args).toEqualTypeOf<[id: number, label: string]>();
    expectTypeOf(run.dropped).toEqualTypeOf<boolean>();
    expectTypeOf(run.attempts).toEqualTypeOf<number>();
    expectTypeOf(run.value).toEqualTypeOf<{ id: number; label: string } | undefined>();
    // @ts-expect-error: the arguments are checked
    action.run("1", "a").cancel();
    group.cancel();
  });

  it("makes a run awaitable to its value and narrows on status", async () => {
    const group = new TaskGroup();
    const run: Run<[], number> = createAction(group, () => 1).run();
    expectTypeOf(await run).toEqualTypeOf<number>();
    if (run.status === "fulfilled") expectTypeOf(run.value).toEqualTypeOf<number>();
  });

  it("types the snapshot", () => {
    const action = createAction(new TaskGroup(), (_scope, q: string) => q.length);
    expectTypeOf(action.getSnapshot()).toEqualTypeOf<ActionSnapshot<[q: string], number>>();
    expectTypeOf(action.getSnapshot().value).toEqualTypeOf<number | undefined>();
    expectTypeOf(action.getSnapshot().last).toEqualTypeOf<Run<[q: string], number> | undefined>();
  });

  it("accepts only the four policies", () => {
    const group = new TaskGroup();
    createAction(group, () => 1, { policy: "restart", limit: 2, timeout: 10, retry: 2 });
    // @ts-expect-error: not a policy (and refused at run time too)
    expect(() => createAction(group, () => 1, { policy: "switch" })).toThrow(TypeError);
    group.cancel();
  });
});
