import { render, screen, within } from "@testing-library/react";
import { StrictMode } from "react";
import { TaskGroup } from "react-taskgroup/core";
import { TaskGroupTimeline } from "react-taskgroup/devtools";
import { describe, expect, it, vi } from "vitest";
import { deferred, gated, sleep, step } from "./helpers.js";

function bar(name: string): HTMLElement {
  return screen.getByRole("listitem", { name: new RegExp(`^${name}: `) });
}

/** Swallows a settled group's rejection: these tests look at the timeline, not at join(). */
function settle(group: TaskGroup): Promise<void> {
  return group.join().catch(() => {});
}

describe("TaskGroupTimeline", () => {
  it("draws each task as a bar that follows it from queued to fulfilled", async () => {
    const group = new TaskGroup({ name: "dashboard", limit: 1 });
    render(<TaskGroupTimeline group={group} />);
    const user = deferred<string>();
    const posts = deferred<string>();
    await step(() => {
      group.spawn(gated(user), { name: "loadUser" });
      group.spawn(gated(posts), { name: "loadPosts" });
    });
    expect(screen.getByRole("region", { name: "Timeline: dashboard" })).toBeInTheDocument();
    expect(bar("loadUser")).toHaveAttribute("data-state", "running");
    expect(bar("loadPosts")).toHaveAttribute("data-state", "queued");
    expect(screen.getByRole("listitem", { name: "loadPosts: queued" })).toBeInTheDocument();

    await step(() => user.resolve("ada"));
    expect(bar("loadUser")).toHaveAttribute("data-state", "fulfilled");
    expect(bar("loadPosts")).toHaveAttribute("data-state", "running");

    await step(async () => {
      posts.resolve("posts");
      await settle(group);
    });
    expect(screen.getByRole("listitem", { name: "loadUser: fulfilled" })).toBeInTheDocument();
    expect(screen.getByRole("listitem", { name: "loadPosts: fulfilled" })).toBeInTheDocument();
    expect(screen.getByText("2 tasks · 2 fulfilled")).toBeInTheDocument();
  });

  it("shows a failure and the cancellations it causes, with the error on hover", async () => {
    const group = new TaskGroup({ name: "form", limit: 2 });
    render(<TaskGroupTimeline group={group} />);
    const avatar = deferred<void>();
    await step(() => {
      group.spawn(gated(deferred()), { name: "saveProfile" });
      group.spawn(gated(avatar), { name: "uploadAvatar" });
      group.spawn(gated(deferred()), { name: "savePreferences" });
    });
    await step(async () => {
      avatar.reject(new Error("413 Payload Too Large"));
      await settle(group);
    });
    expect(bar("uploadAvatar")).toHaveAttribute("data-state", "failed");
    expect(bar("uploadAvatar").title).toContain("Error: 413 Payload Too Large");
    expect(bar("saveProfile")).toHaveAttribute("data-state", "cancelled");
    expect(bar("saveProfile").title).toMatch(/AbortError: .*cause: Error: 413 Payload Too Large/);
    // Dropped before it ever started: cancelled, with no running time.
    expect(bar("savePreferences")).toHaveAttribute("data-state", "cancelled");
    expect(bar("savePreferences").title).not.toContain("ran ");
  });

  it("marks tasks that time out as failed and a group deadline as cancelled", async () => {
    const group = new TaskGroup({ name: "slow", timeout: 30 });
    render(<TaskGroupTimeline group={group} />);
    const other = new TaskGroup({ name: "fast", failFast: false });
    render(<TaskGroupTimeline group={other} />);
    await step(() => {
      group.spawn(gated(deferred()), { name: "crawl" });
      other.spawn(gated(deferred()), { name: "ping", timeout: 10 });
    });
    await sleep(60);
    await step(() => Promise.all([settle(group), settle(other)]).then(() => {}));
    expect(bar("crawl")).toHaveAttribute("data-state", "cancelled");
    expect(bar("crawl").title).toContain("TimeoutError");
    expect(bar("ping")).toHaveAttribute("data-state", "failed");
    expect(bar("ping").title).toContain("TimeoutError");
  });

  it("updates the time scale while tasks run, and stops once none is live", async () => {
    const raf = vi.spyOn(globalThis, "requestAnimationFrame");
    const group = new TaskGroup();
    const { container } = render(<TaskGroupTimeline group={group} />);
    const root = container.querySelector("section") as HTMLElement;
    const gate = deferred<void>();
    await step(() => {
      group.spawn(gated(gate), { name: "work" });
    });
    const first = Number(root.style.getPropertyValue("--tg-now"));
    await sleep(80);
    const later = Number(root.style.getPropertyValue("--tg-now"));
    expect(later).toBeGreaterThan(first);
    expect(raf).toHaveBeenCalled();

    await step(async () => {
      gate.resolve();
      await settle(group);
    });
    const calls = raf.mock.calls.length;
    const final = root.style.getPropertyValue("--tg-now");
    await sleep(60);
    expect(raf.mock.calls.length).toBe(calls);
    expect(root.style.getPropertyValue("--tg-now")).toBe(final);
  });

  it("stops observing and animating when unmounted", async () => {
    const group = new TaskGroup({ name: "gone" });
    const subscribe = group.subscribe.bind(group);
    const unsubscribed = vi.fn();
    vi.spyOn(group, "subscribe").mockImplementation((listener) => {
      const unsubscribe = subscribe(listener);
      return () => {
        unsubscribed();
        unsubscribe();
      };
    });
    const cancelFrame = vi.spyOn(globalThis, "cancelAnimationFrame");
    const { unmount } = render(<TaskGroupTimeline group={group} />);
    const gate = deferred<void>();
    await step(() => {
      group.spawn(gated(gate), { name: "work" });
    });
    expect(unsubscribed).not.toHaveBeenCalled();
    unmount();
    expect(unsubscribed).toHaveBeenCalledTimes(1);
    expect(cancelFrame).toHaveBeenCalled();
    await step(async () => {
      gate.resolve();
      await settle(group);
    });
  });

  it("starts over when given another group, and ignores the old one", async () => {
    const first = new TaskGroup({ name: "first" });
    const second = new TaskGroup({ name: "second" });
    const { rerender } = render(<TaskGroupTimeline group={first} />);
    const gate = deferred<void>();
    await step(() => {
      first.spawn(gated(gate), { name: "old" });
    });
    expect(bar("old")).toHaveAttribute("data-state", "running");

    rerender(<TaskGroupTimeline group={second} />);
    await step(() => {
      second.spawn(() => "new", { name: "fresh" });
      gate.resolve();
    });
    await step(() => Promise.all([settle(first), settle(second)]).then(() => {}));
    expect(screen.getByRole("region", { name: "Timeline: second" })).toBeInTheDocument();
    expect(bar("fresh")).toHaveAttribute("data-state", "fulfilled");
    expect(screen.queryByRole("listitem", { name: /^old: / })).toBeNull();
  });

  it("shows tasks spawned before it mounted from their next event", async () => {
    const group = new TaskGroup({ name: "early", limit: 1 });
    const a = deferred<void>();
    group.spawn(gated(a), { name: "first" });
    group.spawn(() => "second", { name: "second" });
    render(<TaskGroupTimeline group={group} />);
    expect(screen.getByText("No tasks yet")).toBeInTheDocument();
    await step(async () => {
      a.resolve();
      await settle(group);
    });
    expect(bar("first")).toHaveAttribute("data-state", "fulfilled");
    expect(bar("second")).toHaveAttribute("data-state", "fulfilled");
  });

  it("works under StrictMode without drawing a task twice", async () => {
    const group = new TaskGroup({ name: "strict" });
    render(
      <StrictMode>
        <TaskGroupTimeline group={group} />
      </StrictMode>,
    );
    await step(async () => {
      group.spawn(() => 1, { name: "once" });
      await settle(group);
    });
    expect(screen.getAllByRole("listitem")).toHaveLength(1);
    expect(bar("once")).toHaveAttribute("data-state", "fulfilled");
  });

  it("keeps at most maxTasks bars, dropping the oldest settled ones", async () => {
    const group = new TaskGroup({ name: "busy" });
    render(<TaskGroupTimeline group={group} maxTasks={3} legend={false} />);
    await step(async () => {
      for (let i = 1; i <= 5; i++) await group.spawn(() => i, { name: `t${i}` });
    });
    const list = screen.getByRole("list", { name: "Tasks" });
    expect(
      within(list)
        .getAllByRole("listitem")
        .map((li) => li.dataset.task),
    ).toEqual(["t3", "t4", "t5"]);
  });
});
