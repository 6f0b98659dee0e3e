"use client";
// The README's dashboard: useTasks starts the work, readTask reads it under Suspense.
import { Suspense } from "react";
import { readTask, type Task, TaskGroupBoundary, useTasks } from "react-taskgroup";
import { request } from "../../lib/api";

function Profile({ user, posts }: { user: Task<string>; posts: Task<number> }) {
  return (
    <p data-testid="dashboard">
      {readTask(user)} wrote {readTask(posts)} posts
    </p>
  );
}

export function Dashboard({ userId }: { userId: string }) {
  const tasks = useTasks(
    (group) => ({
      user: group.spawn((signal) => request(userId, 150, signal), { name: "user" }),
      posts: group.spawn((signal) => request(7, 200, signal), { name: "posts" }),
    }),
    [userId],
  );
  return (
    <TaskGroupBoundary>
      <Suspense fallback={<p data-testid="loading">loading…</p>}>
        <Profile user={tasks.user} posts={tasks.posts} />
      </Suspense>
    </TaskGroupBoundary>
  );
}
