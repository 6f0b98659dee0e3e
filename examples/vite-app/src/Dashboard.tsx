// Two requests in parallel under Suspense: useTasks starts them at commit, readTasks reads both.
import { Suspense } from "react";
import { readTasks, type Task, TaskGroupBoundary, useTasks } from "react-taskgroup";
import { request } from "./api";

function Profile({ user, posts }: { user: Task<string>; posts: Task<number> }) {
  const [name, count] = readTasks([user, posts] as const);
  return (
    <p data-testid="dashboard">
      {name} wrote {count} posts
    </p>
  );
}

export function Dashboard() {
  const { user, posts } = useTasks(
    (group) => ({
      user: group.spawn((signal) => request("ada", 150, signal), { name: "user" }),
      posts: group.spawn((signal) => request(7, 200, signal), { name: "posts" }),
    }),
    [],
  );
  return (
    <TaskGroupBoundary>
      <Suspense fallback={<p data-testid="dashboard-loading">loading…</p>}>
        <Profile user={user} posts={posts} />
      </Suspense>
    </TaskGroupBoundary>
  );
}
