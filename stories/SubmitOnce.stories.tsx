import type { Meta, StoryObj } from "@storybook/react-vite";
import { useMemo } from "react";
import { useFormStatus } from "react-dom";
import { useAction } from "react-taskgroup";
import { TaskGroupTimeline } from "react-taskgroup/devtools";
import { expect, userEvent, waitFor, within } from "storybook/test";
import { createFakeApi, createLog, type FakeApi, type LogStore } from "./fakeApi.js";
import { Card, LogView, ui } from "./ui.js";

/** The submit button reads the form's pending state from React 19's `useFormStatus`. */
function SendButton() {
  const { pending } = useFormStatus();
  return (
    <button type="submit" style={ui.button} aria-busy={pending}>
      {pending ? "Sending…" : "Send"}
    </button>
  );
}

/**
 * Submit once: a React 19 form action with `policy: "drop"`. The button is not disabled and
 * there is no busy flag: a second submission while one runs is refused by the policy, and its
 * promise resolves when the running one settles, so `useFormStatus().pending` stays true until
 * then. After the successful action, React resets the uncontrolled form as usual.
 */
function Feedback({ api, log }: { api: FakeApi; log: LogStore }) {
  const send = useAction(
    async (scope, data: FormData) => {
      const message = String(data.get("message"));
      log.add(`request sent: "${message}"`);
      return api.call("feedback", message, scope.signal);
    },
    { name: "send", policy: "drop" },
  );
  return (
    <div style={ui.page}>
      <div style={ui.columns}>
        <Card title="Feedback">
          <form action={send.action} style={{ display: "grid", gap: 8 }}>
            <input name="message" aria-label="Message" defaultValue="" />
            <div style={ui.row}>
              <SendButton />
              <output aria-live="polite">
                {send.value === undefined ? "" : `Thanks for "${send.value}"`}
              </output>
            </div>
          </form>
        </Card>
        <LogView log={log} title="Server log" />
      </div>
      <TaskGroupTimeline group={send.group} label="send runs" />
    </div>
  );
}

function SubmitOnceStory({ latency }: { latency: number }) {
  const log = useMemo(() => createLog(), []);
  const api = useMemo(() => createFakeApi({ latency: { feedback: latency } }), [latency]);
  return <Feedback api={api} log={log} />;
}

const meta = {
  title: "Actions/Submit once",
  component: SubmitOnceStory,
  args: { latency: 400 },
} satisfies Meta<typeof SubmitOnceStory>;
export default meta;
type Story = StoryObj<typeof meta>;

/**
 * A double click sends one request; the button says "Sending…" until it is done; then the form
 * is reset (React's reset after a successful action still happens with the dropped second
 * submission: that one resolves when the first settles, inside the same pending period).
 */
export const DoubleClickSendsOnce: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const input = canvas.getByLabelText("Message") as HTMLInputElement;
    await userEvent.type(input, "great library");
    await userEvent.dblClick(canvas.getByRole("button", { name: "Send" }));
    await expect(await canvas.findByRole("button", { name: "Sending…" })).toBeVisible();
    await expect(
      await canvas.findByText('Thanks for "great library"', {}, { timeout: 3000 }),
    ).toBeVisible();
    await waitFor(() => expect(canvas.getByRole("button", { name: "Send" })).toBeVisible());
    const lines = within(canvas.getByRole("list", { name: "Server log" })).getAllByRole("listitem");
    await expect(lines.map((line) => line.textContent)).toEqual(['request sent: "great library"']);
    await expect(canvas.getByRole("listitem", { name: /^send#2\(.*\): dropped$/ })).toBeVisible();
    // React resets an uncontrolled form once its action succeeded.
    await waitFor(() => expect(input.value).toBe(""));
  },
};
