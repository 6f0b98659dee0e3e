import { screen } from "@testing-library/react";
import { StrictMode, Suspense } from "react";
import {
  type FallbackProps,
  readTasks,
  type Task,
  TaskGroup,
  TaskGroupBoundary,
  TaskGroupError,
} from "react-taskgroup";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  deferred,
  expectCaught,
  flush,
  keep,
  modes,
  mount,
  Probe,
  step,
  tally,
  wrap,
} from "./helpers.js";

const seen: { fallback?: FallbackProps; renders: number; fallbacks: number } = {
  renders: 0,
  fallbacks: 0,
};

function Pair({ tasks }: { tasks: readonly [Task<string>, Task<number>] }) {
  tally(seen, "renders");
  const [name, age] = readTasks(tasks);
  return (
    <p>
      {name} is {age}
    </p>
  );
}

function Loading() {
  tally(seen, "fallbacks");
  return <p>loading</p>;
}

function Fallback(props: FallbackProps) {
  keep(seen, "fallback", props);
  return <p role="alert">{String(props.error)}</p>;
}

function Tree({ tasks }: { tasks: readonly [Task<string>, Task<number>] }) {
  return (
    <TaskGroupBoundary FallbackComponent={Fallback}>
      <Suspense fallback={<Loading />}>
        <Pair tasks={tasks} />
      </Suspense>
    </TaskGroupBoundary>
  );
}

function reset() {
  seen.renders = 0;
  seen.fallbacks = 0;
  delete seen.fallback;
}

describe.each(modes)("readTasks (%s)", (_, Mode) => {
  const perRender = Mode === StrictMode ? 2 : 1;

  it("suspends once for all the tasks and returns their values in order", async () => {
    reset();
    const group = new TaskGroup();
    const name = deferred<string>();
    const age = deferred<number>();
    const tasks = [group.spawn(() => name.promise), group.spawn(() => age.promise)] as const;
    await mount(wrap(Mode, <Tree tasks={tasks} />));
    expect(screen.getByText("loading")).toBeInTheDocument();
    const afterMount = seen.renders;
    await step(() => age.resolve(36));
    await flush();
    // One settled, one pending: nobody woke the reader up.
    expect(seen.renders).toBe(afterMount);
    await step(() => name.resolve("Ada"));
    expect(await screen.findByText("Ada is 36")).toBeInTheDocument();
    expect(seen.renders - afterMount).toBeLessThanOrEqual(perRender);
    expect(seen.fallbacks).toBeLessThanOrEqual(perRender);
  });

  it("reads settled tasks without suspending", async () => {
    reset();
    const group = new TaskGroup();
    const tasks = [group.spawn(() => "Grace"), group.spawn(() => 85)] as const;
    await step(() => Promise.all(tasks));
    await mount(wrap(Mode, <Tree tasks={tasks} />));
    expect(screen.getByText("Grace is 85")).toBeInTheDocument();
    expect(seen.fallbacks).toBe(0);
  });

  it("throws as soon as one fails, without waiting for the rest, and cancels them", async () => {
    expectCaught(/timeout/);
    reset();
    // failFast off: the cancellation of the slow one comes from readTasks, not the group.
    const group = new TaskGroup({ failFast: false });
    const probe = new Probe();
    const fail = deferred<number>();
    const slow = group.spawn(probe.fn(deferred<string>(), "slow"));
    const tasks = [slow, group.spawn(() => fail.promise, { name: "age" })] as const;
    await mount(wrap(Mode, <Tree tasks={tasks} />));
    const error = new Error("timeout");
    await step(() => fail.reject(error));
    expect(await screen.findByRole("alert")).toHaveTextContent("timeout");
    expect(seen.fallback?.error).toBe(error);
    expect(seen.fallback?.errors).toEqual([{ error, task: "age" }]);
    expect(probe.aborts).toBe(1);
    expect(slow.cancelled).toBe(true);
  });

  it("throws the group's error when a task was cancelled because its group failed", async () => {
    expectCaught(/TaskGroup failed|refused/);
    reset();
    const group = new TaskGroup();
    const probe = new Probe();
    const fail = deferred<never>();
    const tasks = [
      group.spawn(probe.fn(deferred<string>())),
      group.spawn(probe.fn(deferred<number>())),
    ] as const;
    group.spawn(() => fail.promise, { name: "auth" });
    await mount(wrap(Mode, <Tree tasks={tasks} />));
    await step(() => fail.reject(new Error("refused")));
    expect(await screen.findByRole("alert")).toHaveTextContent("TaskGroup failed with 1 error");
    expect(seen.fallback?.error).toBeInstanceOf(TaskGroupError);
    expect(seen.fallback?.errors.map((failure) => failure.task)).toEqual(["auth"]);
  });
});

describe("readTasks outside a component", () => {
  it("returns an empty array for no tasks", () => {
    expect(readTasks([])).toEqual([]);
  });

  it("rejects what is not an array of tasks with a TypeError", () => {
    expect(() => readTasks("nope" as unknown as Task<unknown>[])).toThrow(TypeError);
    expect(() => readTasks([Promise.resolve(1)] as unknown as Task<unknown>[])).toThrow(TypeError);
  });

  it("infers a tuple of values from a tuple of tasks", () => {
    const read = (tasks: readonly [Task<string>, Task<number>]) => readTasks(tasks);
    expectTypeOf(read).returns.toEqualTypeOf<[string, number]>();
  });
});
