import type { Meta, StoryObj } from "@storybook/react-vite";
import { useMemo } from "react";
import { useAction } from "react-taskgroup";
import { TaskGroupTimeline } from "react-taskgroup/devtools";
import { expect, userEvent, waitFor, within } from "storybook/test";
import { createFakeApi, createLog, type FakeApi, type LogStore } from "./fakeApi.js";
import { Card, LogView, ui } from "./ui.js";

/**
 * Autosave: every change asks for a save with `policy: "keepLatest"`. While one save runs, at
 * most one more waits, and a newer draft drops the waiting one: fast typing saves the first
 * draft and the last, nothing in between, and never two saves at once.
 */
function Editor({ api, log }: { api: FakeApi; log: LogStore }) {
  const save = useAction(
    async (scope, draft: string) => {
      await api.call("save", draft, scope.signal);
      log.add(`saved "${draft}"`);
      return draft;
    },
    { name: "save", policy: "keepLatest" },
  );
  const status =
    save.running + save.queued > 0
      ? "Saving…"
      : save.value === undefined
        ? "Nothing to save"
        : `All changes saved ("${save.value}")`;
  return (
    <div style={ui.page}>
      <div style={ui.columns}>
        <Card title="Note">
          <textarea
            aria-label="Draft"
            rows={3}
            onChange={(event) => save.run(event.target.value)}
          />
          <p aria-live="polite">{status}</p>
        </Card>
        <LogView log={log} title="Saves" />
      </div>
      <TaskGroupTimeline group={save.group} label="save runs" />
    </div>
  );
}

function AutosaveStory({ latency }: { latency: number }) {
  const log = useMemo(() => createLog(), []);
  const api = useMemo(() => createFakeApi({ latency: { save: latency } }), [latency]);
  return <Editor api={api} log={log} />;
}

const meta = {
  title: "Actions/Autosave",
  component: AutosaveStory,
  args: { latency: 400 },
} satisfies Meta<typeof AutosaveStory>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Typing "hello" fast: "h" is saved at once, "hello" after it; the drafts between are dropped. */
export const SavesFirstAndLast: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText("Draft"), "hello");
    await expect(
      await canvas.findByText('All changes saved ("hello")', {}, { timeout: 4000 }),
    ).toBeVisible();
    const saves = within(canvas.getByRole("list", { name: "Saves" }))
      .getAllByRole("listitem")
      .map((item) => item.textContent);
    await expect(saves).toEqual(['saved "h"', 'saved "hello"']);
    await waitFor(() =>
      expect(canvas.getAllByRole("listitem", { name: /^save#\d\(".*"\): dropped$/ })).toHaveLength(
        3,
      ),
    );
  },
};
