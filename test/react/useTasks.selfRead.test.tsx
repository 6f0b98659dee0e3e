/**
 * A component that reads its own useTasks tasks suspends a render that has not committed, so its
 * tasks (which start at commit) would never start. After a grace period they start anyway, and the
 * render React retries finds them (see adoption.ts).
 */
import { act, screen } from "@testing-library/react";
import { StrictMode, Suspense } from "react";
import { InvalidStateError, readTask, TaskGroupBoundary, useTasks } from "react-taskgroup";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  type Deferred,
  deferred,
  expectCaught,
  keep,
  modes,
  mount,
  Probe,
  tally,
  wrap,
} from "./helpers.js";

const GRACE_MS = 1;
const EXPIRY_MS = 30_000;

interface SelfProps {
  id: number;
  probe: Probe;
  gate: Deferred<string>;
  setups?: { count: number };
  /** Also spawn a task that runs until cancelled. */
  background?: boolean;
}

function SelfReader({ id, probe, gate, setups, background }: SelfProps) {
  const tasks = useTasks(
    (group) => {
      if (setups) tally(setups, "count");
      if (background) group.spawn(probe.fn(deferred(), "background"));
      return { user: group.spawn(probe.fn(gate, `user-${id}`)) };
    },
    [id, probe, gate],
  );
  return <p>{readTask(tasks.user)}</p>;
}

/** Reads its own tasks with deps that are a fresh object on every render. */
function Unstable({ probe, gate }: { probe: Probe; gate: Deferred<string> }) {
  const tasks = useTasks((group) => ({ user: group.spawn(probe.fn(gate)) }), [{ id: 1 }]);
  return <p>{readTask(tasks.user)}</p>;
}

function Page({ children }: { children: React.ReactNode }) {
  return (
    <TaskGroupBoundary fallbackRender={({ error }) => <p role="alert">{String(error)}</p>}>
      <Suspense fallback={<p>loading</p>}>{children}</Suspense>
    </TaskGroupBoundary>
  );
}

