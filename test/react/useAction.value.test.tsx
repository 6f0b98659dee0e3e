/**
 * SPEC §4.1 for `useAction`: a handle is a value. A field read only in a child, or only in a
 * `memo` child, or twice in one render, shows the current value.
 */
import { fireEvent, screen } from "@testing-library/react";
import { memo } from "react";
import { type ActionHandle, useAction } from "react-taskgroup";
import { describe, expect, it } from "vitest";
import { deferred, modes, mount, step, wrap } from "./helpers.js";

type Load = ActionHandle<[], string>;

function Twice({ handle }: { handle: Load }) {
  return <p data-testid="out">{`${String(handle.value)}/${String(handle.value)}`}</p>;
}

const MemoRuns = memo(function MemoRuns({ handle }: { handle: Load }) {
  return <p data-testid="runs">{handle.runs}</p>;
});

function Owner({ gate, onRender }: { gate: Promise<string>; onRender: () => void }) {
  const load = useAction(() => gate, { name: "load" });
  onRender();
  return (
    <>
      <button type="button" onClick={() => load.run()}>
        load
      </button>
      <Twice handle={load} />
      <MemoRuns handle={load} />
    </>
  );
}

describe.each(modes)("useAction handle as a value (%s)", (_name, Mode) => {
  it("shows fields read only in children, twice in one render, and in a memo child", async () => {
    const gate = deferred<string>();
    await mount(wrap(Mode, <Owner gate={gate.promise} onRender={() => {}} />));
    expect(screen.getByTestId("out").textContent).toBe("undefined/undefined");
    expect(screen.getByTestId("runs").textContent).toBe("0");
    await step(() => fireEvent.click(screen.getByText("load")));
    expect(screen.getByTestId("runs").textContent).toBe("1");
    await step(() => gate.resolve("data"));
    expect(screen.getByTestId("out").textContent).toBe("data/data");
  });
});
