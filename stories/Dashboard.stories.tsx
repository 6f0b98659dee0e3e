import type { Meta, StoryObj } from "@storybook/react-vite";
import { Suspense, useMemo, useState } from "react";
import {
  type FallbackProps,
  readTask,
  type Task,
  TaskGroupBoundary,
  useTasks,
} from "react-taskgroup";
import { TaskGroupTimeline } from "react-taskgroup/devtools";
import { expect, userEvent, waitFor, within } from "storybook/test";
import { createFakeApi, type FakeApi } from "./fakeApi.js";
import { Card, ui } from "./ui.js";

interface User {
  name: string;
  email: string;
}
interface Post {
  id: number;
  title: string;
}

/**
 * A dashboard that loads three things in parallel. `useTasks` starts the requests when the
 * dashboard commits; each card reads its task with `readTask` and suspends (showing its own
 * placeholder) until the data is there. The first failure cancels the other requests (fail-fast) and the boundary
 * lists the failures; "Try again" starts a fresh group.
 */
function Dashboard({ api }: { api: FakeApi }) {
  const [attempt, setAttempt] = useState(1);
  const { group, user, posts, notifications } = useTasks(
    (group) => ({
      group,
      user: group.spawn(
        (signal) =>
          api.call<User>("user", { name: "Ada Lovelace", email: "ada@example.com" }, signal),
        { name: "loadUser" },
      ),
      posts: group.spawn(
        (signal) =>
          api.call<Post[]>(
            "posts",
            [
              { id: 1, title: "Notes on the Analytical Engine" },
              { id: 2, title: "On Bernoulli numbers" },
            ],
            signal,
          ),
        { name: "loadPosts" },
      ),
      notifications: group.spawn(
        (signal) => api.call<string[]>("notifications", ["Charles replied to you"], signal),
        { name: "loadNotifications" },
      ),
    }),
    [api, attempt],
  );
  return (
    <div style={ui.page}>
      <TaskGroupBoundary FallbackComponent={Failures} onReset={() => setAttempt((n) => n + 1)}>
        <div style={ui.columns}>
          <Suspense fallback={<Loading title="User" />}>
            <UserCard task={user} />
          </Suspense>
          <Suspense fallback={<Loading title="Posts" />}>
            <PostsCard task={posts} />
          </Suspense>
          <Suspense fallback={<Loading title="Notifications" />}>
            <NotificationsCard task={notifications} />
          </Suspense>
        </div>
      </TaskGroupBoundary>
      <TaskGroupTimeline group={group} label={`Dashboard requests (attempt ${attempt})`} />
    </div>
  );
}

function Loading({ title }: { title: string }) {
  return (
    <Card title={title}>
      <p role="status" style={ui.muted}>
        Loading {title.toLowerCase()}…
      </p>
    </Card>
  );
}

function UserCard({ task }: { task: Task<User> }) {
  const user = readTask(task);
  return (
    <Card title="User">
      <strong>{user.name}</strong>
      <div style={ui.muted}>{user.email}</div>
    </Card>
  );
}

function PostsCard({ task }: { task: Task<Post[]> }) {
  return (
    <Card title="Posts">
      <ul>
        {readTask(task).map((post) => (
          <li key={post.id}>{post.title}</li>
        ))}
      </ul>
    </Card>
  );
}

function NotificationsCard({ task }: { task: Task<string[]> }) {
  return (
    <Card title="Notifications">
      <ul>
        {readTask(task).map((text) => (
          <li key={text}>{text}</li>
        ))}
      </ul>
    </Card>
  );
}

/** The boundary's fallback: every failure of the group, with the name of its task. */
function Failures({ errors, resetErrorBoundary }: FallbackProps) {
  return (
    <div role="alert" style={ui.error}>
      <strong>
        The dashboard could not load: {errors.length} failure{errors.length === 1 ? "" : "s"}
      </strong>
      <ul>
        {errors.map((failure, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: failures only ever append
          <li key={i}>
            {failure.task ?? "render"}: {String(failure.error)}
          </li>
        ))}
      </ul>
      <button type="button" style={ui.button} onClick={() => resetErrorBoundary()}>
        Try again
      </button>
    </div>
  );
}

interface Args {
  /** Latency of GET /user, ms. */
  userLatency: number;
  /** Latency of GET /posts, ms. */
  postsLatency: number;
  /** Latency of GET /notifications, ms. */
  notificationsLatency: number;
  /** The request that fails, if any. */
  failing: "none" | "user" | "posts" | "notifications";
  /** Whether the failing request recovers on the next attempt ("Try again"). */
  recovers: boolean;
}

