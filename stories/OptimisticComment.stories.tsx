import type { Meta, StoryObj } from "@storybook/react-vite";
import { useMemo, useOptimistic, useState } from "react";
import { TaskGroupError, useAction } from "react-taskgroup";
import { TaskGroupTimeline } from "react-taskgroup/devtools";
import { expect, userEvent, waitFor, within } from "storybook/test";
import { createFakeApi, type FakeApi } from "./fakeApi.js";
import { Card, ui } from "./ui.js";

interface Comment {
  text: string;
  sending: boolean;
}

/** The first message of a run's failure: its scope's `TaskGroupError` lists the body's throw. */
function messageOf(error: unknown): string {
  const first = error instanceof TaskGroupError ? error.leaves()[0] : error;
  return first instanceof Error ? first.message : String(first);
}

/**
 * An optimistic comment: React 19's `useOptimistic` shows the comment at once, and the form's
 * action awaits `post.action(formData)`, whose promise stays pending while the run works. When
 * the server refuses, the action ends, React drops the optimistic comment (the rollback), and the
 * run's failure shows inline from `post.error`.
 */
function Thread({ api }: { api: FakeApi }) {
  const [comments, setComments] = useState<readonly string[]>(["First!"]);
  const post = useAction(
    async (scope, data: FormData) => {
      const text = String(data.get("comment"));
      const endpoint = data.get("reject") === "on" ? "rejected" : "comments";
      await api.call(endpoint, text, scope.signal);
      setComments((list) => [...list, text]);
      return text;
    },
    { name: "post" },
  );
  const [shown, addOptimistic] = useOptimistic<readonly Comment[], string>(
    comments.map((text) => ({ text, sending: false })),
    (list, text) => [...list, { text, sending: true }],
  );
  const submit = async (data: FormData) => {
    addOptimistic(String(data.get("comment")));
    await post.action(data);
  };
  return (
    <div style={ui.page}>
      <Card title="Comments">
        <ul aria-label="Comments">
          {shown.map((comment, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: comments only ever append
            <li key={i} style={comment.sending ? ui.muted : undefined}>
              {comment.sending ? `${comment.text} (sending…)` : comment.text}
            </li>
          ))}
        </ul>
        <form action={submit} style={{ display: "grid", gap: 8 }}>
          <input name="comment" aria-label="Comment" />
          <label>
            <input type="checkbox" name="reject" /> Make the server refuse it
          </label>
          <button type="submit" style={ui.button}>
            Post
          </button>
        </form>
        {post.error !== undefined && (
          <p role="alert" style={ui.error}>
            {`Not posted: ${messageOf(post.error)}`}
          </p>
        )}
      </Card>
      <TaskGroupTimeline group={post.group} label="post runs" />
    </div>
  );
}

function OptimisticStory({ latency }: { latency: number }) {
  const api = useMemo(
    () => createFakeApi({ latency: { default: latency }, failing: ["rejected"] }),
    [latency],
  );
  return <Thread api={api} />;
}

const meta = {
  title: "Actions/Optimistic comment",
  component: OptimisticStory,
  args: { latency: 300 },
} satisfies Meta<typeof OptimisticStory>;
export default meta;
type Story = StoryObj<typeof meta>;

const items = (canvas: ReturnType<typeof within>) =>
  within(canvas.getByRole("list", { name: "Comments" }))
    .getAllByRole("listitem")
    .map((item) => item.textContent);

/** A comment shows at once as sending, then for good; a refused one rolls back with an error. */
export const PostsThenRollsBack: Story = {
  play: async ({ canvasElement, step }) => {
    const canvas = within(canvasElement);
    await step("post: shown at once, confirmed later", async () => {
      await userEvent.type(canvas.getByLabelText("Comment"), "Nice");
      await userEvent.click(canvas.getByRole("button", { name: "Post" }));
      await waitFor(() => expect(items(canvas)).toEqual(["First!", "Nice (sending…)"]));
      await waitFor(() => expect(items(canvas)).toEqual(["First!", "Nice"]), { timeout: 3000 });
      // React resets the uncontrolled form once the action is over.
      const input = canvas.getByLabelText("Comment") as HTMLInputElement;
      await waitFor(() => expect(input.value).toBe(""));
    });
    await step("refused: the optimistic comment rolls back, the error shows", async () => {
      // user-event keeps its own idea of the field's text: clear it after React's reset.
      await userEvent.clear(canvas.getByLabelText("Comment"));
      await userEvent.type(canvas.getByLabelText("Comment"), "Spam");
      await userEvent.click(canvas.getByLabelText("Make the server refuse it"));
      await userEvent.click(canvas.getByRole("button", { name: "Post" }));
      await waitFor(() => expect(items(canvas)).toEqual(["First!", "Nice", "Spam (sending…)"]));
      await expect(await canvas.findByRole("alert", {}, { timeout: 3000 })).toHaveTextContent(
        "Not posted: rejected: 500 Internal Server Error",
      );
      await waitFor(() => expect(items(canvas)).toEqual(["First!", "Nice"]));
      // The action resolved (a failure without throwOnError), so React reset the form as well.
      const input = canvas.getByLabelText("Comment") as HTMLInputElement;
      await waitFor(() => expect(input.value).toBe(""));
      await expect(
        canvas.getByRole("listitem", { name: /^post#2\(comment=Spam&reject=on\): failed$/ }),
      ).toBeVisible();
    });
  },
};
