import { act, render, screen } from "@testing-library/react";
import { type ReactNode, useEffect, useLayoutEffect } from "react";
import {
  CancelledError,
  InvalidStateError,
  type TaskGroupHandle,
  type UseTaskGroupOptions,
  useTaskGroup,
} from "react-taskgroup";
import { describe, expect, it } from "vitest";
import { deferred, flush, modes, Probe, step, untilAborted, wrap } from "./helpers.js";

interface OwnerProps {
  options?: UseTaskGroupOptions;
  onRender?: (handle: TaskGroupHandle) => void;
  /** Called with the handle of each committed render (StrictMode's first render call is not). */
  onCommit?: (handle: TaskGroupHandle) => void;
  show?: (handle: TaskGroupHandle) => ReactNode;
  children?: (handle: TaskGroupHandle) => ReactNode;
}

function Owner({ options, onRender, onCommit, show, children }: OwnerProps) {
  const handle = useTaskGroup(options);
  onRender?.(handle);
  useLayoutEffect(() => {
    onCommit?.(handle);
  });
  return (
    <>
      {show?.(handle)}
      {children?.(handle)}
    </>
  );
}

/** Spawns into a parent's group from its own effect, as a child given `spawn` would. */
function EffectSpawner({ spawn, fn, layout }: SpawnerProps) {
  useLayoutEffect(() => {
    if (layout) spawn(fn, { name: "from-child" });
  }, [layout, spawn, fn]);
  useEffect(() => {
    if (!layout) spawn(fn, { name: "from-child" });
  }, [layout, spawn, fn]);
  return null;
}
interface SpawnerProps {
  spawn: TaskGroupHandle["spawn"];
  fn: (signal: AbortSignal) => Promise<unknown>;
  layout: boolean;
}

function latest(): { handle: TaskGroupHandle; onRender(handle: TaskGroupHandle): void } {
  const box = {
    handle: undefined as unknown as TaskGroupHandle,
    onRender(handle: TaskGroupHandle) {
      box.handle = handle;
    },
  };
  return box;
}

