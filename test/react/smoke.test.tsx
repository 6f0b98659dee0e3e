import { act, render, screen } from "@testing-library/react";
import { StrictMode, Suspense, version } from "react";
import { readTask, type Task, TaskGroupBoundary, useTaskGroup, useTasks } from "react-taskgroup";
import { expect, it } from "vitest";
import { expectConsole } from "../support/guard.js";

const tick = () => act(() => new Promise<void>((r) => setTimeout(r, 0)));

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

it(`loads in parallel under Suspense (React ${version})`, async () => {
  const a = deferred<string>();
  const started: string[] = [];
  function Child({ task }: { task: Task<string> }) {
    return <p>{readTask(task)}</p>;
  }
  function Parent() {
    const task = useTasks(
      (group) =>
        group.spawn(() => {
          started.push("a");
          return a.promise;
        }),
      [],
    );
    return (
      <Suspense fallback={<p>loading</p>}>
        <Child task={task} />
      </Suspense>
    );
  }
  await act(async () => {
    render(
      <StrictMode>
        <Parent />
      </StrictMode>,
    );
  });
  expect(screen.getByText("loading")).toBeInTheDocument();
  await act(async () => {
    a.resolve("hello");
  });
  expect(await screen.findByText("hello")).toBeInTheDocument();
  expect(started.length).toBeGreaterThan(0);
});

it("escalates a failure from an event handler to the boundary", async () => {
  expectConsole("error", /boom|error boundary|above error/i);
  let spawnRef: ReturnType<typeof useTaskGroup>["spawn"] | undefined;
  function Form() {
    const { spawn } = useTaskGroup();
    spawnRef = spawn;
    return <p>form</p>;
  }
  render(
    <TaskGroupBoundary>
      <Form />
    </TaskGroupBoundary>,
  );
  act(() => {
    spawnRef?.(
      async () => {
        throw new Error("boom");
      },
      { name: "save" },
    );
  });
  await tick();
  await tick();
  expect(screen.getByRole("alert")).toHaveTextContent("save: boom");
});

it("cancels on unmount", async () => {
  let signal: AbortSignal | undefined;
  function Loader() {
    const { spawn } = useTaskGroup();
    return (
      <button
        type="button"
        onClick={() =>
          spawn(
            (s) =>
              new Promise((_, reject) => {
                signal = s;
                s.addEventListener("abort", () => reject(s.reason));
              }),
          )
        }
      >
        go
      </button>
    );
  }
  const { unmount } = render(
    <StrictMode>
      <Loader />
    </StrictMode>,
  );
  act(() => screen.getByText("go").click());
  expect(signal?.aborted).toBe(false);
  unmount();
  expect(signal?.aborted).toBe(true);
  await tick();
});
