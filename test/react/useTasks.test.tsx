import { screen } from "@testing-library/react";
import { type ReactNode, StrictMode, Suspense, startTransition, useState } from "react";
import { readTask, type Task, TaskGroup, TaskGroupBoundary, useTasks } from "react-taskgroup";
import { describe, expect, it } from "vitest";
import {
  type Deferred,
  deferred,
  expectCaught,
  flush,
  keep,
  modes,
  mount,
  Probe,
  step,
  tally,
  wrap,
} from "./helpers.js";

interface LoaderProps {
  id: number;
  probe: Probe;
  gate: Deferred<string>;
  seen?: { setups: number; startsInRender: number[]; statuses: string[] };
  crash?: boolean;
  block?: Task<unknown> | undefined;
}

function Show({ task }: { task: Task<string> }) {
  return <p>{readTask(task)}</p>;
}

function Loader({ id, probe, gate, seen, crash, block }: LoaderProps) {
  const tasks = useTasks(
    (group) => {
      if (seen) tally(seen, "setups");
      return { user: group.spawn(probe.fn(gate, `user-${id}`), { name: `user-${id}` }) };
    },
    [id, probe, gate],
  );
  if (seen) {
    keep(seen.startsInRender, seen.startsInRender.length, probe.starts);
    keep(seen.statuses, seen.statuses.length, tasks.user.status);
  }
  if (crash) throw new Error("render crashed");
  const content = (
    <TaskGroupBoundary fallbackRender={({ errors }) => <p>failed: {errors[0]?.task}</p>}>
      <Suspense fallback={<p>loading</p>}>
        <Show task={tasks.user} />
      </Suspense>
    </TaskGroupBoundary>
  );
  return block ? <Blocker task={block}>{content}</Blocker> : content;
}

/** Suspends its render until `task` settles (with no Suspense boundary of its own). */
function Blocker({ task, children }: { task: Task<unknown>; children: ReactNode }) {
  readTask(task);
  return children;
}

function seen(): NonNullable<LoaderProps["seen"]> {
  return { setups: 0, startsInRender: [], statuses: [] };
}

/** A task that never settles: reading it suspends for good. */
function forever(): Task<unknown> {
  return new TaskGroup().spawn(() => new Promise<never>(() => {}));
}

interface SwitchProps {
  probe: Probe;
  gates: Record<1 | 2, Deferred<string>>;
  control: { set?: (state: SwitchState) => void };
}
interface SwitchState {
  id: 1 | 2;
  block?: Task<unknown>;
}

function Switch({ probe, gates, control }: SwitchProps) {
  const [state, setState] = useState<SwitchState>({ id: 1 });
  keep(control, "set", setState);
  return <Loader id={state.id} probe={probe} gate={gates[state.id]} block={state.block} />;
}

describe.each(modes)("useTasks (%s)", (_, Mode) => {
  const strict = Mode === StrictMode;

  it("runs setup during render and returns its result at once, started only on commit", async () => {
    const probe = new Probe();
    const gate = deferred<string>();
    const s = seen();
    await mount(wrap(Mode, <Loader id={1} probe={probe} gate={gate} seen={s} />));
    expect(s.setups).toBeGreaterThan(0);
    expect(s.statuses[0]).toBe("pending");
    // No render saw its own task function running: they start when the render commits.
    expect(s.startsInRender[0]).toBe(0);
    expect(screen.getByText("loading")).toBeInTheDocument();
    await step(() => gate.resolve("ada"));
    expect(await screen.findByText("ada")).toBeInTheDocument();
    // StrictMode rehearses the unmount: one run was cancelled, exactly one finished.
    expect(probe.starts).toBe(strict ? 2 : 1);
    expect(probe.aborts).toBe(strict ? 1 : 0);
    expect(probe.finished).toEqual(["user-1"]);
    expect(probe.live).toBe(0);
  });

  it("starts nothing for a render that throws", async () => {
    expectCaught(/render crashed/);
    const probe = new Probe();
    await mount(
      wrap(
        Mode,
        <TaskGroupBoundary fallback={<p>crashed</p>}>
          <Loader id={1} probe={probe} gate={deferred()} crash />
        </TaskGroupBoundary>,
      ),
    );
    await flush();
    expect(screen.getByText("crashed")).toBeInTheDocument();
    expect(probe.starts).toBe(0);
  });

  it("starts nothing for a mount that suspends before committing; the retry starts it once", async () => {
    const probe = new Probe();
    const gate = deferred<string>();
    const unblock = deferred<string>();
    const block = new TaskGroup().spawn(() => unblock.promise);
    const s = seen();
    await mount(
      wrap(
        Mode,
        <Suspense fallback={<p>outer</p>}>
          <Loader id={1} probe={probe} gate={gate} seen={s} block={block} />
        </Suspense>,
      ),
    );
    await flush();
    expect(screen.getByText("outer")).toBeInTheDocument();
    expect(s.setups).toBeGreaterThan(0);
    expect(probe.starts).toBe(0);
    await step(() => unblock.resolve("go"));
    await step(() => gate.resolve("ada"));
    expect(await screen.findByText("ada")).toBeInTheDocument();
    expect(probe.finished).toEqual(["user-1"]);
    expect(probe.live).toBe(0);
  });

  it("keeps the committed work when a transition to new deps is abandoned", async () => {
    const probe = new Probe();
    const gates = { 1: deferred<string>(), 2: deferred<string>() };
    const control: SwitchProps["control"] = {};
    await mount(wrap(Mode, <Switch probe={probe} gates={gates} control={control} />));
    await step(() => gates[1].resolve("one"));
    expect(await screen.findByText("one")).toBeInTheDocument();
    const startsBefore = probe.starts;
    // The render for id 2 suspends on something else and never commits; then id 1 comes back.
    await step(() => startTransition(() => control.set?.({ id: 2, block: forever() })));
    expect(screen.getByText("one")).toBeInTheDocument();
    await step(() => control.set?.({ id: 1 }));
    expect(screen.getByText("one")).toBeInTheDocument();
    expect(probe.starts).toBe(startsBefore);
    expect(probe.live).toBe(0);
  });

  it("cancels the old group and runs setup again when deps change", async () => {
    const probe = new Probe();
    const one = deferred<string>();
    const two = deferred<string>();
    const { update } = await mount(wrap(Mode, <Loader id={1} probe={probe} gate={one} />));
    const first = probe.signals.at(-1);
    await update(wrap(Mode, <Loader id={2} probe={probe} gate={two} />));
    expect(first?.aborted).toBe(true);
    await step(() => two.resolve("two"));
    expect(await screen.findByText("two")).toBeInTheDocument();
    expect(probe.finished).toEqual(["user-2"]);
    expect(probe.live).toBe(0);
  });

  it("cancels its group on unmount", async () => {
    const probe = new Probe();
    const { unmount } = await mount(wrap(Mode, <Loader id={1} probe={probe} gate={deferred()} />));
    expect(probe.live).toBe(1);
    unmount();
    expect(probe.live).toBe(0);
    expect(probe.signals.every((signal) => signal.aborted)).toBe(true);
    await flush();
  });
});