describe.each(modes)("useTaskGroup lifecycle (%s)", (_, Mode) => {
  it("aborts every task's signal synchronously on unmount", async () => {
    const box = latest();
    const { unmount } = render(wrap(Mode, <Owner onRender={box.onRender} />));
    const signals: AbortSignal[] = [];
    await step(() => {
      for (let i = 0; i < 3; i++) {
        box.handle.spawn((signal) => {
          signals.push(signal);
          return untilAborted(signal);
        });
      }
    });
    expect(signals).toHaveLength(3);
    expect(signals.some((signal) => signal.aborted)).toBe(false);
    unmount();
    expect(signals.every((signal) => signal.aborted)).toBe(true);
    expect(box.handle.group.signal.aborted).toBe(true);
    await flush();
  });

  it("cancels with a CancelledError that says why, and leaves stacks alone for the listeners it runs", async () => {
    const box = latest();
    const { unmount } = render(wrap(Mode, <Owner onRender={box.onRender} />));
    let madeInListener: Error | undefined;
    let task: ReturnType<TaskGroupHandle["spawn"]> | undefined;
    await step(() => {
      task = box.handle.spawn((signal) => {
        signal.addEventListener("abort", () => {
          madeInListener = new Error("made while aborting");
        });
        return untilAborted(signal);
      });
    });
    const limit = Error.stackTraceLimit;
    unmount();
    await flush();
    expect(Error.stackTraceLimit).toBe(limit);
    expect(task?.cancelled).toBe(true);
    const reason = task?.reason as CancelledError;
    expect(reason).toBeInstanceOf(CancelledError);
    expect(reason.name).toBe("AbortError");
    expect(reason.message).toBe('TaskGroup "TaskGroup" was cancelled');
    expect(reason.cause).toBe("The component that owns this TaskGroup unmounted");
    expect(box.handle.group.signal.reason).toBe(reason);
    expect(String(reason.stack).split("\n")[0]).toBe(`AbortError: ${reason.message}`);
    expect(madeInListener?.stack).toMatch(/\n\s+at /);
  });

  it.each([true, false])(
    "lets nothing follow an unmount, even tasks that reject later (throwOnError %s)",
    async (throwOnError) => {
      const box = latest();
      let renders = 0;
      const late = deferred<never>();
      const { unmount } = render(
        wrap(
          Mode,
          <Owner
            options={{ throwOnError }}
            onRender={(handle) => {
              renders++;
              box.onRender(handle);
            }}
            show={(h) => `${h.status} ${h.running} ${h.settled} ${String(h.error)}`}
          />,
        ),
      );
      await step(() => {
        // Ignores its signal and fails after the unmount; another rejects with its abort reason.
        box.handle.spawn(() => late.promise, { name: "stubborn" });
        box.handle.spawn((signal) => untilAborted(signal), { name: "polite" });
        // Without throwOnError a failure stays in the handle; nobody awaits this task.
        if (!throwOnError) box.handle.spawn(() => Promise.reject(new Error("never awaited")));
      });
      const rendersAtUnmount = renders;
      unmount();
      late.reject(new Error("too late"));
      await flush();
      expect(renders).toBe(rendersAtUnmount);
      // The guard fails this test on any warning, act() complaint or unhandled rejection.
    },
  );

  it("leaves no unhandled rejection from a run() scope that the unmount cancelled", async () => {
    const box = latest();
    const { unmount } = render(wrap(Mode, <Owner onRender={box.onRender} />));
    let scopeSignal: AbortSignal | undefined;
    let awaited: Promise<unknown> | undefined;
    await step(() => {
      // One scope is let go (fire and forget), the other is awaited by its caller.
      void box.handle.run(async (group) => {
        scopeSignal = group.signal;
        group.spawn((signal) => untilAborted(signal));
      });
      awaited = box.handle.run((group) => group.spawn((signal) => untilAborted(signal)));
    });
    unmount();
    expect(scopeSignal?.aborted).toBe(true);
    // The caller that awaits still hears the cancellation.
    await expect(awaited).rejects.toBeInstanceOf(CancelledError);
    await flush();
  });

  it("keeps its methods' identity across renders and reset()", async () => {
    const handles: TaskGroupHandle[] = [];
    render(wrap(Mode, <Owner onCommit={(h) => handles.push(h)} show={(h) => h.running} />));
    const first = handles[0] as TaskGroupHandle;
    const gate = deferred<number>();
    await step(() => first.spawn(() => gate.promise));
    await step(() => gate.resolve(1));
    await step(() => first.reset());
    const last = handles.at(-1) as TaskGroupHandle;
    expect(handles.length).toBeGreaterThan(2);
    expect(last.group).not.toBe(first.group);
    for (const handle of handles) {
      expect(handle.spawn).toBe(first.spawn);
      expect(handle.run).toBe(first.run);
      expect(handle.cancel).toBe(first.cancel);
      expect(handle.reset).toBe(first.reset);
    }
  });

  it("reset() cancels the current group and starts a fresh one that works", async () => {
    const box = latest();
    render(wrap(Mode, <Owner onRender={box.onRender} show={(h) => <p>status {h.status}</p>} />));
    const old = box.handle.group;
    let oldSignal: AbortSignal | undefined;
    await step(() => {
      box.handle.spawn((signal) => {
        oldSignal = signal;
        return untilAborted(signal);
      });
      box.handle.cancel("stop");
    });
    expect(screen.getByText("status cancelled")).toBeInTheDocument();
    expect(() => box.handle.spawn(() => 1)).toThrow(InvalidStateError);
    await step(() => box.handle.reset());
    expect(oldSignal?.aborted).toBe(true);
    expect(box.handle.group).not.toBe(old);
    expect(screen.getByText("status open")).toBeInTheDocument();
    const task = box.handle.spawn(() => "fresh");
    await act(async () => {
      await expect(task).resolves.toBe("fresh");
    });
    await flush();
  });

  it("leaves a working group after mount, including after StrictMode's remount rehearsal", async () => {
    const box = latest();
    render(wrap(Mode, <Owner onRender={box.onRender} show={(h) => <p>status {h.status}</p>} />));
    expect(box.handle.group.signal.aborted).toBe(false);
    expect(screen.getByText("status open")).toBeInTheDocument();
    const probe = new Probe();
    const gate = deferred<string>();
    const task = box.handle.spawn(probe.fn(gate));
    await step(() => gate.resolve("done"));
    expect(task.status).toBe("fulfilled");
    expect(probe.finished).toEqual(["task"]);
  });

  it.each([false, true])(
    "runs a task a child spawns from its mount effect (layout effect: %s)",
    async (layout) => {
      const probe = new Probe();
      const gate = deferred<string>();
      const fn = probe.fn(gate);
      render(
        wrap(
          Mode,
          <Owner>{(h) => <EffectSpawner spawn={h.spawn} fn={fn} layout={layout} />}</Owner>,
        ),
      );
      await step(() => gate.resolve("ok"));
      // StrictMode rehearses the effect: the first run's task is cancelled, the second finishes.
      expect(probe.finished).toEqual(["task"]);
      expect(probe.live).toBe(0);
    },
  );

  it("rejects a spawn after unmount instead of running it", async () => {
    const box = latest();
    const { unmount } = render(wrap(Mode, <Owner onRender={box.onRender} />));
    unmount();
    await flush();
    let called = false;
    const attempt = () =>
      box.handle.spawn(() => {
        called = true;
      });
    expect(attempt).toThrow(InvalidStateError);
    expect(called).toBe(false);
    expect(box.handle.group.signal.reason).toBeInstanceOf(CancelledError);
    await flush();
  });
});

/** Spawns one task from an effect when `use` is set; else holds the hook unused. */
function Idle({ use }: { use: boolean }) {
  const { spawn } = useTaskGroup();
  useEffect(() => {
    if (use) spawn(untilAborted);
  }, [use, spawn]);
  return <p>row</p>;
}

describe("an unused useTaskGroup", () => {
  /** Counts the AbortControllers made while `fn` runs: each group makes one. */
  async function controllersMadeBy(fn: () => Promise<void>): Promise<number> {
    let made = 0;
    const Native = globalThis.AbortController;
    class Counting extends Native {
      constructor() {
        super();
        made++;
      }
    }
    globalThis.AbortController = Counting;
    try {
      await fn();
    } finally {
      globalThis.AbortController = Native;
    }
    return made;
  }

  it.each(modes)("makes no group until it is used (%s)", async (_, Mode) => {
    const idle = await controllersMadeBy(async () => {
      const { unmount } = render(wrap(Mode, <Idle use={false} />));
      await flush();
      unmount();
      await flush();
    });
    expect(idle).toBe(0);
    const used = await controllersMadeBy(async () => {
      const { unmount } = render(wrap(Mode, <Idle use />));
      await flush();
      unmount();
      await flush();
    });
    expect(used).toBeGreaterThan(0);
  });
});
