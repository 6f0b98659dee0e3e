import { screen, within } from "@testing-library/react";
import type { ErrorInfo } from "react";
import {
  type FallbackProps,
  TaskGroupBoundary,
  TaskGroupError,
  type TaskGroupHandle,
  useTaskGroup,
} from "react-taskgroup";
import { describe, expect, it, vi } from "vitest";
import { expectConsole } from "../support/guard.js";
import {
  expectCaught,
  isReact19,
  keep,
  modes,
  mount,
  step,
  untilAborted,
  wrap,
} from "./helpers.js";

function Thrower({ error }: { error: unknown }): never {
  throw error;
}

/** Spawns, through `box`, into a group that escalates its failures. */
function Owner({ box }: { box: { handle?: TaskGroupHandle } }) {
  keep(box, "handle", useTaskGroup({ name: "checkout" }));
  return <p>owner</p>;
}

/** Fails two named tasks of a group in one turn, and leaves a third to be cancelled. */
async function failTwo(box: { handle?: TaskGroupHandle }) {
  const declined = new Error("card declined");
  const missing = new Error("address missing");
  await step(() => {
    box.handle?.spawn((signal) => untilAborted(signal), { name: "reserve" });
    box.handle?.spawn(() => Promise.reject(declined), { name: "charge" });
    box.handle?.spawn(() => Promise.reject(missing), { name: "ship" });
  });
  return [declined, missing];
}

const got: { props?: FallbackProps } = {};
function Component(props: FallbackProps) {
  keep(got, "props", props);
  return <p role="status">component: {props.errors.length}</p>;
}

describe.each(modes)("TaskGroupBoundary fallbacks (%s)", (_, Mode) => {
  it("renders `fallback` as given", async () => {
    expectCaught(/plain/);
    await mount(
      wrap(
        Mode,
        <TaskGroupBoundary fallback={<p>static fallback</p>}>
          <Thrower error={new Error("plain")} />
        </TaskGroupBoundary>,
      ),
    );
    expect(screen.getByText("static fallback")).toBeInTheDocument();
  });

  it("gives `fallbackRender` every failure of a group with its task's name", async () => {
    expectCaught(/checkout failed/);
    const box: { handle?: TaskGroupHandle } = {};
    const render = vi.fn((props: FallbackProps) => <p role="status">{props.errors.length}</p>);
    await mount(
      wrap(
        Mode,
        <TaskGroupBoundary fallbackRender={render}>
          <Owner box={box} />
        </TaskGroupBoundary>,
      ),
    );
    const [declined, missing] = await failTwo(box);
    const props = render.mock.lastCall?.[0] as FallbackProps;
    expect(props.error).toBeInstanceOf(TaskGroupError);
    expect(props.errors).toEqual([
      { error: declined, task: "charge" },
      { error: missing, task: "ship" },
    ]);
    expect(typeof props.resetErrorBoundary).toBe("function");
  });

  it("gives `FallbackComponent` a plain error as one entry without a task", async () => {
    expectCaught(/plain/);
    const error = new Error("plain");
    await mount(
      wrap(
        Mode,
        <TaskGroupBoundary FallbackComponent={Component}>
          <Thrower error={error} />
        </TaskGroupBoundary>,
      ),
    );
    expect(screen.getByRole("status")).toHaveTextContent("component: 1");
    expect(got.props?.error).toBe(error);
    expect(got.props?.errors).toEqual([{ error, task: undefined }]);
  });

  it("renders nothing for fallback={null}, as react-error-boundary does", async () => {
    expectCaught(/plain/);
    const { container } = await mount(
      wrap(
        Mode,
        <TaskGroupBoundary fallback={null}>
          <Thrower error={new Error("plain")} />
        </TaskGroupBoundary>,
      ),
    );
    expect(container).toBeEmptyDOMElement();
  });

  it("renders by default an alert listing the failures, with a retry button that resets", async () => {
    expectCaught(/checkout failed/);
    const box: { handle?: TaskGroupHandle } = {};
    await mount(
      wrap(
        Mode,
        <TaskGroupBoundary>
          <Owner box={box} />
        </TaskGroupBoundary>,
      ),
    );
    const failed = box.handle?.group;
    await failTwo(box);
    const alert = screen.getByRole("alert");
    const items = within(within(alert).getByRole("list")).getAllByRole("listitem");
    expect(items.map((item) => item.textContent)).toEqual([
      "charge: card declined",
      "ship: address missing",
    ]);
    await step(() => within(alert).getByRole("button", { name: /retry/i }).click());
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.getByText("owner")).toBeInTheDocument();
    expect(box.handle?.group).not.toBe(failed);
  });

  it("calls onError with the error and React's component stack", async () => {
    expectCaught(/plain/);
    const onError = vi.fn<(error: unknown, info: ErrorInfo) => void>();
    const error = new Error("plain");
    await mount(
      wrap(
        Mode,
        <TaskGroupBoundary fallback={<p>fell</p>} onError={onError}>
          <Thrower error={error} />
        </TaskGroupBoundary>,
      ),
    );
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]?.[0]).toBe(error);
    expect(onError.mock.calls[0]?.[1].componentStack).toMatch(/Thrower/);
  });

  it("catches non-Error throws too", async () => {
    expectCaught(/a string/);
    // React 18 cannot mark a string as reported, so it logs it anyway.
    if (!isReact19) expectConsole("error", /The above error occurred in the <Thrower>/);
    await mount(
      wrap(
        Mode,
        <TaskGroupBoundary FallbackComponent={Component}>
          <Thrower error="a string" />
        </TaskGroupBoundary>,
      ),
    );
    expect(got.props?.errors).toEqual([{ error: "a string", task: undefined }]);
  });
});

it("passes through children untouched while nothing failed", async () => {
  await mount(
    <TaskGroupBoundary>
      <p>content</p>
    </TaskGroupBoundary>,
  );
  expect(screen.getByText("content")).toBeInTheDocument();
});

it("accepts at most one fallback style (checked by tsc)", () => {
  expect(typeChecks()).toHaveLength(5);
});

/** Elements never rendered: tsc checks that two fallback styles together are a type error. */
function typeChecks() {
  const props = { fallback: <p />, onReset: () => {} };
  return [
    // @ts-expect-error fallback and FallbackComponent together
    <TaskGroupBoundary key="1" fallback={<p />} FallbackComponent={Component} />,
    // @ts-expect-error fallback and fallbackRender together
    <TaskGroupBoundary key="2" fallback={<p />} fallbackRender={() => null} />,
    // @ts-expect-error FallbackComponent and fallbackRender together
    <TaskGroupBoundary key="3" FallbackComponent={Component} fallbackRender={() => null} />,
    <TaskGroupBoundary key="4" {...props} resetKeys={[1]} />,
    <TaskGroupBoundary key="5" />,
  ];
}
