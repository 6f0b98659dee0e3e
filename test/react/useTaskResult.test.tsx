/**
 * SPEC §3.6: `useTaskResult(task)` reads a task without Suspense. It re-renders at most once, when
 * the task settles; a settled task shows on the first render with no extra render; it follows a
 * new task; `undefined` is `status: "none"`.
 */
import { screen } from "@testing-library/react";
import { renderToString } from "react-dom/server";
import { type Task, TaskGroup, useTaskResult } from "react-taskgroup";
import { describe, expect, it } from "vitest";
import { deferred, modes, mount, step, wrap } from "./helpers.js";

/** Shows the result; `onRender` counts renders. */
function Show({ task, onRender }: { task: Task<string> | undefined; onRender: () => void }) {
  const { status, value, reason } = useTaskResult(task);
  onRender();
  return (
    <p data-testid="out">
      {`${status}:${String(value)}:${reason instanceof Error ? reason.message : String(reason)}`}
    </p>
  );
}

function spawnIn(group: TaskGroup, gate: Promise<string>): Task<string> {
  return group.spawn(() => gate);
}

describe.each(modes)("useTaskResult (%s)", (name, Mode) => {
  // StrictMode renders each commit twice.
  const perCommit = name === "StrictMode" ? 2 : 1;

  it("shows pending, then re-renders once when the task fulfils", async () => {
    const gate = deferred<string>();
    const group = new TaskGroup();
    const task = spawnIn(group, gate.promise);
    let renders = 0;
    await mount(wrap(Mode, <Show task={task} onRender={() => renders++} />));
    expect(screen.getByTestId("out").textContent).toBe("pending:undefined:undefined");
    const before = renders;
    await step(() => gate.resolve("done"));
    expect(screen.getByTestId("out").textContent).toBe("fulfilled:done:undefined");
    expect(renders - before).toBe(perCommit);
    await group.join();
  });

  it("returns a rejection's reason instead of throwing it", async () => {
    const gate = deferred<string>();
    const group = new TaskGroup({ failFast: false });
    const task = spawnIn(group, gate.promise);
    await mount(wrap(Mode, <Show task={task} onRender={() => {}} />));
    await step(() => gate.reject(new Error("boom")));
    expect(screen.getByTestId("out").textContent).toBe("rejected:undefined:boom");
    await expect(group.join()).rejects.toThrow();
  });

  it("shows a task already settled on the first render, with no extra render", async () => {
    const group = new TaskGroup();
    const task = group.spawn(() => "ready");
    await group.join();
    let renders = 0;
    await mount(wrap(Mode, <Show task={task} onRender={() => renders++} />));
    await step(() => {});
    expect(screen.getByTestId("out").textContent).toBe("fulfilled:ready:undefined");
    expect(renders).toBe(perCommit);
  });

  it("gives status none for undefined, and follows a new task", async () => {
    const first = deferred<string>();
    const second = deferred<string>();
    const group = new TaskGroup();
    const a = spawnIn(group, first.promise);
    const b = spawnIn(group, second.promise);
    const view = await mount(wrap(Mode, <Show task={undefined} onRender={() => {}} />));
    expect(screen.getByTestId("out").textContent).toBe("none:undefined:undefined");
    await view.update(wrap(Mode, <Show task={a} onRender={() => {}} />));
    expect(screen.getByTestId("out").textContent).toBe("pending:undefined:undefined");
    await view.update(wrap(Mode, <Show task={b} onRender={() => {}} />));
    // The old task settling changes nothing: only the current one is followed.
    await step(() => first.resolve("old"));
    expect(screen.getByTestId("out").textContent).toBe("pending:undefined:undefined");
    await step(() => second.resolve("new"));
    expect(screen.getByTestId("out").textContent).toBe("fulfilled:new:undefined");
    await group.join();
  });

  it("shows a cancelled task as rejected with a CancelledError", async () => {
    const group = new TaskGroup();
    const task = group.spawn(
      (signal) =>
        new Promise<string>((_, reject) =>
          signal.addEventListener("abort", () => reject(signal.reason)),
        ),
    );
    await mount(wrap(Mode, <Show task={task} onRender={() => {}} />));
    await step(() => task.cancel());
    expect(screen.getByTestId("out").textContent).toMatch(/^rejected:undefined:/);
    expect(task.cancelled).toBe(true);
    await group.join();
  });
});

describe("useTaskResult on the server", () => {
  it("renders the task's status at render time", () => {
    const group = new TaskGroup();
    const gate = deferred<string>();
    const task = spawnIn(group, gate.promise);
    expect(renderToString(<Show task={task} onRender={() => {}} />)).toContain("pending:undefined");
    expect(renderToString(<Show task={undefined} onRender={() => {}} />)).toContain("none:");
    gate.resolve("x");
    return group.join();
  });

  it("rejects what is not a task", () => {
    expect(() =>
      renderToString(<Show task={42 as unknown as Task<string>} onRender={() => {}} />),
    ).toThrow(TypeError);
  });
});
