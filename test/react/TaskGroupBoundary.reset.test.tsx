import { screen } from "@testing-library/react";
import { Suspense } from "react";
import {
  type FallbackProps,
  type ResetDetails,
  readTask,
  type TaskGroup,
  TaskGroupBoundary,
  useTaskGroup,
  useTasks,
} from "react-taskgroup";
import { describe, expect, it, vi } from "vitest";
import { expectCaught, keep, modes, mount, step, tally, wrap } from "./helpers.js";

/** Throws while `broken.now` is set; else shows its own group and a useTasks value. */
interface ChildProps {
  broken: { now: boolean };
  groups: TaskGroup[];
  setups: { count: number };
}

function Child({ broken, groups, setups }: ChildProps) {
  const { group } = useTaskGroup();
  useTasks((tasks) => {
    tally(setups, "count");
    return tasks.spawn(() => "hello");
  }, []);
  if (broken.now) throw new Error("broken child");
  if (!groups.includes(group)) keep(groups, groups.length, group);
  return <p>child ok</p>;
}

const last: { reset: FallbackProps["resetErrorBoundary"] } = { reset: () => {} };
const reset = (...args: unknown[]) => last.reset(...args);
function Fallback(props: FallbackProps) {
  keep(last, "reset", props.resetErrorBoundary);
  return <p role="alert">fallback</p>;
}

function Tree({ child, keys, onReset }: TreeProps) {
  return (
    <TaskGroupBoundary FallbackComponent={Fallback} onReset={onReset} resetKeys={keys}>
      <Child {...child} />
    </TaskGroupBoundary>
  );
}
interface TreeProps {
  child: ChildProps;
  keys?: unknown[] | undefined;
  onReset?: (details: ResetDetails) => void;
}

function child(brokenNow: boolean): ChildProps {
  return { broken: { now: brokenNow }, groups: [], setups: { count: 0 } };
}

describe.each(modes)("TaskGroupBoundary resets (%s)", (_, Mode) => {
  it("calls onReset with the imperative-api reason and the arguments, then renders again", async () => {
    expectCaught(/broken child/);
    const onReset = vi.fn();
    const props = child(true);
    await mount(wrap(Mode, <Tree child={props} onReset={onReset} />));
    expect(screen.getByRole("alert")).toBeInTheDocument();
    props.broken.now = false;
    await step(() => reset("from", "test"));
    expect(onReset).toHaveBeenCalledExactlyOnceWith({
      reason: "imperative-api",
      args: ["from", "test"],
    });
    expect(screen.getByText("child ok")).toBeInTheDocument();
  });

  it("resets when resetKeys change, calling onReset with prev and next", async () => {
    expectCaught(/broken child/);
    const onReset = vi.fn();
    const props = child(true);
    const { update } = await mount(wrap(Mode, <Tree child={props} keys={[1]} onReset={onReset} />));
    props.broken.now = false;
    await update(wrap(Mode, <Tree child={props} keys={[1]} onReset={onReset} />));
    expect(onReset).not.toHaveBeenCalled();
    await update(wrap(Mode, <Tree child={props} keys={[2]} onReset={onReset} />));
    expect(onReset).toHaveBeenCalledExactlyOnceWith({ reason: "keys", prev: [1], next: [2] });
    expect(screen.getByText("child ok")).toBeInTheDocument();
  });

  it.each([
    [[1], [1, 2]],
    [[1, 2], [1]],
    [undefined, [7]],
    [[7], undefined],
  ])("resets when resetKeys change length, %j to %j", async (prev, next) => {
    expectCaught(/broken child/);
    const onReset = vi.fn();
    const props = child(true);
    const { update } = await mount(
      wrap(Mode, <Tree child={props} keys={prev} onReset={onReset} />),
    );
    expect(screen.getByRole("alert")).toBeInTheDocument();
    props.broken.now = false;
    await update(wrap(Mode, <Tree child={props} keys={next} onReset={onReset} />));
    expect(onReset).toHaveBeenCalledExactlyOnceWith({ reason: "keys", prev, next });
    expect(screen.getByText("child ok")).toBeInTheDocument();
  });

  it("does nothing when resetKeys change while nothing failed", async () => {
    const onReset = vi.fn();
    const props = child(false);
    const { update } = await mount(wrap(Mode, <Tree child={props} keys={[1]} onReset={onReset} />));
    const group = props.groups.at(-1);
    await update(wrap(Mode, <Tree child={props} keys={[2]} onReset={onReset} />));
    await step(() => reset());
    expect(onReset).not.toHaveBeenCalled();
    expect(props.groups.at(-1)).toBe(group);
  });

  it("gives the subtree fresh groups: a new useTaskGroup group and a new useTasks setup", async () => {
    expectCaught(/broken child/);
    const props = child(false);
    await mount(wrap(Mode, <Tree child={props} />));
    // The group of the last render (StrictMode's rehearsal replaced the first one).
    const first = props.groups.at(-1);
    const setupsBefore = props.setups.count;
    props.broken.now = true;
    await step(() => first?.spawn(() => Promise.reject(new Error("broken child"))));
    expect(screen.getByRole("alert")).toBeInTheDocument();
    expect(first?.signal.aborted).toBe(true);
    props.broken.now = false;
    await step(() => reset());
    expect(screen.getByText("child ok")).toBeInTheDocument();
    const last = props.groups.at(-1);
    expect(last).not.toBe(first);
    expect(last?.signal.aborted).toBe(false);
    expect(last?.getSnapshot().status).toBe("open");
    expect(props.setups.count).toBeGreaterThan(setupsBefore);
  });
});

/** Reads its own `useTasks` task in a child under Suspense, inside a boundary. */
function Loader({ attempt }: { attempt: { count: number } }) {
  const tasks = useTasks(
    (group) => {
      tally(attempt, "count");
      const n = attempt.count;
      return {
        data: group.spawn(async () => {
          if (n === 1) throw new Error("first attempt fails");
          return `attempt ${n}`;
        }),
      };
    },
    [attempt],
  );
  return (
    <Suspense fallback={<p>loading</p>}>
      <Data task={tasks.data} />
    </Suspense>
  );
}
function Data({ task }: { task: Parameters<typeof readTask<string>>[0] }) {
  return <p>{readTask(task)}</p>;
}

it("retries a failed parallel load from the default fallback's button", async () => {
  expectCaught(/first attempt fails/);
  const attempt = { count: 0 };
  await mount(
    <TaskGroupBoundary>
      <Loader attempt={attempt} />
    </TaskGroupBoundary>,
  );
  expect(await screen.findByRole("alert")).toHaveTextContent("first attempt fails");
  await step(() => screen.getByRole("button").click());
  expect(await screen.findByText("attempt 2")).toBeInTheDocument();
});
