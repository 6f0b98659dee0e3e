import type { Meta, StoryObj } from "@storybook/react-vite";
import { useMemo } from "react";
import { backoff, useAction } from "react-taskgroup";
import { TaskGroupTimeline } from "react-taskgroup/devtools";
import { expect, userEvent, waitFor, within } from "storybook/test";
import { createFakeApi, type FakeApi } from "./fakeApi.js";
import { Card, ui } from "./ui.js";

/**
 * A flaky request: `retry` runs a failed run again after `backoff()` (exponential, with jitter),
 * each attempt in a fresh scope. The fake server fails twice, then answers; the timeline draws
 * the run as three numbered attempts. Only the last attempt's error would be the failure.
 */
function Report({ api, base }: { api: FakeApi; base: number }) {
  const load = useAction(async (scope) => api.call("report", "Q3 report: 42 sales", scope.signal), {
    name: "loadReport",
    retry: { retries: 3, delay: backoff({ base }) },
  });
  const last = load.last;
  const text =
    load.running > 0
      ? "Loading…"
      : load.value !== undefined
        ? `${load.value} (after ${last?.attempts ?? 0} attempts)`
        : load.error
          ? "Failed"
          : "";
  return (
    <div style={ui.page}>
      <Card title="Report">
        <button type="button" style={ui.button} onClick={() => load.run()}>
          Load report
        </button>
        <p aria-live="polite">{text}</p>
      </Card>
      <TaskGroupTimeline group={load.group} label="loadReport runs" />
    </div>
  );
}

interface Args {
  /** How many calls fail before the server recovers. */
  failTimes: number;
  /** `backoff({ base })`, ms. */
  base: number;
}

function FlakyStory({ failTimes, base }: Args) {
  const api = useMemo(
    () => createFakeApi({ latency: { report: 150 }, failing: ["report"], failTimes }),
    [failTimes],
  );
  return <Report api={api} base={base} />;
}

const meta = {
  title: "Actions/Flaky request",
  component: FlakyStory,
  args: { failTimes: 2, base: 100 },
} satisfies Meta<typeof FlakyStory>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Fails twice, then succeeds: one run, three attempts. */
export const RetriesWithBackoff: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole("button", { name: "Load report" }));
    await expect(
      await canvas.findByText("Q3 report: 42 sales (after 3 attempts)", {}, { timeout: 5000 }),
    ).toBeVisible();
    const bar = await canvas.findByRole("listitem", { name: "loadReport#1(): fulfilled" });
    await waitFor(() =>
      expect([...bar.querySelectorAll("[data-attempt]")].map((el) => el.textContent)).toEqual([
        "1",
        "2",
        "3",
      ]),
    );
  },
};
