import type { Meta, StoryObj } from "@storybook/react-vite";
import { type FormEvent, useMemo } from "react";
import { flushSync } from "react-dom";
import { type TaskGroupError, useTaskGroup } from "react-taskgroup";
import { TaskGroupTimeline } from "react-taskgroup/devtools";
import { expect, userEvent, waitFor, within } from "storybook/test";
import { createFakeApi, type FakeApi } from "./fakeApi.js";
import { Card, ui } from "./ui.js";

/**
 * A settings form that saves three things at once: the profile, the avatar upload and the
 * preferences, as three tasks of one group.
 *
 * - The submit button shows progress (`settled / total`) from the handle's snapshot fields.
 * - The first failure cancels the other requests; the form lists every failure of the group.
 * - "Cancel" aborts the requests in flight.
 * - Submitting twice: the button is disabled while a submission runs, so a double click sends
 *   nothing twice. Each new submission calls `reset()` first, which starts a fresh group (a
 *   failed or cancelled group accepts no new tasks) and clears the previous errors.
 */
function SettingsForm({ api }: { api: FakeApi }) {
  // throwOnError: false — the form shows its own errors instead of an error boundary.
  const { spawn, cancel, reset, group, status, running, queued, settled, error } = useTaskGroup({
    name: "saveSettings",
    throwOnError: false,
  });
  const busy = running + queued > 0;
  const total = settled + running + queued;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    // A fresh group for each submission. flushSync renders it at once, so the timeline below
    // observes it before the first spawn (it draws only the tasks it saw being spawned).
    flushSync(reset);
    spawn((signal) => api.call("profile", "saved", signal), { name: "saveProfile" });
    spawn((signal) => api.call("avatar", "uploaded", signal), { name: "uploadAvatar" });
    spawn((signal) => api.call("preferences", "saved", signal), { name: "savePreferences" });
  };

  let outcome = "";
  if (!busy && total > 0) {
    if (error) outcome = "Not saved.";
    else if (status === "cancelled") outcome = "Cancelled: nothing more was sent.";
    else outcome = "All settings saved.";
  }

  return (
    <div style={ui.page}>
      <form
        onSubmit={submit}
        style={{ ...ui.card, display: "grid", gap: 10 }}
        aria-label="Settings"
      >
        <label>
          Display name <input name="name" defaultValue="Ada Lovelace" />
        </label>
        <label>
          Avatar <input name="avatar" defaultValue="ada.png" />
        </label>
        <label>
          <input type="checkbox" name="digest" defaultChecked /> Weekly digest
        </label>
        <div style={ui.row}>
          <button type="submit" style={ui.button} disabled={busy} aria-busy={busy}>
            {busy ? `Saving… ${settled}/${total}` : "Save"}
          </button>
          <button type="button" style={ui.button} disabled={!busy} onClick={() => cancel("user")}>
            Cancel
          </button>
          <output aria-live="polite">{outcome}</output>
        </div>
      </form>
      {error && <Failures error={error} />}
      <TaskGroupTimeline group={group} label="Save requests" />
    </div>
  );
}

/** Every failure of the group, with the task that threw it. */
function Failures({ error }: { error: TaskGroupError }) {
  return (
    <Card title="Errors" style={ui.error}>
      <ul aria-label="Errors">
        {error.errors.map((failure, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: failures only ever append
          <li key={i}>
            {error.tasks[i]?.name ?? "form"}: {String(failure)}
          </li>
        ))}
      </ul>
    </Card>
  );
}

interface Args {
  /** Latency of PUT /profile, ms. */
  profileLatency: number;
  /** Latency of the avatar upload, ms. */
  avatarLatency: number;
  /** Latency of PUT /preferences, ms. */
  preferencesLatency: number;
  /** The request that fails, if any. */
  failing: "none" | "profile" | "avatar" | "preferences";
  /** The avatar upload's cleanup throws when it is cancelled: a second error in the list. */
  brokenUploadCleanup: boolean;
}

function SubmitFormStory(args: Args) {
  const { profileLatency, avatarLatency, preferencesLatency, failing, brokenUploadCleanup } = args;
  const api = useMemo(
    () =>
      createFakeApi({
        latency: {
          profile: profileLatency,
          avatar: avatarLatency,
          preferences: preferencesLatency,
        },
        failing: failing === "none" ? [] : [failing],
        brokenCleanup: brokenUploadCleanup ? ["avatar"] : [],
      }),
    [profileLatency, avatarLatency, preferencesLatency, failing, brokenUploadCleanup],
  );
  return <SettingsForm api={api} />;
}

