/**
 * A group that failed may still be settling when its error reaches the boundary: tasks that
 * ignore their signal, or whose cleanup throws, add failures later. The fallback shows the
 * failures collected so far and updates as more arrive.
 */
import { screen, within } from "@testing-library/react";
import { Suspense } from "react";
import {
  type FallbackProps,
  readTask,
  type Task,
  TaskGroupBoundary,
  type TaskGroupHandle,
  useTaskGroup,
  useTasks,
} from "react-taskgroup";
import { describe, expect, it } from "vitest";
import {
  type Deferred,
  deferred,
  expectCaught,
  flush,
  keep,
  modes,
  mount,
  step,
  untilAborted,
  wrap,
} from "./helpers.js";

function Owner({ box, failFast }: { box: { handle?: TaskGroupHandle }; failFast: boolean }) {
  keep(box, "handle", useTaskGroup({ failFast }));
  return <p>owner</p>;
}

function names(): string[] {
  const list = within(screen.getByRole("alert")).getByRole("list");
  return within(list)
    .getAllByRole("listitem")
    .map((item) => item.textContent ?? "");
}

/** A task whose cleanup, once its signal aborts, waits for `gate` and then throws. */
function throwsOnCleanup(gate: Deferred<void>) {
  return (signal: AbortSignal) =>
    untilAborted(signal).catch(async () => {
      await gate.promise;
      throw new Error("cleanup failed");
    });
}

describe.each(modes)("TaskGroupBoundary while the group settles (%s)", (_, Mode) => {
  it("adds failures that arrive after the first one (failFast: false)", async () => {
    expectCaught(/TaskGroup failed/);
    const box: { handle?: TaskGroupHandle } = {};
    await mount(
      wrap(
        Mode,
        <TaskGroupBoundary>
          <Owner box={box} failFast={false} />
        </TaskGroupBoundary>,
      ),
    );
    const late = deferred<never>();
    await step(() => {
      // Ignores its signal: it will fail even after the owner unmounts and cancels it.
      box.handle?.spawn(() => late.promise, { name: "stubborn" });
      box.handle?.spawn(() => Promise.reject(new Error("first")), { name: "quick" });
    });
    expect(names()).toEqual(["quick: first"]);
    await step(() => late.reject(new Error("second")));
    expect(names()).toEqual(["quick: first", "stubborn: second"]);
  });

  it("adds a failure thrown by a task's cleanup after the first failure", async () => {
    expectCaught(/TaskGroup failed/);
    const box: { handle?: TaskGroupHandle } = {};
    await mount(
      wrap(
        Mode,
        <TaskGroupBoundary>
          <Owner box={box} failFast />
        </TaskGroupBoundary>,
      ),
    );
    const cleanup = deferred();
    await step(() => {
      box.handle?.spawn(throwsOnCleanup(cleanup), { name: "upload" });
      box.handle?.spawn(() => Promise.reject(new Error("quota")), { name: "save" });
    });
    expect(names()).toEqual(["save: quota"]);
    await step(() => cleanup.resolve());
    expect(names()).toEqual(["save: quota", "upload: cleanup failed"]);
  });

  it("follows the group behind a reader's TaskGroupError too", async () => {
    expectCaught(/TaskGroup failed|useTasks failed/);
    const cleanup = deferred();
    const fail = deferred<never>();
    await mount(
      wrap(
        Mode,
        <TaskGroupBoundary>
          <Loads cleanup={cleanup} fail={fail} />
        </TaskGroupBoundary>,
      ),
    );
    await step(() => fail.reject(new Error("403")));
    expect(await screen.findByRole("alert")).toBeInTheDocument();
    expect(names()).toEqual(["bad: 403"]);
    await step(() => cleanup.resolve());
    expect(names()).toEqual(["bad: 403", "upload: cleanup failed"]);
  });

  it("stops following the old group after a reset", async () => {
    expectCaught(/TaskGroup failed/);
    const box: { handle?: TaskGroupHandle } = {};
    let reset: FallbackProps["resetErrorBoundary"] = () => {};
    const renders: number[] = [];
    await mount(
      wrap(
        Mode,
        <TaskGroupBoundary
          fallbackRender={(props) => {
            reset = props.resetErrorBoundary;
            renders.push(props.errors.length);
            return <p role="alert">{props.errors.length}</p>;
          }}
        >
          <Owner box={box} failFast={false} />
        </TaskGroupBoundary>,
      ),
    );
    const late = deferred<never>();
    await step(() => {
      box.handle?.spawn(() => late.promise);
      box.handle?.spawn(() => Promise.reject(new Error("first")));
    });
    await step(() => reset());
    const count = renders.length;
    await step(() => late.reject(new Error("after reset")));
    await flush();
    expect(renders.length).toBe(count);
    expect(screen.getByText("owner")).toBeInTheDocument();
  });
});

/** Loads three tasks; a child reads `other`, which the failure of `bad` cancels. */
function Loads({ cleanup, fail }: { cleanup: Deferred<void>; fail: Deferred<never> }) {
  const tasks = useTasks(
    (group) => ({
      other: group.spawn((signal) => untilAborted(signal), { name: "other" }),
      upload: group.spawn(throwsOnCleanup(cleanup), { name: "upload" }),
      bad: group.spawn(() => fail.promise, { name: "bad" }),
    }),
    [cleanup, fail],
  );
  return (
    <Suspense fallback={<p>loading</p>}>
      <Read task={tasks.other} />
    </Suspense>
  );
}

function Read({ task }: { task: Task<unknown> }) {
  readTask(task);
  return <p>loaded</p>;
}

it("shows the default fallback's count of failures as they grow", async () => {
  expectCaught(/TaskGroup failed/);
  const box: { handle?: TaskGroupHandle } = {};
  await mount(
    <TaskGroupBoundary>
      <Owner box={box} failFast={false} />
    </TaskGroupBoundary>,
  );
  const late = deferred<never>();
  await step(() => {
    box.handle?.spawn(() => late.promise, { name: "b" });
    box.handle?.spawn(() => Promise.reject(new Error("one")), { name: "a" });
  });
  expect(screen.getByRole("alert")).toHaveTextContent("1 task failed");
  await step(() => late.reject(new Error("two")));
  expect(screen.getByRole("alert")).toHaveTextContent("2 tasks failed");
});
