import { screen } from "@testing-library/react";
import * as React from "react";
import { Suspense } from "react";
import {
  CancelledError,
  type FallbackProps,
  readTask,
  type Task,
  TaskGroup,
  TaskGroupBoundary,
  TaskGroupError,
} from "react-taskgroup";
import { describe, expect, it } from "vitest";
import {
  deferred,
  expectCaught,
  isReact19,
  keep,
  modes,
  mount,
  step,
  tally,
  untilAborted,
  wrap,
} from "./helpers.js";

// React 19's `use`, absent from React 18 (whose types are not the ones installed).
const use = (React as unknown as { use?: <T>(thenable: PromiseLike<T>) => T }).use;

const seen: { fallback?: FallbackProps; renders: number } = { renders: 0 };

function Reader({ task, viaUse }: { task: Task<string>; viaUse?: boolean }) {
  tally(seen, "renders");
  const value = viaUse && use ? use(task) : readTask(task);
  return <p>value: {value}</p>;
}

function Fallback(props: FallbackProps) {
  keep(seen, "fallback", props);
  return <p role="alert">{String(props.error)}</p>;
}

function Tree({ task, viaUse }: { task: Task<string>; viaUse?: boolean }) {
  return (
    <TaskGroupBoundary FallbackComponent={Fallback}>
      <Suspense fallback={<p>loading</p>}>
        <Reader task={task} viaUse={viaUse ?? false} />
      </Suspense>
    </TaskGroupBoundary>
  );
}

describe.each(modes)("readTask (%s)", (_, Mode) => {
  it("returns the value of a fulfilled task without suspending", async () => {
    const task = new TaskGroup().spawn(() => "ready");
    await step(() => task);
    await mount(wrap(Mode, <Tree task={task} />));
    expect(screen.getByText("value: ready")).toBeInTheDocument();
    expect(screen.queryByText("loading")).toBeNull();
  });

  it("suspends until the task settles, then renders its value", async () => {
    const gate = deferred<string>();
    const task = new TaskGroup().spawn(() => gate.promise);
    await mount(wrap(Mode, <Tree task={task} />));
    expect(screen.getByText("loading")).toBeInTheDocument();
    await step(() => gate.resolve("late"));
    expect(await screen.findByText("value: late")).toBeInTheDocument();
  });

  it("throws a failed task's error, named after its task for the boundary", async () => {
    expectCaught(/disk full/);
    const gate = deferred<string>();
    const task = new TaskGroup().spawn(() => gate.promise, { name: "save" });
    await mount(wrap(Mode, <Tree task={task} />));
    const error = new Error("disk full");
    await step(() => gate.reject(error));
    expect(await screen.findByRole("alert")).toHaveTextContent("disk full");
    expect(seen.fallback?.error).toBe(error);
    expect(seen.fallback?.errors).toEqual([{ error, task: "save" }]);
  });

  it("throws the group's TaskGroupError for a task cancelled because its group failed", async () => {
    expectCaught(/TaskGroup failed|upstream/);
    const group = new TaskGroup({ name: "page" });
    const slow = group.spawn((signal) => untilAborted(signal), { name: "slow" });
    const fail = deferred<never>();
    group.spawn(() => fail.promise, { name: "bad" });
    await mount(wrap(Mode, <Tree task={slow as Task<string>} />));
    await step(() => fail.reject(new Error("upstream")));
    expect(await screen.findByRole("alert")).toHaveTextContent("page failed with 1 error");
    expect(slow.reason).toBeInstanceOf(CancelledError);
    expect(seen.fallback?.error).toBeInstanceOf(TaskGroupError);
    expect(seen.fallback?.error).toBe(group.getSnapshot().error);
    expect(seen.fallback?.errors.map((failure) => failure.task)).toEqual(["bad"]);
  });

  it("throws the CancelledError of a task cancelled on its own", async () => {
    expectCaught(/AbortError|cancelled/);
    const task = new TaskGroup().spawn((signal) => untilAborted(signal), { name: "one" });
    await mount(wrap(Mode, <Tree task={task as Task<string>} />));
    await step(() => task.cancel("not needed"));
    expect(await screen.findByRole("alert")).toHaveTextContent("AbortError");
    expect(seen.fallback?.error).toBeInstanceOf(CancelledError);
  });

  it.runIf(isReact19)("lets React 19's use(task) read a task directly", async () => {
    const gate = deferred<string>();
    const task = new TaskGroup().spawn(() => gate.promise);
    await mount(wrap(Mode, <Tree task={task} viaUse />));
    expect(screen.getByText("loading")).toBeInTheDocument();
    await step(() => gate.resolve("from use"));
    expect(await screen.findByText("value: from use")).toBeInTheDocument();
  });

  it.runIf(isReact19)("lets use(task) throw a failed task's own error", async () => {
    expectCaught(/broken/);
    const gate = deferred<string>();
    const task = new TaskGroup().spawn(() => gate.promise);
    await mount(wrap(Mode, <Tree task={task} viaUse />));
    const error = new Error("broken");
    await step(() => gate.reject(error));
    expect(await screen.findByRole("alert")).toHaveTextContent("broken");
    expect(seen.fallback?.error).toBe(error);
  });
});

describe("readTask outside a component", () => {
  it("reads a settled task: its value, or its failure thrown", async () => {
    const group = new TaskGroup();
    const ok = group.spawn(() => 1);
    const bad = new TaskGroup().spawn(() => Promise.reject(new Error("no")));
    await step(() => Promise.allSettled([ok, bad]));
    expect(readTask(ok)).toBe(1);
    expect(() => readTask(bad)).toThrow("no");
  });

  it("rejects what is not a task with a TypeError", () => {
    expect(() => readTask(Promise.resolve(1) as unknown as Task<number>)).toThrow(TypeError);
  });
});
