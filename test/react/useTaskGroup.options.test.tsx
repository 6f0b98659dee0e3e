import { act, render, screen } from "@testing-library/react";
import {
  TaskGroupError,
  type TaskGroupHandle,
  TimeoutError,
  type UseTaskGroupOptions,
  useTaskGroup,
} from "react-taskgroup";
import { describe, expect, it, vi } from "vitest";
import { deferred, flush, keep, modes, Probe, step, untilAborted, wrap } from "./helpers.js";

interface OwnerProps {
  options: UseTaskGroupOptions;
  box: { handle?: TaskGroupHandle };
}

function Owner({ options, box }: OwnerProps) {
  const handle = useTaskGroup(options);
  keep(box, "handle", handle);
  return (
    <p>
      {handle.status} running={handle.running} queued={handle.queued}
    </p>
  );
}

/** Lets fake time pass inside `act`, with the notifications it releases. */
async function advance(ms: number): Promise<void> {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

describe.each(modes)("useTaskGroup options (%s)", (_, Mode) => {
  it("runs at most `limit` task functions at once, the rest in order", async () => {
    const box: OwnerProps["box"] = {};
    render(wrap(Mode, <Owner options={{ limit: 2 }} box={box} />));
    const probe = new Probe();
    const gates = [deferred(), deferred(), deferred(), deferred()];
    await step(() => {
      gates.forEach((gate, i) => {
        box.handle?.spawn(probe.fn(gate, `t${i}`));
      });
    });
    expect(probe.starts).toBe(2);
    expect(screen.getByText("open running=2 queued=2")).toBeInTheDocument();
    await step(() => gates[1]?.resolve());
    expect(probe.starts).toBe(3);
    await step(() => {
      for (const gate of gates) gate.resolve();
    });
    expect(probe.finished).toEqual(["t1", "t0", "t2", "t3"]);
  });

  it("cancels the group at its `timeout`, counted from mount", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const box: OwnerProps["box"] = {};
    render(wrap(Mode, <Owner options={{ timeout: 1000 }} box={box} />));
    let signal: AbortSignal | undefined;
    await act(async () => {
      box.handle?.spawn((s) => {
        signal = s;
        return untilAborted(s);
      });
    });
    await advance(999);
    expect(signal?.aborted).toBe(false);
    await advance(1);
    expect(signal?.aborted).toBe(true);
    expect(box.handle?.group.signal.reason).toBeInstanceOf(TimeoutError);
    await advance(1);
    // A deadline is a cancellation, not a failure: nothing is thrown to a boundary.
    expect(screen.getByText("cancelled running=0 queued=0")).toBeInTheDocument();
  });

  it("gives a task its own `timeout` through spawn options", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const box: OwnerProps["box"] = {};
    render(wrap(Mode, <Owner options={{ throwOnError: false }} box={box} />));
    await act(async () => {
      box.handle?.spawn((s) => untilAborted(s), { name: "slow", timeout: 50 });
    });
    await advance(50);
    await advance(1);
    expect(screen.getByText("failed running=0 queued=0")).toBeInTheDocument();
    expect(box.handle?.group.getSnapshot().error?.errors[0]).toBeInstanceOf(TimeoutError);
  });

  it("names the group after `name`", async () => {
    const box: OwnerProps["box"] = {};
    render(wrap(Mode, <Owner options={{ name: "checkout", throwOnError: false }} box={box} />));
    expect(box.handle?.group.name).toBe("checkout");
    await step(() => box.handle?.spawn(() => Promise.reject(new Error("card declined"))));
    expect(box.handle?.group.getSnapshot().error?.message).toMatch(/^checkout failed with 1 error/);
  });

  it("lets the other tasks run on after a failure with failFast: false", async () => {
    const box: OwnerProps["box"] = {};
    render(wrap(Mode, <Owner options={{ failFast: false, throwOnError: false }} box={box} />));
    const probe = new Probe();
    const slow = deferred<string>();
    await step(() => {
      box.handle?.spawn(probe.fn(slow, "slow"));
      box.handle?.spawn(() => Promise.reject(new Error("one failed")), { name: "bad" });
    });
    expect(probe.aborts).toBe(0);
    expect(box.handle?.group.getSnapshot().error).toBeInstanceOf(TaskGroupError);
    expect(screen.getByText("open running=1 queued=0")).toBeInTheDocument();
    await step(() => slow.resolve("done"));
    expect(probe.finished).toEqual(["slow"]);
  });

  it("reads options when a group is made (first use, reset): reset() applies the latest ones", async () => {
    const box: OwnerProps["box"] = {};
    const { rerender } = render(wrap(Mode, <Owner options={{ name: "first" }} box={box} />));
    // The group is made on first use: here.
    expect(box.handle?.group.name).toBe("first");
    rerender(wrap(Mode, <Owner options={{ name: "second" }} box={box} />));
    expect(box.handle?.group.name).toBe("first");
    await step(() => box.handle?.reset());
    expect(box.handle?.group.name).toBe("second");
    await flush();
  });
});
