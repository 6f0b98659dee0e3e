/**
 * SPEC §4.1: a handle is a value. Every read of a field on one handle gives the same current
 * value, the first read of a field not tracked yet included, wherever it happens (twice in one
 * render, after an early return, only in a child, in a `memo` child, through `useMemo` deps, in a
 * branch). The components here are written as an app would be, so the react*-compiled projects
 * run them through React Compiler too (which reads a getter more than once per render).
 */
import { act, fireEvent, screen } from "@testing-library/react";
import { memo, useMemo, useState } from "react";
import { type TaskGroupHandle, useTaskGroup } from "react-taskgroup";
import { describe, expect, it } from "vitest";
import { deferred, flush, modes, mount, wrap } from "./helpers.js";

type Gate = Promise<void>;

/** A button that spawns three tasks settling with `gate`. */
function SpawnThree({ spawn, gate }: { spawn: TaskGroupHandle["spawn"]; gate: Gate }) {
  const start = () => {
    for (let i = 0; i < 3; i++) spawn(() => gate);
  };
  return (
    <button type="button" onClick={start}>
      spawn
    </button>
  );
}

function Show({ onClick }: { onClick: () => void }) {
  return (
    <button type="button" onClick={onClick}>
      show
    </button>
  );
}

/** Reads `settled` twice in one render, as plain code and compiled code both may. */
function Twice({ handle }: { handle: TaskGroupHandle }) {
  return (
    <p data-testid="out">
      {handle.settled}/{handle.settled}
    </p>
  );
}

/** The owner reads no field; a child it shows later is given the handle. */
function OwnerWithChild({ gate }: { gate: Gate }) {
  const handle = useTaskGroup();
  const [shown, setShown] = useState(false);
  return (
    <>
      <SpawnThree spawn={handle.spawn} gate={gate} />
      <Show onClick={() => setShown(true)} />
      {shown ? <Twice handle={handle} /> : null}
    </>
  );
}

function Destructured({ gate }: { gate: Gate }) {
  const { settled, running, spawn } = useTaskGroup();
  return (
    <>
      <SpawnThree spawn={spawn} gate={gate} />
      <p data-testid="out">
        {settled}/{running}
      </p>
    </>
  );
}

/** Takes the methods by name and the rest of the fields whole, as an app may pass them on. */
function RestDestructured({ gate }: { gate: Gate }) {
  const { spawn, group, ...state } = useTaskGroup();
  return (
    <>
      <SpawnThree spawn={spawn} gate={gate} />
      <p data-testid="out">
        {Object.keys(state).sort().join(",")} {state.settled}/{state.running}{" "}
        {group.signal.aborted ? "aborted" : "live"}
      </p>
    </>
  );
}

function EarlyReturn({ gate }: { gate: Gate }) {
  const handle = useTaskGroup();
  const [shown, setShown] = useState(false);
  if (!shown) {
    return (
      <>
        <SpawnThree spawn={handle.spawn} gate={gate} />
        <Show onClick={() => setShown(true)} />
      </>
    );
  }
  return <p data-testid="out">{handle.settled}</p>;
}

const MemoTwice = memo(Twice);

function OwnerWithMemoChild({ gate }: { gate: Gate }) {
  const handle = useTaskGroup();
  return (
    <>
      <SpawnThree spawn={handle.spawn} gate={gate} />
      <MemoTwice handle={handle} />
    </>
  );
}

/** A memo child that first reads `settled` when its own state changes, from the handle it holds. */
const LateReader = memo(function LateReader({ handle }: { handle: TaskGroupHandle }) {
  const [shown, setShown] = useState(false);
  if (!shown) return <Show onClick={() => setShown(true)} />;
  return <p data-testid="out">{handle.settled}</p>;
});

function OwnerWithLateReader({ gate }: { gate: Gate }) {
  const handle = useTaskGroup();
  return (
    <>
      <SpawnThree spawn={handle.spawn} gate={gate} />
      <LateReader handle={handle} />
    </>
  );
}

