import { TaskGroup } from "react-taskgroup/core";
import { createTaskRecorder, describeError } from "react-taskgroup/devtools";
import { describe, expect, it, vi } from "vitest";

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("createTaskRecorder", () => {
  it("records the tasks of a child scope under its own label", async () => {
    const recorder = createTaskRecorder();
    const listener = vi.fn();
    recorder.subscribe(listener);
    await TaskGroup.run(
      async (parent) => {
        recorder.observe(parent);
        parent.spawn(() => "p", { name: "parentTask" });
        await parent.run(
          async (child) => {
            recorder.observe(child, "child scope");
            await child.spawn(async () => "c", { name: "childTask" });
          },
          { name: "child" },
        );
      },
      { name: "parent" },
    );
    await tick();
    const { bars, groups, live } = recorder.getSnapshot();
    expect(groups).toEqual(["parent", "child scope"]);
    expect(live).toBe(0);
    expect(bars.map((b) => [b.group, b.name, b.state])).toEqual([
      ["parent", "parentTask", "fulfilled"],
      ["child scope", "childTask", "fulfilled"],
    ]);
    expect(listener).toHaveBeenCalled();
  });

  it("records nothing after the observation stops, and ends the bars still live", async () => {
    const recorder = createTaskRecorder();
    const group = new TaskGroup();
    const stop = recorder.observe(group);
    let release!: () => void;
    group.spawn(() => new Promise<void>((resolve) => (release = resolve)), { name: "long" });
    await tick();
    expect(recorder.getSnapshot().live).toBe(1);
    stop();
    group.spawn(() => 1, { name: "unseen" });
    release();
    await group.join();
    await tick();
    const { bars, live } = recorder.getSnapshot();
    expect(live).toBe(0);
    expect(bars).toHaveLength(1);
    expect(bars[0]).toMatchObject({ name: "long", state: "running" });
    expect(bars[0]?.ended).toBeTypeOf("number");
  });

  it("stops observing by itself once the group has finished", async () => {
    const recorder = createTaskRecorder();
    const group = new TaskGroup({ name: "done" });
    const subscribe = group.subscribe.bind(group);
    const unsubscribed = vi.fn();
    vi.spyOn(group, "subscribe").mockImplementation((listener) => {
      const unsubscribe = subscribe(listener);
      return () => {
        unsubscribed();
        unsubscribe();
      };
    });
    recorder.observe(group);
    group.spawn(() => 1);
    await group.join();
    await tick();
    expect(unsubscribed).toHaveBeenCalledTimes(1);
  });

  it("describes cancellations with their cause", () => {
    const cause = new Error("boom");
    const cancel = Object.assign(new Error("TaskGroup was cancelled", { cause }), {
      name: "AbortError",
    });
    expect(describeError(cancel)).toBe("AbortError: TaskGroup was cancelled (cause: Error: boom)");
    expect(describeError("plain")).toBe("plain");
  });
});
