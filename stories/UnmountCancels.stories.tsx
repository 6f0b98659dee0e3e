import type { Meta, StoryObj } from "@storybook/react-vite";
import { Suspense, useLayoutEffect, useMemo, useState } from "react";
import { readTask, type Task, type TaskGroup, useTasks } from "react-taskgroup";
import { createTaskRecorder, TaskGroupTimeline, type TaskRecorder } from "react-taskgroup/devtools";
import { expect, userEvent, waitFor, within } from "storybook/test";
import { createFakeApi, createLog, type FakeApi } from "./fakeApi.js";
import { Card, LogView, ui } from "./ui.js";

const SECTIONS = ["sales", "costs", "forecast"] as const;

/**
 * A report that loads three sections with `useTasks`. Nothing else is needed for cleanup:
 * unmounting the report cancels its group, which aborts the signal of every request still in
 * flight (the fake API logs each abort), so no response arrives for a component that is gone.
 */
function Report({ api, recorder }: { api: FakeApi; recorder: TaskRecorder }) {
  const { group, sections } = useTasks(
    (group) => ({
      group,
      sections: SECTIONS.map((name) =>
        group.spawn((signal) => api.call(name, `${name}: ok`, signal), { name }),
      ),
    }),
    [api],
  );
  return (
    <Card title="Report">
      <Observe group={group} recorder={recorder} />
      <Suspense fallback={<p role="status">Loading report…</p>}>
        <Sections tasks={sections} />
      </Suspense>
    </Card>
  );
}

function Sections({ tasks }: { tasks: Task<string>[] }) {
  return (
    <ul aria-label="Report sections">
      {tasks.map((task) => (
        <li key={task.name}>{readTask(task)}</li>
      ))}
    </ul>
  );
}

/**
 * Records the report's group into the page's timeline, which outlives the report. It never stops
 * the recording itself: the recorder stops once the group has finished, so the bars of an
 * unmounted report still end as cancelled.
 */
function Observe({ group, recorder }: { group: TaskGroup; recorder: TaskRecorder }) {
  useLayoutEffect(() => {
    recorder.observe(group, "report");
  }, [group, recorder]);
  return null;
}

interface Args {
  /** Latency of each section's request, ms. */
  latency: number;
}

function UnmountCancelsStory({ latency }: Args) {
  const log = useMemo(() => createLog(), []);
  const api = useMemo(
    () => createFakeApi({ latency: { default: latency }, log: log.add }),
    [latency, log],
  );
  const recorder = useMemo(() => createTaskRecorder(), []);
  const [shown, setShown] = useState(false);
  return (
    <div style={ui.page}>
      <div style={ui.row}>
        <button
          type="button"
          style={ui.button}
          aria-pressed={shown}
          onClick={() => setShown((s) => !s)}
        >
          {shown ? "Hide report" : "Show report"}
        </button>
        <span style={ui.muted}>Hide it while it loads: every request is aborted.</span>
      </div>
      {shown && <Report api={api} recorder={recorder} />}
      <LogView log={log} title="Request log" />
      <TaskGroupTimeline recorder={recorder} label="Report requests, across mounts" />
    </div>
  );
}

const meta = {
  title: "Scenarios/Unmount cancels",
  component: UnmountCancelsStory,
  args: { latency: 300 },
  argTypes: { latency: { control: { type: "range", min: 0, max: 5000, step: 100 } } },
} satisfies Meta<typeof UnmountCancelsStory>;
export default meta;
type Story = StoryObj<typeof meta>;

const toggle = (canvas: ReturnType<typeof within>) =>
  canvas.getByRole("button", { name: /report$/ });

/** Hiding the report while it loads aborts its three requests; none of them completes. */
export const HideWhileLoading: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(toggle(canvas));
    await expect(await canvas.findByText("Loading report…")).toBeVisible();
    await waitFor(() =>
      expect(canvas.getAllByRole("listitem", { name: /: running$/ })).toHaveLength(3),
    );
    await userEvent.click(toggle(canvas));
    const log = await canvas.findByRole("list", { name: "Request log" });
    await waitFor(() => expect(within(log).getAllByRole("listitem")).toHaveLength(3));
    for (const name of SECTIONS) {
      await expect(log).toHaveTextContent(
        `${name}: signal aborted (TaskGroup "useTasks" was cancelled: useTasks: its deps changed or its component unmounted)`,
      );
      await expect(canvas.getByRole("listitem", { name: `${name}: cancelled` })).toBeVisible();
    }
    await expect(canvas.queryByText("Loading report…")).toBeNull();
    // Well past the latency: no request completed for the unmounted report.
    await new Promise((resolve) => setTimeout(resolve, 400));
    await expect(log).not.toHaveTextContent("done");
  },
};

/** A report that finished loading has nothing left to cancel: hiding it aborts nothing. */
export const HideAfterLoading: Story = {
  args: { latency: 50 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(toggle(canvas));
    const sections = await canvas.findByRole(
      "list",
      { name: "Report sections" },
      { timeout: 3000 },
    );
    await expect(sections).toHaveTextContent("sales: okcosts: okforecast: ok");
    await userEvent.click(toggle(canvas));
    await expect(canvas.queryByRole("list", { name: "Report sections" })).toBeNull();
    const log = canvas.getByRole("list", { name: "Request log" });
    await expect(
      within(log)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(["sales: done", "costs: done", "forecast: done"]);
    await expect(canvas.getAllByRole("listitem", { name: /: fulfilled$/ })).toHaveLength(3);
  },
};

/** Show, hide, show: the second report is a fresh group, and only the first one's requests were aborted. */
export const ShowHideShow: Story = {
  args: { latency: 150 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(toggle(canvas));
    await waitFor(() =>
      expect(canvas.getAllByRole("listitem", { name: /: running$/ })).toHaveLength(3),
    );
    await userEvent.click(toggle(canvas));
    await userEvent.click(toggle(canvas));
    const sections = await canvas.findByRole(
      "list",
      { name: "Report sections" },
      { timeout: 3000 },
    );
    await expect(sections).toHaveTextContent("sales: ok");
    const log = canvas.getByRole("list", { name: "Request log" });
    await waitFor(() => expect(within(log).getAllByRole("listitem")).toHaveLength(6));
    await expect(within(log).getAllByText(/signal aborted/)).toHaveLength(3);
    await expect(within(log).getAllByText(/: done$/)).toHaveLength(3);
    await expect(canvas.getAllByRole("listitem", { name: /: cancelled$/ })).toHaveLength(3);
    await expect(canvas.getAllByRole("listitem", { name: /: fulfilled$/ })).toHaveLength(3);
  },
};
