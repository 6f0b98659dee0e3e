import type { Meta, StoryObj } from "@storybook/react-vite";
import { useMemo, useState, useSyncExternalStore } from "react";
import { TaskGroupError, useTaskGroup } from "react-taskgroup";
import { createTaskRecorder, TaskGroupTimeline } from "react-taskgroup/devtools";
import { expect, userEvent, waitFor, within } from "storybook/test";
import { createFakeApi } from "./fakeApi.js";
import { Card, ui } from "./ui.js";

interface Args {
  /** How many tasks the batch spawns. */
  tasks: number;
  /** At most this many run at once (`limit`). */
  limit: number;
  /** Latency of an ordinary task, ms. */
  latency: number;
  /** Every n-th task is slow (0: none). */
  slowEvery: number;
  /** Latency of a slow task, ms. */
  slowLatency: number;
  /** Each task's own deadline, from its start (`spawn(fn, { timeout })`); 0: none. */
  taskTimeout: number;
  /** The whole batch's deadline (`run(body, { timeout })`); 0: none. */
  groupTimeout: number;
}

/** "1 task", "3 tasks". */
function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

type Outcome = { kind: "done"; text: string } | { kind: "error"; text: string; details: string[] };

function describe(error: unknown): Outcome {
  if (error instanceof TaskGroupError) {
    return {
      kind: "error",
      text: `TaskGroupError: ${plural(error.errors.length, "task")} failed`,
      details: error.errors.map((e, i) => `${error.tasks[i]?.name}: ${String(e)}`),
    };
  }
  return { kind: "error", text: String(error), details: [] };
}

/**
 * A batch of tasks in a child scope of the component's group (`run`), with `limit`, a deadline
 * for each task and one for the whole batch. At most `limit` tasks run at once, the others wait
 * in order (striped in the timeline). A task that overruns its own timeout fails with a
 * `TimeoutError`; with `failFast: false` that cancels nobody. At the batch's deadline everything
 * still queued or running is cancelled, and `run()` rejects: with the tasks' failures if there
 * were any (failures win), else with a `TimeoutError`.
 */
