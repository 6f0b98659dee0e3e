import type { Meta, StoryObj } from "@storybook/react-vite";
import { type FormEvent, useEffect, useMemo, useState } from "react";
import { TaskGroupError, useAction, useTaskResult } from "react-taskgroup";
import { createTaskRecorder, TaskGroupTimeline } from "react-taskgroup/devtools";
import { expect, userEvent, waitFor, within } from "storybook/test";
import { createFakeApi, type FakeApi } from "./fakeApi.js";
import { Card, ui } from "./ui.js";

/**
 * A settings form that saves three things at once: the profile, the avatar upload and the
 * preferences, as three tasks in the scope of one run of a `useAction` with `policy: "drop"`.
 *
 * - The submit button shows progress (`saved / 3`) while the run works.
 * - The first failure cancels the other requests (fail-fast inside the run); the form lists
 *   every failure of the run's `TaskGroupError`.
 * - "Cancel" aborts the requests in flight (`save.cancel()`).
 * - Submitting twice: the policy refuses a submission while one runs, so a double click sends
 *   nothing twice. No busy guard, no `reset()`, no `flushSync`: every run is a fresh scope, and a
 *   new run clears the previous error once it succeeds.
 */
function SettingsForm({ api }: { api: FakeApi }) {
  const [saved, setSaved] = useState(0);
  const recorder = useMemo(() => createTaskRecorder(), []);
  const save = useAction(
    async (scope) => {
      // The timeline draws the requests inside each run's scope, next to the runs themselves.
      recorder.observe(scope, "requests");
      setSaved(0);
      const request = (endpoint: string, value: string) => async (signal: AbortSignal) => {
        await api.call(endpoint, value, signal);
        setSaved((n) => n + 1);
      };
      scope.spawn(request("profile", "saved"), { name: "saveProfile" });
      scope.spawn(request("avatar", "uploaded"), { name: "uploadAvatar" });
      scope.spawn(request("preferences", "saved"), { name: "savePreferences" });
    },
    { name: "saveSettings", policy: "drop" },
  );
  useEffect(() => recorder.observe(save.group, "runs"), [recorder, save.group]);
  const busy = save.running > 0;
  const last = save.last;
  // A cancelled run frees its slot at once but settles when its requests have unwound:
  // useTaskResult re-renders when it does.
  const outcomeOfLast = useTaskResult(last);
  const error = save.error instanceof TaskGroupError ? save.error : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.run();
  };

  let outcome = "";
  if (!busy && last && outcomeOfLast.status !== "pending") {
    if (error && save.lastFailed === last) outcome = "Not saved.";
    else if (last.cancelled) outcome = "Cancelled: nothing more was sent.";
    else if (outcomeOfLast.status === "fulfilled") outcome = "All settings saved.";
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
          <button type="submit" style={ui.button} aria-busy={busy}>
            {busy ? `Saving… ${saved}/3` : "Save"}
          </button>
          <button
            type="button"
            style={ui.button}
            disabled={!busy}
            onClick={() => save.cancel("user")}
          >
            Cancel
          </button>
          <output aria-live="polite">{outcome}</output>
        </div>
      </form>
      {error && save.lastFailed === last && <Failures error={error} />}
      <TaskGroupTimeline recorder={recorder} label="Save requests" />
    </div>
  );
}

/** Every failure of the run's scope, with the task that threw it. */
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

/** Three requests run at once; the button counts them up, and a second click sends nothing. */
export const SavesEverything: Story = {
  play: async ({ canvasElement, step }) => {
    const canvas = within(canvasElement);
    await step("submit: the button shows progress", async () => {
      await userEvent.click(save(canvas));
      await waitFor(() => expect(save(canvas)).toHaveTextContent("Saving… 0/3"));
      await waitFor(() => expect(save(canvas)).toHaveTextContent("Saving… 1/3"));
    });
    await step("a second click while saving is dropped: it sends nothing", async () => {
      await userEvent.click(save(canvas));
      await expect(
        await canvas.findByRole("listitem", { name: "saveSettings#2(): dropped" }),
      ).toBeVisible();
      await expect(
        canvas.getAllByRole("listitem", { name: /^(saveProfile|uploadAvatar|savePreferences): / }),
      ).toHaveLength(3);
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

/** "Cancel" aborts every request in flight; saving again starts over in a fresh scope. */
export const CancelThenSaveAgain: Story = {
  // Slow enough that Cancel comes before the first request ends, on a busy machine.
  args: { profileLatency: 1500, avatarLatency: 2000, preferencesLatency: 1800 },
  play: async ({ canvasElement, step }) => {
    const canvas = within(canvasElement);
    await step("cancel while saving", async () => {
      await userEvent.click(save(canvas));
      await waitFor(() => expect(canvas.getByRole("button", { name: "Cancel" })).toBeEnabled());
      await userEvent.click(canvas.getByRole("button", { name: "Cancel" }));
      await expect(
        await canvas.findByText("Cancelled: nothing more was sent.", {}, { timeout: 3000 }),
      ).toBeVisible();
      await waitFor(() =>
        expect(
          canvas.getAllByRole("listitem", {
            name: /^(saveProfile|uploadAvatar|savePreferences): cancelled$/,
          }),
        ).toHaveLength(3),
      );
      await expect(canvas.queryByRole("list", { name: "Errors" })).toBeNull();
    });
    await step("save again: a fresh scope, and it succeeds", async () => {
      await userEvent.click(save(canvas));
      await expect(
        await canvas.findByText("All settings saved.", {}, { timeout: 8000 }),
      ).toBeVisible();
      await expect(
        canvas.getAllByRole("listitem", {
          name: /^(saveProfile|uploadAvatar|savePreferences): fulfilled$/,
        }),
      ).toHaveLength(3);
      await expect(
        canvas.getByRole("listitem", { name: "saveSettings#2(): fulfilled" }),
      ).toBeVisible();
    });
  },
};