const meta = {
  title: "Scenarios/Submit form",
  component: SubmitFormStory,
  args: {
    profileLatency: 100,
    avatarLatency: 300,
    preferencesLatency: 200,
    failing: "none",
    brokenUploadCleanup: false,
  },
  argTypes: {
    profileLatency: { control: { type: "range", min: 0, max: 3000, step: 50 } },
    avatarLatency: { control: { type: "range", min: 0, max: 3000, step: 50 } },
    preferencesLatency: { control: { type: "range", min: 0, max: 3000, step: 50 } },
    failing: { control: "inline-radio", options: ["none", "profile", "avatar", "preferences"] },
  },
} satisfies Meta<typeof SubmitFormStory>;
export default meta;
type Story = StoryObj<typeof meta>;

const save = (canvas: ReturnType<typeof within>) =>
  canvas.getByRole("button", { name: /^(Save|Saving…)/ });

/** Three requests run at once; the button counts them down, and a double click sends nothing twice. */
export const SavesEverything: Story = {
  play: async ({ canvasElement, step }) => {
    const canvas = within(canvasElement);
    await step("submit: the button shows progress and is disabled", async () => {
      await userEvent.click(save(canvas));
      await waitFor(() => expect(save(canvas)).toHaveTextContent("Saving… 0/3"));
      await expect(save(canvas)).toBeDisabled();
      await waitFor(() => expect(save(canvas)).toHaveTextContent("Saving… 1/3"));
    });
    await step("a second click while saving sends nothing more", async () => {
      await userEvent.click(save(canvas));
      await expect(canvas.getAllByRole("listitem", { name: /^(save|upload)/ })).toHaveLength(3);
    });
    await expect(
      await canvas.findByText("All settings saved.", {}, { timeout: 3000 }),
    ).toBeVisible();
    await expect(save(canvas)).toHaveTextContent("Save");
    for (const name of ["saveProfile", "uploadAvatar", "savePreferences"]) {
      await expect(canvas.getByRole("listitem", { name: `${name}: fulfilled` })).toBeVisible();
    }
  },
};

/**
 * The profile is rejected: the upload and the preferences are cancelled at once, and the form
 * lists the failure. With `brokenUploadCleanup`, the upload's cleanup throws while it is being
 * cancelled, and that error is listed too: nothing is lost.
 */
export const FailureCancelsTheRest: Story = {
  args: { failing: "profile", brokenUploadCleanup: true },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(save(canvas));
    const errors = await canvas.findByRole("list", { name: "Errors" }, { timeout: 3000 });
    await waitFor(() => expect(within(errors).getAllByRole("listitem")).toHaveLength(2));
    const items = within(errors).getAllByRole("listitem");
    await expect(items[0]).toHaveTextContent(
      "saveProfile: Error: profile: 422 Unprocessable Entity: email is invalid",
    );
    await expect(items[1]).toHaveTextContent(
      "uploadAvatar: Error: avatar: cleanup failed, partial upload left behind",
    );
    await expect(canvas.getByText("Not saved.")).toBeVisible();
    await expect(canvas.getByRole("listitem", { name: "saveProfile: failed" })).toBeVisible();
    await expect(canvas.getByRole("listitem", { name: "uploadAvatar: failed" })).toBeVisible();
    await expect(
      canvas.getByRole("listitem", { name: "savePreferences: cancelled" }),
    ).toBeVisible();
  },
};

/** "Cancel" aborts every request in flight; saving again starts over with a fresh group. */
export const CancelThenSaveAgain: Story = {
  play: async ({ canvasElement, step }) => {
    const canvas = within(canvasElement);
    await step("cancel while saving", async () => {
      await userEvent.click(save(canvas));
      await waitFor(() => expect(save(canvas)).toBeDisabled());
      await userEvent.click(canvas.getByRole("button", { name: "Cancel" }));
      await expect(
        await canvas.findByText("Cancelled: nothing more was sent.", {}, { timeout: 3000 }),
      ).toBeVisible();
      await waitFor(() =>
        expect(canvas.getAllByRole("listitem", { name: /: cancelled$/ })).toHaveLength(3),
      );
      await expect(canvas.queryByRole("list", { name: "Errors" })).toBeNull();
    });
    await step("save again: a fresh group, and it succeeds", async () => {
      await userEvent.click(save(canvas));
      await expect(
        await canvas.findByText("All settings saved.", {}, { timeout: 3000 }),
      ).toBeVisible();
      await expect(canvas.getAllByRole("listitem", { name: /: fulfilled$/ })).toHaveLength(3);
      await expect(canvas.queryByRole("listitem", { name: /: cancelled$/ })).toBeNull();
    });
  },
};