function DashboardStory(args: Args) {
  const { userLatency, postsLatency, notificationsLatency, failing, recovers } = args;
  const api = useMemo(
    () =>
      createFakeApi({
        latency: { user: userLatency, posts: postsLatency, notifications: notificationsLatency },
        failing: failing === "none" ? [] : [failing],
        ...(recovers ? { failTimes: 1 } : {}),
      }),
    [userLatency, postsLatency, notificationsLatency, failing, recovers],
  );
  return <Dashboard api={api} />;
}

const meta = {
  title: "Scenarios/Dashboard",
  component: DashboardStory,
  args: {
    userLatency: 120,
    postsLatency: 250,
    notificationsLatency: 180,
    failing: "none",
    recovers: true,
  },
  argTypes: {
    userLatency: { control: { type: "range", min: 0, max: 3000, step: 50 } },
    postsLatency: { control: { type: "range", min: 0, max: 3000, step: 50 } },
    notificationsLatency: { control: { type: "range", min: 0, max: 3000, step: 50 } },
    failing: { control: "inline-radio", options: ["none", "user", "posts", "notifications"] },
  },
} satisfies Meta<typeof DashboardStory>;
export default meta;
type Story = StoryObj<typeof meta>;

/** All three requests succeed: the cards show their data and every bar ends fulfilled. */
export const LoadsInParallel: Story = {
  // Slow enough that the play test sees every loading state, on a busy machine.
  args: { userLatency: 600, postsLatency: 900, notificationsLatency: 750 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getAllByRole("status").map((el) => el.textContent)).toEqual([
      "Loading user…",
      "Loading posts…",
      "Loading notifications…",
    ]);
    for (const text of [
      "Ada Lovelace",
      "Notes on the Analytical Engine",
      "Charles replied to you",
    ]) {
      await expect(await canvas.findByText(text, {}, { timeout: 5000 })).toBeVisible();
    }
    for (const name of ["loadUser", "loadPosts", "loadNotifications"]) {
      await waitFor(() =>
        expect(canvas.getByRole("listitem", { name: `${name}: fulfilled` })).toHaveAttribute(
          "data-state",
          "fulfilled",
        ),
      );
    }
  },
};

/**
 * Posts fail first: the group cancels the user and notifications requests at once (fail-fast),
 * the boundary lists the failure, and the timeline shows the cancelled bars ending early.
 * The fake API recovers, so "Try again" loads the dashboard with a fresh group.
 */
export const OneRequestFails: Story = {
  args: { failing: "posts", postsLatency: 60, userLatency: 250, notificationsLatency: 250 },
  parameters: {
    // React logs every error a boundary catches.
    expectedConsole: { error: [/error boundary you provided, TaskGroupBoundary/] },
  },
  play: async ({ canvasElement, step }) => {
    const canvas = within(canvasElement);
    const alert = await canvas.findByRole("alert", {}, { timeout: 3000 });
    await step("the boundary lists the failure with its task", async () => {
      await expect(alert).toHaveTextContent("1 failure");
      await expect(alert).toHaveTextContent("loadPosts: Error: posts: 503 Service Unavailable");
    });
    await step("the other requests were cancelled, not left running", async () => {
      await waitFor(() =>
        expect(canvas.getByRole("listitem", { name: "loadUser: cancelled" })).toBeVisible(),
      );
      await expect(canvas.getByRole("listitem", { name: "loadPosts: failed" })).toHaveAttribute(
        "title",
        expect.stringContaining("503 Service Unavailable"),
      );
      await expect(
        canvas.getByRole("listitem", { name: "loadNotifications: cancelled" }),
      ).toBeVisible();
    });
    await step("Try again starts a fresh group, which succeeds", async () => {
      await userEvent.click(canvas.getByRole("button", { name: "Try again" }));
      await expect(await canvas.findByText("Ada Lovelace", {}, { timeout: 3000 })).toBeVisible();
      await expect(canvas.getByText(/attempt 2/)).toBeVisible();
      await waitFor(() =>
        expect(canvas.getAllByRole("listitem", { name: /: fulfilled$/ })).toHaveLength(3),
      );
      await expect(canvas.queryByRole("listitem", { name: /: failed$/ })).toBeNull();
    });
  },
};
