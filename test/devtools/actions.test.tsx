/**
 * The timeline draws an action's runs: their name and a short label of their arguments, dropped
 * runs as a mark, retried runs as numbered attempts, runs cancelled by `restart` as cancelled.
 */
import { render, screen } from "@testing-library/react";
import { createAction, observeTasks, type TaskEvent, TaskGroup } from "react-taskgroup/core";
import { createTaskRecorder, TaskGroupTimeline } from "react-taskgroup/devtools";
import { describe, expect, it } from "vitest";
import { deferred, step } from "./helpers.js";

function row(name: RegExp): HTMLElement {
  return screen.getByRole("listitem", { name });
}

const untilAborted = (signal: AbortSignal) =>
  new Promise<never>((_, reject) => signal.addEventListener("abort", () => reject(signal.reason)));

describe("TaskGroupTimeline with actions", () => {
  it("reports every run to observeTasks, dropped ones as spawned then cancelled", async () => {
    const group = new TaskGroup();
    const events: string[] = [];
    observeTasks(group, (event: TaskEvent) => events.push(`${event.type} ${event.task.name}`));
    const gate = deferred<void>();
    const save = createAction(group, () => gate.promise, { name: "save", policy: "drop" });
    save.run();
    save.run();
    gate.resolve();
    await group.join();
    expect(events).toEqual([
      "spawn save#1",
      "start save#1",
      "spawn save#2",
      "cancelled save#2",
      "fulfilled save#1",
    ]);
  });

  it("labels runs with their arguments and draws a dropped run as a mark", async () => {
    const group = new TaskGroup({ name: "form" });
    render(<TaskGroupTimeline group={group} />);
    const gate = deferred<void>();
    const submit = createAction(group, (_scope, _text: string, _n: number) => gate.promise, {
      name: "submit",
      policy: "drop",
    });
    await step(() => {
      submit.run("hello", 2);
      submit.run("again", 3);
    });
    expect(row(/^submit#1\("hello", 2\): running$/)).toHaveAttribute("data-state", "running");
    const dropped = row(/^submit#2\("again", 3\): dropped$/);
    expect(dropped).toHaveAttribute("data-dropped");
    expect(dropped.querySelector("[data-dropped]")).not.toBeNull();
    await step(async () => {
      gate.resolve();
      await group.join();
    });
    expect(row(/^submit#1/)).toHaveAttribute("data-state", "fulfilled");
  });

  it("draws a run restarted by a newer one as cancelled", async () => {
    const group = new TaskGroup({ name: "search" });
    render(<TaskGroupTimeline group={group} />);
    const search = createAction(group, (scope, _q: string) => untilAborted(scope.signal), {
      name: "search",
      policy: "restart",
    });
    await step(() => {
      search.run("a");
      search.run("ab");
    });
    expect(row(/^search#1\("a"\)/)).toHaveAttribute("data-state", "cancelled");
    expect(row(/^search#2\("ab"\)/)).toHaveAttribute("data-state", "running");
    await step(async () => {
      search.cancel();
      await group.join();
    });
  });

  it("draws a retried run as numbered attempts", async () => {
    const group = new TaskGroup({ name: "flaky" });
    const recorder = createTaskRecorder();
    recorder.observe(group);
    render(<TaskGroupTimeline recorder={recorder} />);
    let calls = 0;
    const load = createAction(
      group,
      async () => {
        calls++;
        if (calls < 3) throw new Error(`attempt ${calls} failed`);
        return "ok";
      },
      { name: "load", retry: { retries: 3, delay: 0 } },
    );
    await step(async () => {
      await load.run();
    });
    await step();
    const bar = row(/^load#1\(\): fulfilled$/);
    const attempts = [...bar.querySelectorAll("[data-attempt]")].map((el) => el.textContent);
    expect(attempts).toEqual(["1", "2", "3"]);
    expect(recorder.getSnapshot().bars[0]?.retries).toHaveLength(2);
    expect(bar.getAttribute("title")).toContain("3 attempts");
  });

  it("labels FormData by its fields and cuts long labels", async () => {
    const group = new TaskGroup();
    const recorder = createTaskRecorder();
    recorder.observe(group);
    const post = createAction(group, async (_scope, _data: FormData | string) => {});
    const data = new FormData();
    data.set("comment", "hi");
    post.run(data);
    post.run("x".repeat(100));
    await group.join();
    await Promise.resolve();
    const labels = recorder.getSnapshot().bars.map((b) => b.args);
    expect(labels[0]).toBe("comment=hi");
    expect(labels[1]?.length).toBe(32);
    expect(labels[1]?.endsWith("…")).toBe(true);
  });
});