/** Lets fake time pass inside `act`, then real macrotasks for React's own scheduling. */
async function advance(ms: number): Promise<void> {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Two readers with the same setup and deps, the second one optional. */
function Twins({ probe, gate, second }: { probe: Probe; gate: Deferred<string>; second: boolean }) {
  return (
    <>
      <Page>{<SelfReader id={1} probe={probe} gate={gate} background />}</Page>
      {second && <Page>{<SelfReader id={1} probe={probe} gate={gate} background />}</Page>}
    </>
  );
}

describe.each(modes)("a component reading its own useTasks tasks (%s)", (_, Mode) => {
  it("starts them after the grace period and renders the value", async () => {
    const probe = new Probe();
    const gate = deferred<string>();
    await mount(wrap(Mode, <Page>{<SelfReader id={1} probe={probe} gate={gate} />}</Page>));
    expect(screen.getByText("loading")).toBeInTheDocument();
    await advance(GRACE_MS - 1);
    expect(probe.starts).toBe(0);
    await advance(1);
    expect(probe.starts).toBe(1);
    await act(async () => gate.resolve("ada"));
    // StrictMode's remount rehearsal cancels the committed work: the fresh work waits again.
    await advance(GRACE_MS);
    vi.useRealTimers();
    expect(await screen.findByText("ada")).toBeInTheDocument();
    expect(probe.finished.length).toBe(Mode === StrictMode ? 2 : 1);
    expect(probe.live).toBe(0);
  });

  it("runs setup once for the first render and its retry", async () => {
    const probe = new Probe();
    const gate = deferred<string>();
    const setups = { count: 0 };
    gate.resolve("ada");
    await mount(
      wrap(Mode, <Page>{<SelfReader id={1} probe={probe} gate={gate} setups={setups} />}</Page>),
    );
    await advance(GRACE_MS);
    await advance(GRACE_MS);
    vi.useRealTimers();
    expect(await screen.findByText("ada")).toBeInTheDocument();
    // StrictMode renders twice (React 18 runs setup in both calls) and remounts once.
    expect(setups.count).toBeLessThanOrEqual(Mode === StrictMode ? 3 : 1);
  });

  it("fails loudly with InvalidStateError when its deps change on every render", async () => {
    expectCaught(/InvalidStateError/);
    const probe = new Probe();
    const gate = deferred<string>();
    gate.resolve("value");
    await mount(wrap(Mode, <Page>{<Unstable probe={probe} gate={gate} />}</Page>));
    for (let i = 0; i < 10 && !screen.queryByRole("alert"); i++) await advance(GRACE_MS);
    expect(screen.getByRole("alert")).toHaveTextContent(/InvalidStateError: useTasks: .* deps/);
    // Three renders that never committed started their tasks; the third lookalike throws.
    expect(probe.starts).toBe(3);
    await advance(EXPIRY_MS);
    expect(probe.live).toBe(0);
  });
});

describe("adopted work", () => {
  it("is cancelled when no render claims it: a reader that went away before it committed", async () => {
    const probe = new Probe();
    const gate = deferred<string>();
    const { unmount } = await mount(<Page>{<SelfReader id={1} probe={probe} gate={gate} />}</Page>);
    await advance(GRACE_MS);
    expect(probe.live).toBe(1);
    unmount();
    await advance(EXPIRY_MS);
    expect(probe.live).toBe(0);
    expect(probe.aborts).toBe(1);
  });

  it("does not mistake readers with different stable deps for unstable deps", async () => {
    const probe = new Probe();
    const gates = [deferred<string>(), deferred<string>(), deferred<string>(), deferred<string>()];
    for (const id of [0, 1, 2]) {
      const { unmount } = await mount(
        <Page>{<SelfReader id={id} probe={probe} gate={gates[id] as Deferred<string>} />}</Page>,
      );
      await advance(GRACE_MS);
      unmount();
    }
    expect(probe.live).toBe(3);
    const last = gates[3] as Deferred<string>;
    await mount(<Page>{<SelfReader id={3} probe={probe} gate={last} />}</Page>);
    await advance(GRACE_MS);
    await act(async () => last.resolve("fourth"));
    vi.useRealTimers();
    expect(await screen.findByText("fourth")).toBeInTheDocument();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("shares one piece of work between two identical readers until both let go", async () => {
    const probe = new Probe();
    const gate = deferred<string>();
    const { update, unmount } = await mount(<Twins probe={probe} gate={gate} second />);
    await advance(GRACE_MS);
    expect(probe.starts).toBe(2);
    await act(async () => gate.resolve("twin"));
    vi.useRealTimers();
    expect(await screen.findAllByText("twin")).toHaveLength(2);
    await update(<Twins probe={probe} gate={gate} second={false} />);
    expect(probe.aborts).toBe(0);
    expect(probe.live).toBe(1);
    unmount();
    expect(probe.live).toBe(0);
  });
});

it("throws InvalidStateError, not a hang, as a type users can catch", async () => {
  expectCaught(/InvalidStateError/);
  const probe = new Probe();
  const gate = deferred<string>();
  gate.resolve("value");
  const caught: { error?: unknown } = {};
  await mount(
    <TaskGroupBoundary
      fallbackRender={({ error }) => {
        keep(caught, "error", error);
        return <p role="alert">caught</p>;
      }}
    >
      <Suspense fallback={<p>loading</p>}>
        <Unstable probe={probe} gate={gate} />
      </Suspense>
    </TaskGroupBoundary>,
  );
  for (let i = 0; i < 10 && !screen.queryByRole("alert"); i++) await advance(GRACE_MS);
  expect(caught.error).toBeInstanceOf(InvalidStateError);
  expect(caught.error).toBeInstanceOf(Error);
  expect((caught.error as Error).name).toBe("InvalidStateError");
  await advance(EXPIRY_MS);
  expect(probe.live).toBe(0);
});
