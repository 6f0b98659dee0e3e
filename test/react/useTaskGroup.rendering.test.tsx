import { act, render, screen } from "@testing-library/react";
import { StrictMode } from "react";
import { type TaskGroupHandle, useTaskGroup } from "react-taskgroup";
import { describe, expect, it } from "vitest";
import { deferred, flush, keep, modes, step, tally, wrap } from "./helpers.js";

type Field = "status" | "running" | "queued" | "settled" | "error";

interface ReaderProps {
  /** The snapshot fields this component reads during render. */
  fields: readonly Field[];
  counter: { renders: number; handle?: TaskGroupHandle };
  limit?: number;
}

function Reader({ fields, counter, limit }: ReaderProps) {
  const handle = useTaskGroup(limit === undefined ? {} : { limit });
  tally(counter, "renders");
  keep(counter, "handle", handle);
  return <p>{fields.map((field) => `${field}=${String(handle[field])}`).join(" ")}</p>;
}

function counter(): { renders: number; handle?: TaskGroupHandle } {
  return { renders: 0 };
}

/** Lets each of `count` tasks settle after its own number of microtask hops, within one turn. */
function staggered(gate: Promise<void>, count: number) {
  return Array.from({ length: count }, (_, i) => async () => {
    await gate;
    for (let hop = 0; hop < i % 40; hop++) await Promise.resolve();
    return i;
  });
}

describe.each(modes)("useTaskGroup rendering (%s)", (_, Mode) => {
  // StrictMode calls the component twice per render: count renders, not calls.
  const perRender = Mode === StrictMode ? 2 : 1;

  it("never re-renders a component that only spawns because of its tasks", async () => {
    const c = counter();
    render(wrap(Mode, <Reader fields={[]} counter={c} />));
    await flush();
    const before = c.renders;
    const gate = deferred();
    await step(() => {
      for (const fn of staggered(gate.promise, 20)) c.handle?.spawn(fn);
    });
    await step(() => gate.resolve());
    expect(c.handle?.group.getSnapshot()).toMatchObject({ settled: 20, running: 0 });
    expect(c.renders).toBe(before);
  });

  it("shows a single settlement within the act() that settled it, without waiting for a timer", async () => {
    const c = counter();
    render(wrap(Mode, <Reader fields={["running", "settled"]} counter={c} />));
    const gate = deferred<number>();
    await act(async () => {
      c.handle?.spawn(() => gate.promise);
    });
    expect(screen.getByText("running=1 settled=0")).toBeInTheDocument();
    await act(async () => {
      gate.resolve(1);
    });
    expect(screen.getByText("running=0 settled=1")).toBeInTheDocument();
    await flush();
  });

  it("re-renders a component that reads `settled` as tasks settle", async () => {
    const c = counter();
    render(wrap(Mode, <Reader fields={["settled"]} counter={c} />));
    const gate = deferred();
    await step(() => {
      for (const fn of staggered(gate.promise, 5)) c.handle?.spawn(fn);
    });
    expect(screen.getByText("settled=0")).toBeInTheDocument();
    await step(() => gate.resolve());
    expect(screen.getByText("settled=5")).toBeInTheDocument();
  });

  it("re-renders only for the fields read during render", async () => {
    const c = counter();
    render(wrap(Mode, <Reader fields={["status"]} counter={c} />));
    await flush();
    const before = c.renders;
    const gate = deferred();
    await step(() => {
      for (const fn of staggered(gate.promise, 10)) c.handle?.spawn(fn);
    });
    await step(() => gate.resolve());
    expect(c.renders).toBe(before);
    await step(() => c.handle?.cancel());
    expect(screen.getByText("status=cancelled")).toBeInTheDocument();
    expect(c.renders).toBe(before + perRender);
  });

  it("shows running and queued counts under a limit", async () => {
    const c = counter();
    render(wrap(Mode, <Reader fields={["running", "queued", "settled"]} counter={c} limit={2} />));
    const gates = [deferred(), deferred(), deferred()];
    await step(() => {
      for (const gate of gates) c.handle?.spawn(() => gate.promise);
    });
    expect(screen.getByText("running=2 queued=1 settled=0")).toBeInTheDocument();
    await step(() => gates[0]?.resolve());
    expect(screen.getByText("running=2 queued=0 settled=1")).toBeInTheDocument();
  });

  it("costs at most two renders for 200 tasks settling within one macrotask turn", async () => {
    const c = counter();
    render(wrap(Mode, <Reader fields={["running", "settled"]} counter={c} />));
    const gate = deferred();
    await step(() => {
      for (const fn of staggered(gate.promise, 200)) c.handle?.spawn(fn);
    });
    expect(screen.getByText("running=200 settled=0")).toBeInTheDocument();
    const before = c.renders;
    await step(() => gate.resolve());
    expect(screen.getByText("running=0 settled=200")).toBeInTheDocument();
    expect(c.renders - before).toBeGreaterThan(0);
    expect(c.renders - before).toBeLessThanOrEqual(2 * perRender);
  });

  it("costs at most two renders for 200 spawns from one event handler", async () => {
    const c = counter();
    render(wrap(Mode, <Reader fields={["running", "settled"]} counter={c} />));
    await flush();
    const before = c.renders;
    await step(() => {
      for (let i = 0; i < 200; i++) c.handle?.spawn(() => i);
    });
    expect(screen.getByText("running=0 settled=200")).toBeInTheDocument();
    expect(c.renders - before).toBeLessThanOrEqual(2 * perRender);
  });
});
