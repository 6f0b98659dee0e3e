import { act, render, screen } from "@testing-library/react";
import { type ReactNode, useState } from "react";
import {
  type FallbackProps,
  TaskGroupBoundary,
  TaskGroupError,
  type TaskGroupHandle,
  useTaskGroup,
} from "react-taskgroup";
import { describe, expect, it } from "vitest";
import { deferred, expectCaught, flush, keep, modes, step, untilAborted, wrap } from "./helpers.js";

interface FormProps {
  throwOnError?: boolean;
  box: { handle?: TaskGroupHandle };
  children?: (handle: TaskGroupHandle) => ReactNode;
}

function Form({ throwOnError, box, children }: FormProps) {
  const handle = useTaskGroup(throwOnError === undefined ? {} : { throwOnError });
  keep(box, "handle", handle);
  return <>{children?.(handle) ?? <p>form</p>}</>;
}

/** A button whose click handler spawns two tasks, one of which fails. */
function SaveButton({ spawn, fail }: { spawn: TaskGroupHandle["spawn"]; fail: Promise<never> }) {
  const onClick = () => {
    spawn((signal) => untilAborted(signal), { name: "profile" });
    spawn(() => fail, { name: "avatar" });
  };
  return (
    <button type="button" onClick={onClick}>
      save
    </button>
  );
}

const caught: { props?: FallbackProps } = {};
function Fallback(props: FallbackProps) {
  keep(caught, "props", props);
  return <p role="status">caught {String((props.error as Error).message)}</p>;
}

function Retry({ resetErrorBoundary }: FallbackProps) {
  return (
    <button type="button" onClick={() => resetErrorBoundary()}>
      retry
    </button>
  );
}

function Rerenderable({ box }: { box: FormProps["box"] }) {
  const [, setTick] = useState(0);
  return (
    <Form box={box}>
      {(h) => (
        <button type="button" onClick={() => setTick((n) => n + 1)}>
          {h.status}
        </button>
      )}
    </Form>
  );
}

describe.each(modes)("useTaskGroup failures (%s)", (_, Mode) => {
  it("throws a spawned task's failure from an event handler to the nearest boundary", async () => {
    expectCaught(/413/);
    const box: FormProps["box"] = {};
    const fail = deferred<never>();
    render(
      wrap(
        Mode,
        <TaskGroupBoundary FallbackComponent={Fallback}>
          <Form box={box}>{(h) => <SaveButton spawn={h.spawn} fail={fail.promise} />}</Form>
        </TaskGroupBoundary>,
      ),
    );
    const group = box.handle?.group;
    await step(() => screen.getByRole("button", { name: "save" }).click());
    await step(() => fail.reject(new Error("413 Payload Too Large")));
    expect(screen.getByRole("status")).toHaveTextContent("TaskGroup failed with 1 error");
    const error = caught.props?.error;
    expect(error).toBeInstanceOf(TaskGroupError);
    expect(error).toBe(group?.getSnapshot().error);
    expect(caught.props?.errors).toEqual([
      { error: expect.objectContaining({ message: "413 Payload Too Large" }), task: "avatar" },
    ]);
  });

  it("keeps a failure in `error` without throwing when throwOnError is false", async () => {
    const box: FormProps["box"] = {};
    const fail = deferred<never>();
    render(
      wrap(
        Mode,
        <TaskGroupBoundary fallback={<p>boundary</p>}>
          <Form box={box} throwOnError={false}>
            {(h) => (
              <>
                <SaveButton spawn={h.spawn} fail={fail.promise} />
                <p>
                  {h.status}: {h.error ? h.error.errors.length : "no"} errors
                </p>
              </>
            )}
          </Form>
        </TaskGroupBoundary>,
      ),
    );
    await step(() => screen.getByRole("button", { name: "save" }).click());
    await step(() => fail.reject(new Error("nope")));
    expect(screen.getByText("failed: 1 errors")).toBeInTheDocument();
    expect(screen.queryByText("boundary")).toBeNull();
    expect(box.handle?.error).toBeInstanceOf(TaskGroupError);
    expect(box.handle?.error?.tasks[0]?.name).toBe("avatar");
  });

  it("rejects a run() child scope's promise and never reaches the boundary", async () => {
    const box: FormProps["box"] = {};
    render(
      wrap(
        Mode,
        <TaskGroupBoundary fallback={<p>boundary</p>}>
          <Form box={box}>{(h) => <p>{h.status}</p>}</Form>
        </TaskGroupBoundary>,
      ),
    );
    let rejection: unknown;
    await step(async () => {
      await box.handle
        ?.run(async (child) => {
          const failing = child.spawn(async () => {
            throw new Error("child failed");
          });
          await failing;
        })
        .catch((error: unknown) => {
          rejection = error;
        });
    });
    expect(rejection).toBeInstanceOf(TaskGroupError);
    expect((rejection as TaskGroupError).errors[0]).toMatchObject({ message: "child failed" });
    expect(screen.queryByText("boundary")).toBeNull();
    expect(screen.getByText("open")).toBeInTheDocument();
    const task = box.handle?.spawn(() => "still works");
    await act(async () => {
      await expect(task).resolves.toBe("still works");
    });
    await flush();
  });

  it("throws the group's error as collected so far, with every failure of the same turn", async () => {
    expectCaught(/first|second/);
    const box: FormProps["box"] = {};
    render(
      wrap(
        Mode,
        <TaskGroupBoundary FallbackComponent={Fallback}>
          <Form box={box} />
        </TaskGroupBoundary>,
      ),
    );
    await step(() => {
      const group = box.handle?.group;
      group?.spawn(() => Promise.reject(new Error("first")), { name: "a" });
      group?.spawn(() => Promise.reject(new Error("second")), { name: "b" });
    });
    expect(caught.props?.errors.map((failure) => failure.task)).toEqual(["a", "b"]);
  });

  it("recovers when the boundary resets: the remounted owner gets a fresh group", async () => {
    expectCaught(/broken/);
    const box: FormProps["box"] = {};
    render(
      wrap(
        Mode,
        <TaskGroupBoundary FallbackComponent={Retry}>
          <Rerenderable box={box} />
        </TaskGroupBoundary>,
      ),
    );
    await step(() => box.handle?.spawn(() => Promise.reject(new Error("broken"))));
    const failed = box.handle?.group;
    await step(() => screen.getByRole("button", { name: "retry" }).click());
    expect(screen.getByRole("button", { name: "open" })).toBeInTheDocument();
    expect(box.handle?.group).not.toBe(failed);
    expect(box.handle?.group.getSnapshot().status).toBe("open");
  });
});
