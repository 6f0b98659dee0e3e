import { act, fireEvent, screen } from "@testing-library/react";
import { useEffect, useState } from "react";
import {
  type FallbackProps,
  TaskGroupBoundary,
  TaskGroupError,
  useTaskGroup,
  useTaskGroupBoundary,
} from "react-taskgroup";
import { describe, expect, it, vi } from "vitest";
import { expectCaught, flush, modes, mount, wrap } from "./helpers.js";

async function click(name: string): Promise<void> {
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name }));
  });
  await flush();
}

/** Shows `error` in the nearest boundary from a click. */
function Thrower({ error }: { error: unknown }) {
  const { showBoundary } = useTaskGroupBoundary();
  return (
    <button type="button" onClick={() => showBoundary(error)}>
      fail
    </button>
  );
}

/** Shows `error` in the nearest boundary from an effect. */
function EffectThrower({ error }: { error: unknown }) {
  const { showBoundary } = useTaskGroupBoundary();
  useEffect(() => {
    showBoundary(error);
  }, [showBoundary, error]);
  return <p>effect</p>;
}

/** Runs a child scope whose two tasks fail, and shows its rejection in the boundary. */
function Checkout() {
  const { run } = useTaskGroup();
  const { showBoundary } = useTaskGroupBoundary();
  const pay = () => {
    run((scope) => {
      scope.spawn(() => Promise.reject(new Error("card declined")), { name: "charge" });
      scope.spawn(() => Promise.reject(new Error("address missing")), { name: "ship" });
    }).catch(showBoundary);
  };
  return (
    <button type="button" onClick={pay}>
      pay
    </button>
  );
}

/** A fallback that resets through the hook, not through its props. */
function ResettingFallback({ errors }: FallbackProps) {
  const { resetBoundary } = useTaskGroupBoundary();
  return (
    <div role="alert">
      <p>
        {errors.map((f) => `${f.task ?? "-"}: ${String((f.error as Error).message)}`).join(", ")}
      </p>
      <button type="button" onClick={resetBoundary}>
        again
      </button>
    </div>
  );
}

/** A child that resets its boundary through the hook. */
function Resetter() {
  const { resetBoundary } = useTaskGroupBoundary();
  const [clicks, setClicks] = useState(0);
  return (
    <button
      type="button"
      onClick={() => {
        setClicks(clicks + 1);
        resetBoundary();
      }}
    >
      reset {clicks}
    </button>
  );
}

describe.each(modes)("useTaskGroupBoundary (%s)", (_, Mode) => {
  it("shows an error from an event handler in the nearest boundary, calling onError once", async () => {
    expectCaught(/from a click/);
    const onError = vi.fn();
    const error = new Error("from a click");
    await mount(
      wrap(
        Mode,
        <TaskGroupBoundary
          fallbackRender={({ error: e }) => <p>caught {String(e)}</p>}
          onError={onError}
        >
          <Thrower error={error} />
        </TaskGroupBoundary>,
      ),
    );
    await click("fail");
    expect(screen.getByText("caught Error: from a click")).toBeInTheDocument();
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]?.[0]).toBe(error);
  });

  it("shows an error from an effect", async () => {
    expectCaught(/from an effect/);
    await mount(
      wrap(
        Mode,
        <TaskGroupBoundary fallbackRender={({ error: e }) => <p>caught {String(e)}</p>}>
          <EffectThrower error={new Error("from an effect")} />
        </TaskGroupBoundary>,
      ),
    );
    await flush();
    expect(screen.getByText("caught Error: from an effect")).toBeInTheDocument();
  });

  it("gives the fallback every failure of a TaskGroupError, with its task's name", async () => {
    expectCaught(/failed/);
    await mount(
      wrap(
        Mode,
        <TaskGroupBoundary FallbackComponent={ResettingFallback}>
          <Checkout />
        </TaskGroupBoundary>,
      ),
    );
    await click("pay");
    expect(screen.getByRole("alert")).toHaveTextContent(
      "charge: card declined, ship: address missing",
    );
  });

  it("renders the default fallback for a shown TaskGroupError, titled with its count", async () => {
    expectCaught(/failed/);
    await mount(
      wrap(
        Mode,
        <TaskGroupBoundary>
          <Checkout />
        </TaskGroupBoundary>,
      ),
    );
    await click("pay");
    expect(screen.getByRole("alert")).toHaveTextContent("2 tasks failed");
  });

  it("resets the boundary from its fallback, with onReset's imperative-api details", async () => {
    expectCaught(/once/);
    const onReset = vi.fn();
    await mount(
      wrap(
        Mode,
        <TaskGroupBoundary FallbackComponent={ResettingFallback} onReset={onReset}>
          <Thrower error={new Error("once")} />
        </TaskGroupBoundary>,
      ),
    );
    await click("fail");
    expect(screen.getByRole("alert")).toHaveTextContent("-: once");
    await click("again");
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.getByRole("button", { name: "fail" })).toBeInTheDocument();
    expect(onReset).toHaveBeenCalledTimes(1);
    expect(onReset).toHaveBeenCalledWith({ reason: "imperative-api", args: [] });
  });

  it("does nothing when a child resets a boundary that shows its children", async () => {
    const onReset = vi.fn();
    await mount(
      wrap(
        Mode,
        <TaskGroupBoundary onReset={onReset}>
          <Resetter />
        </TaskGroupBoundary>,
      ),
    );
    await click("reset 0");
    // The child kept its state: no remount.
    expect(screen.getByRole("button", { name: "reset 1" })).toBeInTheDocument();
    expect(onReset).not.toHaveBeenCalled();
  });

  it("reaches the nearest boundary only", async () => {
    expectCaught(/inner/);
    await mount(
      wrap(
        Mode,
        <TaskGroupBoundary fallback={<p>outer fallback</p>}>
          <p>outer content</p>
          <TaskGroupBoundary fallback={<p>inner fallback</p>}>
            <Thrower error={new Error("inner")} />
          </TaskGroupBoundary>
        </TaskGroupBoundary>,
      ),
    );
    await click("fail");
    expect(screen.getByText("inner fallback")).toBeInTheDocument();
    expect(screen.getByText("outer content")).toBeInTheDocument();
    expect(screen.queryByText("outer fallback")).toBeNull();
  });

  it("throws the very value given, which is not wrapped", async () => {
    expectCaught(/TaskGroup failed|nested/);
    const error = new TaskGroupError([new Error("nested")], [undefined]);
    const seen = vi.fn();
    await mount(
      wrap(
        Mode,
        <TaskGroupBoundary
          fallbackRender={(props) => {
            seen(props.error);
            return <p>shown</p>;
          }}
        >
          <Thrower error={error} />
        </TaskGroupBoundary>,
      ),
    );
    await click("fail");
    expect(seen).toHaveBeenCalledWith(error);
  });
});
