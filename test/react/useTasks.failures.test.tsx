/** Failures of useTasks work surface where the tasks are read, and a reset starts it again. */
import { act, screen } from "@testing-library/react";
import { Suspense } from "react";
import { readTask, type Task, TaskGroupBoundary, TaskGroupError, useTasks } from "react-taskgroup";
import { describe, expect, it } from "vitest";
import {
  type Deferred,
  deferred,
  expectCaught,
  flush,
  keep,
  modes,
  mount,
  Probe,
  step,
  untilAborted,
  wrap,
} from "./helpers.js";

function Show({ task }: { task: Task<string> }) {
  return <p>{readTask(task)}</p>;
}

/** Reads its task in a child under its own boundary, which names the failed task. */
function Loader({ probe, gate }: { probe: Probe; gate: Deferred<string> }) {
  const tasks = useTasks(
    (group) => ({ user: group.spawn(probe.fn(gate), { name: "user-7" }) }),
    [probe, gate],
  );
  return (
    <TaskGroupBoundary fallbackRender={({ errors }) => <p>failed: {errors[0]?.task}</p>}>
      <Suspense fallback={<p>loading</p>}>
        <Show task={tasks.user} />
      </Suspense>
    </TaskGroupBoundary>
  );
}

/** Two tasks: `slow` waits for its signal, `bad` fails with `fail`. A child reads `slow`. */
function Pair({ fail, seen }: { fail: Promise<never>; seen: { error?: unknown } }) {
  const tasks = useTasks(
    (group) => ({
      slow: group.spawn((signal) => untilAborted(signal), { name: "slow" }),
      bad: group.spawn(() => fail, { name: "bad" }),
    }),
    [fail],
  );
  return (
    <TaskGroupBoundary
      fallbackRender={(props) => {
        keep(seen, "error", props.error);
        return <p>{props.errors.map((f) => f.task).join(",")}</p>;
      }}
    >
      <Suspense fallback={<p>loading</p>}>
        <Show task={tasks.slow as Task<string>} />
      </Suspense>
    </TaskGroupBoundary>
  );
}

/** Loads with the next gate each time it mounts. */
function Flaky({ probe, gates }: { probe: Probe; gates: Deferred<string>[] }) {
  const tasks = useTasks(
    (group) => ({ user: group.spawn(probe.fn(gates[probe.starts] as Deferred<string>)) }),
    [],
  );
  return (
    <Suspense fallback={<p>loading</p>}>
      <Show task={tasks.user} />
    </Suspense>
  );
}

describe.each(modes)("useTasks failures (%s)", (_, Mode) => {
  it("surfaces failures where the tasks are read, not in the component that calls it", async () => {
    expectCaught(/TaskGroup failed|no such user/);
    const probe = new Probe();
    const gate = deferred<string>();
    await mount(wrap(Mode, <Loader probe={probe} gate={gate} />));
    await step(() => gate.reject(new Error("no such user")));
    expect(await screen.findByText("failed: user-7")).toBeInTheDocument();
  });

  it("hands readers the group's error for a task cancelled by a sibling's failure", async () => {
    expectCaught(/TaskGroup failed|quota/);
    const fail = deferred<never>();
    const seenError: { error?: unknown } = {};
    await mount(wrap(Mode, <Pair fail={fail.promise} seen={seenError} />));
    await step(() => fail.reject(new Error("quota")));
    expect(seenError.error).toBeInstanceOf(TaskGroupError);
    expect(await screen.findByText("bad")).toBeInTheDocument();
  });
});

it("starts work again after an error boundary reset remounts the component", async () => {
  expectCaught(/TaskGroup failed|flaky/);
  const probe = new Probe();
  const gates = [deferred<string>(), deferred<string>()];
  await mount(
    <TaskGroupBoundary
      fallbackRender={({ resetErrorBoundary }) => (
        <button type="button" onClick={() => resetErrorBoundary()}>
          retry
        </button>
      )}
    >
      <Flaky probe={probe} gates={gates} />
    </TaskGroupBoundary>,
  );
  await step(() => gates[0]?.reject(new Error("flaky")));
  await step(() => screen.getByRole("button", { name: "retry" }).click());
  await act(async () => gates[1]?.resolve("second time"));
  await flush();
  expect(await screen.findByText("second time")).toBeInTheDocument();
});
