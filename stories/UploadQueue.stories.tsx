import type { Meta, StoryObj } from "@storybook/react-vite";
import { useMemo } from "react";
import { useAction } from "react-taskgroup";
import { TaskGroupTimeline } from "react-taskgroup/devtools";
import { expect, userEvent, waitFor, within } from "storybook/test";
import { createFakeApi, type FakeApi } from "./fakeApi.js";
import { Card, ui } from "./ui.js";

const files = ["a.png", "b.png", "c.png", "d.png", "e.png"];

/**
 * An upload queue: `policy: "enqueue"` with `limit: 2` uploads two files at a time and keeps the
 * rest waiting, FIFO. The progress comes from the action's snapshot: `runs` asked for, `running`
 * and `queued` now, so `runs - running - queued` are done.
 */
function Uploads({ api }: { api: FakeApi }) {
  const upload = useAction(async (scope, file: string) => api.call("upload", file, scope.signal), {
    name: "upload",
    policy: "enqueue",
    limit: 2,
  });
  const { runs, running, queued } = upload;
  const done = runs - running - queued;
  return (
    <div style={ui.page}>
      <Card title="Uploads">
        <div style={ui.row}>
          <button
            type="button"
            style={ui.button}
            onClick={() => {
              for (const file of files) upload.run(file);
            }}
          >
            Upload 5 files
          </button>
          <button type="button" style={ui.button} onClick={() => upload.cancel("user")}>
            Cancel all
          </button>
        </div>
        <progress max={Math.max(runs, 1)} value={done} aria-label="Upload progress" />
        <p aria-live="polite">
          {`${done}/${runs} done · ${running} uploading · ${queued} waiting`}
        </p>
        <p>{`At most ${api.load.peak} at once`}</p>
      </Card>
      <TaskGroupTimeline group={upload.group} label="upload runs" />
    </div>
  );
}

function UploadQueueStory({ latency }: { latency: number }) {
  const api = useMemo(() => createFakeApi({ latency: { upload: latency } }), [latency]);
  return <Uploads api={api} />;
}

const meta = {
  title: "Actions/Upload queue",
  component: UploadQueueStory,
  args: { latency: 300 },
} satisfies Meta<typeof UploadQueueStory>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Five files: two upload while three wait, and never more than two at once. */
export const TwoAtATime: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole("button", { name: "Upload 5 files" }));
    await expect(await canvas.findByText("0/5 done · 2 uploading · 3 waiting")).toBeVisible();
    await expect(
      await canvas.findByText("5/5 done · 0 uploading · 0 waiting", {}, { timeout: 5000 }),
    ).toBeVisible();
    await waitFor(() =>
      expect(
        canvas.getAllByRole("listitem", { name: /^upload#\d\(".\.png"\): fulfilled$/ }),
      ).toHaveLength(5),
    );
    await expect(canvas.getByText("At most 2 at once")).toBeVisible();
  },
};