function LimitAndTimeoutsStory(args: Args) {
  const { tasks, limit, latency, slowEvery, slowLatency, taskTimeout, groupTimeout } = args;
  const api = useMemo(() => createFakeApi(), []);
  const { run } = useTaskGroup({ name: "page" });
  const [recorder, setRecorder] = useState(() => createTaskRecorder());
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const [busy, setBusy] = useState(false);
  const snapshot = useSyncExternalStore(recorder.subscribe, recorder.getSnapshot);

  const start = async () => {
    const next = createTaskRecorder();
    setRecorder(next);
    setOutcome(undefined);
    setBusy(true);
    api.load.peak = 0;
    try {
      await run(
        (batch) => {
          next.observe(batch);
          for (let i = 1; i <= tasks; i++) {
            const slow = slowEvery > 0 && i % slowEvery === 0;
            const name = `${slow ? "slow" : "task"}-${String(i).padStart(2, "0")}`;
            batch.spawn(
              (signal) => api.call(name, i, signal, slow ? slowLatency : latency),
              taskTimeout > 0 ? { name, timeout: taskTimeout } : { name },
            );
          }
        },
        {
          name: `batch of ${tasks}`,
          limit,
          failFast: false,
          ...(groupTimeout > 0 ? { timeout: groupTimeout } : {}),
        },
      );
      setOutcome({ kind: "done", text: `All ${tasks} tasks fulfilled` });
    } catch (error) {
      setOutcome(describe(error));
    } finally {
      setBusy(false);
    }
  };

  const live = snapshot.bars.filter((b) => b.state === "running").length;
  return (
    <div style={ui.page}>
      <div style={ui.row}>
        <button type="button" style={ui.button} onClick={start} disabled={busy}>
          Run {tasks} tasks
        </button>
        <span>
          running now: <output aria-label="running now">{live}</output>, most at once:{" "}
          <output aria-label="most at once">{api.load.peak}</output> (limit {limit})
        </span>
      </div>
      {outcome && (
        <Card title="Outcome" style={outcome.kind === "error" ? ui.error : {}}>
          <p role="status" aria-label="outcome">
            {outcome.text}
          </p>
          {outcome.kind === "error" && outcome.details.length > 0 && (
            <ul aria-label="failures">
              {outcome.details.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
        </Card>
      )}
      <TaskGroupTimeline recorder={recorder} legend />
    </div>
  );
}

const meta = {
  title: "Scenarios/Limit and timeouts",
  component: LimitAndTimeoutsStory,
  args: {
    tasks: 20,
    limit: 3,
    latency: 60,
    slowEvery: 0,
    slowLatency: 400,
    taskTimeout: 0,
    groupTimeout: 0,
  },
  argTypes: {
    tasks: { control: { type: "range", min: 1, max: 60 } },
    limit: { control: { type: "range", min: 1, max: 10 } },
    latency: { control: { type: "range", min: 10, max: 2000, step: 10 } },
    slowLatency: { control: { type: "range", min: 10, max: 5000, step: 10 } },
    taskTimeout: { control: { type: "range", min: 0, max: 3000, step: 10 } },
    groupTimeout: { control: { type: "range", min: 0, max: 10000, step: 50 } },
  },
} satisfies Meta<typeof LimitAndTimeoutsStory>;
export default meta;
type Story = StoryObj<typeof meta>;

/** 20 tasks under `limit: 3`: never more than three at once, the rest queued in order. */
export const TwentyUnderLimitThree: Story = {
  // Slow enough that the play test sees the queue before the first task ends, on a busy machine.
  args: { latency: 400 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole("button", { name: "Run 20 tasks" }));
    await waitFor(() =>
      expect(canvas.getAllByRole("listitem", { name: /: queued$/ })).toHaveLength(17),
    );
    await expect(canvas.getAllByRole("listitem", { name: /: running$/ })).toHaveLength(3);
    await expect(
      await canvas.findByText("All 20 tasks fulfilled", {}, { timeout: 15000 }),
    ).toBeVisible();
    await expect(canvas.getAllByRole("listitem", { name: /: fulfilled$/ })).toHaveLength(20);
    await expect(canvas.getByLabelText("most at once")).toHaveTextContent("3");
    // FIFO: the tasks started in the order they were spawned.
    const bars = canvas.getAllByRole("listitem", { name: /: fulfilled$/ });
    await expect(bars.map((bar) => bar.dataset.task)).toEqual(
      Array.from({ length: 20 }, (_, i) => `task-${String(i + 1).padStart(2, "0")}`),
    );
  },
};

/**
 * Every 4th task is slow and overruns its own 150 ms timeout: it fails with a `TimeoutError`
 * while the others go on (`failFast: false`). At the batch's 500 ms deadline the rest is
 * cancelled, and `run()` rejects with the failures.
 */
export const Deadlines: Story = {
  args: { slowEvery: 4, taskTimeout: 150, groupTimeout: 500 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole("button", { name: "Run 20 tasks" }));
    const outcome = await canvas.findByLabelText("outcome", {}, { timeout: 5000 });
    await expect(outcome).toHaveTextContent(/^TaskGroupError: (1 task|\d+ tasks) failed$/);
    const failures = within(canvas.getByRole("list", { name: "failures" })).getAllByRole(
      "listitem",
    );
    await expect(failures.length).toBeGreaterThan(0);
    for (const failure of failures) {
      await expect(failure).toHaveTextContent(/^slow-\d\d: TimeoutError: /);
    }
    const failed = canvas.getAllByRole("listitem", { name: /^slow-\d\d: failed$/ });
    await expect(failed).toHaveLength(failures.length);
    await expect(failed[0]).toHaveAttribute("title", expect.stringContaining("TimeoutError"));
    const cancelled = canvas.getAllByRole("listitem", { name: /: cancelled$/ });
    await expect(cancelled.length).toBeGreaterThan(0);
    await expect(cancelled[0]).toHaveAttribute(
      "title",
      expect.stringContaining("timed out after 500 ms"),
    );
    await expect(
      canvas.getAllByRole("listitem", { name: /^task-\d\d: fulfilled$/ }).length,
    ).toBeGreaterThan(0);
    await expect(canvas.queryByRole("listitem", { name: /: (running|queued)$/ })).toBeNull();
  },
};

/** Only the batch's deadline: `run()` rejects with a `TimeoutError`, and nothing is left running. */
export const GroupDeadlineOnly: Story = {
  args: { groupTimeout: 200 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole("button", { name: "Run 20 tasks" }));
    const outcome = await canvas.findByLabelText("outcome", {}, { timeout: 5000 });
    await expect(outcome).toHaveTextContent(
      /^TimeoutError: TaskGroup "batch of 20" timed out after 200 ms$/,
    );
    await expect(canvas.getAllByRole("listitem", { name: /: fulfilled$/ }).length).toBeGreaterThan(
      0,
    );
    await expect(canvas.getAllByRole("listitem", { name: /: cancelled$/ }).length).toBeGreaterThan(
      0,
    );
    await expect(canvas.queryByRole("listitem", { name: /: (running|queued|failed)$/ })).toBeNull();
  },
};
