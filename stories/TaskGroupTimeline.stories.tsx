import type { Meta, StoryObj } from "@storybook/react-vite";
import { useEffect, useState } from "react";
import { TaskGroup } from "react-taskgroup";
import { TaskGroupTimeline } from "react-taskgroup/devtools";
import { expect, waitFor, within } from "storybook/test";

const wait = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });

interface Args {
  /** How long the scripted tasks take, ms. */
  step: number;
}

/**
 * A scripted group that shows every state: with `limit: 2` and `failFast: false`, two tasks
 * fulfil, one fails, one is cancelled by hand while it runs and one is cancelled while it still
 * waits for a slot; the last one keeps running until the story is left.
 */
function ScriptedGroup({ step }: Args) {
  const [group] = useState(() => new TaskGroup({ name: "scripted", limit: 2, failFast: false }));
  useEffect(() => {
    const quick = group.spawn((s) => wait(step, s), { name: "quick" });
    group.spawn(
      async (s) => {
        await wait(step * 2, s);
        throw new Error("flaky backend");
      },
      { name: "flaky" },
    );
    const stopped = group.spawn((s) => wait(step * 20, s), { name: "stoppedByHand" });
    const neverStarted = group.spawn((s) => wait(step, s), { name: "neverStarted" });
    group.spawn((s) => wait(step, s), { name: "second" });
    neverStarted.cancel("not needed any more");
    quick.then(
      () => stopped.cancel("user pressed stop"),
      () => {},
    );
    group.spawn((s) => wait(60_000, s), { name: "longPoll" });
    return () => group.cancel("story left");
  }, [group, step]);
  return <TaskGroupTimeline group={group} label="A scripted group" />;
}

/** The timeline's props are documented below; the story drives it with a scripted group. */
const meta = {
  title: "Devtools/TaskGroupTimeline",
  component: TaskGroupTimeline,
  render: (args) => <ScriptedGroup step={(args as Args).step} />,
  args: { step: 120 },
  argTypes: { step: { control: { type: "range", min: 20, max: 2000, step: 20 } } },
} satisfies Meta;
export default meta;
type Story = StoryObj;

/** Each bar's `data-state` and accessible name follow its task through every state. */
export const EveryState: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const bar = (name: string) => canvas.getByRole("listitem", { name: new RegExp(`^${name}: `) });
    await waitFor(() => expect(bar("neverStarted")).toHaveAttribute("data-state", "cancelled"));
    await expect(bar("neverStarted").title).not.toContain("ran ");
    await waitFor(() => expect(bar("flaky")).toHaveAttribute("data-state", "failed"), {
      timeout: 3000,
    });
    await expect(bar("flaky")).toHaveAttribute("title", expect.stringContaining("flaky backend"));
    await expect(bar("quick")).toHaveAttribute("data-state", "fulfilled");
    await expect(bar("stoppedByHand")).toHaveAttribute("data-state", "cancelled");
    await expect(bar("stoppedByHand")).toHaveAttribute(
      "title",
      expect.stringContaining("user pressed stop"),
    );
    await waitFor(() => expect(bar("second")).toHaveAttribute("data-state", "fulfilled"));
    await expect(bar("longPoll")).toHaveAttribute("data-state", "running");
    await expect(
      canvas.getByText(/6 tasks · 1 running · 2 fulfilled · 1 failed · 2 cancelled/),
    ).toBeVisible();
  },
};