function InUseMemo({ gate }: { gate: Gate }) {
  const handle = useTaskGroup();
  const label = useMemo(() => `settled ${handle.settled}`, [handle]);
  return (
    <>
      <SpawnThree spawn={handle.spawn} gate={gate} />
      <p data-testid="out">{label}</p>
    </>
  );
}

function Conditional({ gate }: { gate: Gate }) {
  const handle = useTaskGroup();
  const [shown, setShown] = useState(false);
  return (
    <>
      <SpawnThree spawn={handle.spawn} gate={gate} />
      <Show onClick={() => setShown(true)} />
      <p data-testid="out">{shown ? handle.settled : "hidden"}</p>
    </>
  );
}

async function click(name: string): Promise<void> {
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name }));
  });
  await flush();
}

const out = () => screen.getByTestId("out").textContent;

describe.each(modes)("a useTaskGroup handle is a value (%s)", (_, Mode) => {
  it("an owner spawns three tasks and reads nothing; a child shown after they settle renders 3, twice", async () => {
    const gate = deferred();
    await mount(wrap(Mode, <OwnerWithChild gate={gate.promise} />));
    await click("spawn");
    await act(async () => gate.resolve());
    await flush();
    await click("show");
    expect(out()).toBe("3/3");
  });

  it("keeps a child that first read a field after the tasks settled current afterwards", async () => {
    const first = deferred();
    await mount(wrap(Mode, <OwnerWithChild gate={first.promise} />));
    await click("spawn");
    await act(async () => first.resolve());
    await flush();
    await click("show");
    expect(out()).toBe("3/3");
    await click("spawn");
    await flush();
    expect(out()).toBe("6/6");
  });

  it("gives the current values to a component that destructures the handle", async () => {
    const gate = deferred();
    await mount(wrap(Mode, <Destructured gate={gate.promise} />));
    expect(out()).toBe("0/0");
    await click("spawn");
    expect(out()).toBe("0/3");
    await act(async () => gate.resolve());
    await flush();
    expect(out()).toBe("3/0");
  });

  it("gives every field, tracked and current, to rest destructuring", async () => {
    const gate = deferred();
    await mount(wrap(Mode, <RestDestructured gate={gate.promise} />));
    const fields = "cancel,error,queued,reset,run,running,settled,status";
    expect(out()).toBe(`${fields} 0/0 live`);
    await click("spawn");
    expect(out()).toBe(`${fields} 0/3 live`);
    await act(async () => gate.resolve());
    await flush();
    expect(out()).toBe(`${fields} 3/0 live`);
  });

  it("gives the current value to a field first read after an early return", async () => {
    const gate = deferred();
    await mount(wrap(Mode, <EarlyReturn gate={gate.promise} />));
    await click("spawn");
    await act(async () => gate.resolve());
    await flush();
    await click("show");
    expect(out()).toBe("3");
  });

  it("re-renders a memo child that reads a field the owner never reads", async () => {
    const gate = deferred();
    await mount(wrap(Mode, <OwnerWithMemoChild gate={gate.promise} />));
    expect(out()).toBe("0/0");
    await click("spawn");
    await act(async () => gate.resolve());
    await flush();
    expect(out()).toBe("3/3");
  });

  it("catches up a memo child that first reads a field from the handle it already held", async () => {
    const gate = deferred();
    await mount(wrap(Mode, <OwnerWithLateReader gate={gate.promise} />));
    await click("spawn");
    await act(async () => gate.resolve());
    await flush();
    await click("show");
    expect(out()).toBe("3");
  });

  it("gives a new handle when a value changes, so useMemo on the handle recomputes", async () => {
    const gate = deferred();
    await mount(wrap(Mode, <InUseMemo gate={gate.promise} />));
    expect(out()).toBe("settled 0");
    await click("spawn");
    await act(async () => gate.resolve());
    await flush();
    expect(out()).toBe("settled 3");
  });

  it("gives the current value to a field read only in one branch, and follows it from then on", async () => {
    const first = deferred();
    await mount(wrap(Mode, <Conditional gate={first.promise} />));
    await click("spawn");
    await act(async () => first.resolve());
    await flush();
    expect(out()).toBe("hidden");
    await click("show");
    expect(out()).toBe("3");
    await click("spawn");
    expect(out()).toBe("6");
  });
});
