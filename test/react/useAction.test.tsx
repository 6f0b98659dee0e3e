/**
 * SPEC §3.4: `useAction` binds an action to the component. Methods keep their identity, `run`
 * calls the latest committed body, snapshot fields are tracked and coalesced, unmount cancels
 * every run, StrictMode leaks nothing, failures stay inline unless `throwOnError`.
 */
import { fireEvent, screen } from "@testing-library/react";
import { useEffect } from "react";
import { renderToString } from "react-dom/server";
import {
  type ActionHandle,
  InvalidStateError,
  TaskGroupBoundary,
  TaskGroupError,
  type UseActionOptions,
  useAction,
} from "react-taskgroup";
import { describe, expect, it, vi } from "vitest";
import {
  deferred,
  expectCaught,
  flush,
  modes,
  mount,
  step,
  untilAborted,
  wrap,
} from "./helpers.js";

type Save = ActionHandle<[string], string>;
type Body = (scope: { signal: AbortSignal }, text: string) => Promise<string>;

interface OwnerProps {
  body: Body;
  options?: UseActionOptions;
  onHandle?: (handle: Save) => void;
  onRender?: () => void;
  /** What the owner renders from its handle; nothing read when absent. */
  show?: (handle: Save) => string;
}

/** An owner as an app writes it: one action, shown through `show`. */
function Owner({ body, options, onHandle, onRender, show }: OwnerProps) {
  const save = useAction(body, options);
  onRender?.();
  useEffect(() => {
    onHandle?.(save);
  });
  return <p data-testid="out">{show ? show(save) : ""}</p>;
}

function Child({ run }: { run: Save["run"] }) {
  useEffect(() => {
    const started = run("x");
    return () => started.cancel();
  }, [run]);
  return null;
}

/** An owner whose child runs from its mount effect. */
function OwnerRunningFromChild({ body }: { body: Body }) {
  const save = useAction(body);
  return (
    <>
      <p data-testid="out">{save.running}</p>
      <Child run={save.run} />
    </>
  );
}

function Clicker({ body, options }: { body: Body; options?: UseActionOptions }) {
  const save = useAction(body, options);
  return (
    <button type="button" onClick={() => save.run("x")}>
      {`runs ${save.runs}`}
    </button>
  );
}

function OnlyRuns({ body, onRender }: { body: Body; onRender: () => void }) {
  const save = useAction(body);
  onRender();
  return (
    <button type="button" onClick={() => save.run("x")}>
      go
    </button>
  );
}

const errorText = (save: Save) =>
  save.error instanceof TaskGroupError ? (save.error.leaves()[0] as Error).message : "none";

describe.each(modes)("useAction (%s)", (name, Mode) => {
  const perCommit = name === "StrictMode" ? 2 : 1;

  it("runs the body in a scope and shows running, then the value, in two renders", async () => {
    const gate = deferred<string>();
    const signals: AbortSignal[] = [];
    let renders = 0;
    let handle: Save | undefined;
    const body: Body = async (scope, text) => {
      signals.push(scope.signal);
      return `${text}:${await gate.promise}`;
    };
    await mount(
      wrap(
        Mode,
        <Owner
          body={body}
          onHandle={(h) => {
            handle = h;
          }}
          onRender={() => renders++}
          show={(save) => `${save.running}|${String(save.value)}`}
        />,
      ),
    );
    expect(screen.getByTestId("out").textContent).toBe("0|undefined");
    const before = renders;
    await step(() => handle?.run("a"));
    expect(screen.getByTestId("out").textContent).toBe("1|undefined");
    await step(() => gate.resolve("ok"));
    expect(screen.getByTestId("out").textContent).toBe("0|a:ok");
    expect(renders - before).toBe(2 * perCommit);
    expect(signals).toHaveLength(1);
    expect(signals[0]?.aborted).toBe(false);
  });

  it("never re-renders a component that only calls run", async () => {
    const gate = deferred<string>();
    let renders = 0;
    await mount(wrap(Mode, <OnlyRuns body={() => gate.promise} onRender={() => renders++} />));
    await flush();
    const before = renders;
    for (let i = 0; i < 3; i++) fireEvent.click(screen.getByText("go"));
    await step(() => gate.resolve("done"));
    expect(renders - before).toBe(0);
  });

  it("keeps run, action and cancel for the component's life and calls the latest body", async () => {
    const seen: string[] = [];
    const handles: Save[] = [];
    const bodyWith =
      (prefix: string): Body =>
      async (_scope, text) => {
        seen.push(`${prefix}${text}`);
        return text;
      };
    const onHandle = (h: Save) => handles.push(h);
    const view = await mount(wrap(Mode, <Owner body={bodyWith("old-")} onHandle={onHandle} />));
    await view.update(wrap(Mode, <Owner body={bodyWith("new-")} onHandle={onHandle} />));
    await step(() => handles.at(-1)?.run("x"));
    expect(seen).toEqual(["new-x"]);
    const first = handles[0] as Save;
    const last = handles.at(-1) as Save;
    expect(handles.length).toBeGreaterThan(1);
    expect(last.run).toBe(first.run);
    expect(last.action).toBe(first.action);
    expect(last.cancel).toBe(first.cancel);
  });

  it("cancels every run at unmount; run() and action() then throw InvalidStateError", async () => {
    const signals: AbortSignal[] = [];
    let handle: Save | undefined;
    const body: Body = async (scope) => {
      signals.push(scope.signal);
      return untilAborted(scope.signal);
    };
    const view = await mount(
      wrap(
        Mode,
        <Owner
          body={body}
          onHandle={(h) => {
            handle = h;
          }}
          show={(save) => String(save.running)}
        />,
      ),
    );
    let runs: PromiseLike<unknown>[] = [];
    await step(() => {
      runs = [handle?.run("a"), handle?.run("b")].filter((r) => r !== undefined);
    });
    expect(signals).toHaveLength(2);
    view.unmount();
    await flush();
    expect(signals.every((signal) => signal.aborted)).toBe(true);
    for (const run of runs) await expect(run).rejects.toMatchObject({ name: "AbortError" });
    expect(() => handle?.run("c")).toThrow(InvalidStateError);
    expect(() => handle?.action(new FormData())).toThrow(InvalidStateError);
    expect(signals).toHaveLength(2);
  });

  it("takes runs from a child's mount effect and leaks none of them", async () => {
    const signals: AbortSignal[] = [];
    const body: Body = async (scope) => {
      signals.push(scope.signal);
      return untilAborted(scope.signal);
    };
    const view = await mount(wrap(Mode, <OwnerRunningFromChild body={body} />));
    await flush();
    expect(signals.filter((signal) => !signal.aborted)).toHaveLength(1);
    expect(screen.getByTestId("out").textContent).toBe("1");
    view.unmount();
    await flush();
    expect(signals.every((signal) => signal.aborted)).toBe(true);
  });

  it("keeps a failure inline by default, as the scope's TaskGroupError", async () => {
    let handle: Save | undefined;
    const body: Body = async (_scope, text) => {
      throw new Error(`bad ${text}`);
    };
    await mount(
      wrap(
        Mode,
        <Owner
          body={body}
          onHandle={(h) => {
            handle = h;
          }}
          show={errorText}
        />,
      ),
    );
    await step(() => handle?.run("input"));
    expect(screen.getByTestId("out").textContent).toBe("bad input");
    expect(handle?.lastFailed?.args).toEqual(["input"]);
  });

  it("throws a failure to the boundary with throwOnError, onError once", async () => {
    expectCaught(/failed|bad/);
    const onError = vi.fn();
    let handle: Save | undefined;
    const body: Body = async (_scope, text) => {
      throw new Error(`bad ${text}`);
    };
    await mount(
      wrap(
        Mode,
        <TaskGroupBoundary fallback={<p>boundary</p>} onError={onError}>
          <Owner
            body={body}
            options={{ throwOnError: true }}
            onHandle={(h) => {
              handle = h;
            }}
          />
        </TaskGroupBoundary>,
      ),
    );
    await step(() => handle?.run("x"));
    expect(screen.getByText("boundary")).toBeTruthy();
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]?.[0]).toBeInstanceOf(TaskGroupError);
  });

  it("takes its policy from the options: drop refuses the double click", async () => {
    const gate = deferred<string>();
    let calls = 0;
    const body: Body = () => {
      calls++;
      return gate.promise;
    };
    await mount(wrap(Mode, <Clicker body={body} options={{ policy: "drop" }} />));
    await step(() => {
      fireEvent.click(screen.getByRole("button"));
      fireEvent.click(screen.getByRole("button"));
    });
    expect(calls).toBe(1);
    expect(screen.getByRole("button").textContent).toBe("runs 2");
    await step(() => gate.resolve("ok"));
  });

  it("reads options when the action is made, not on later renders", async () => {
    const gate = deferred<string>();
    let calls = 0;
    const body: Body = () => {
      calls++;
      return gate.promise;
    };
    const view = await mount(wrap(Mode, <Clicker body={body} options={{ policy: "drop" }} />));
    await view.update(
      wrap(Mode, <Clicker body={body} options={{ policy: "enqueue", limit: 5 }} />),
    );
    await step(() => {
      fireEvent.click(screen.getByRole("button"));
      fireEvent.click(screen.getByRole("button"));
    });
    expect(calls).toBe(1);
    await step(() => gate.resolve("ok"));
  });

  it("gives a new group after a remount", async () => {
    const groups = new Set<unknown>();
    const onHandle = (h: Save) => groups.add(h.group);
    const body: Body = async (_scope, text) => text;
    const view = await mount(wrap(Mode, <Owner key="a" body={body} onHandle={onHandle} />));
    const before = groups.size;
    await view.update(wrap(Mode, <Owner key="b" body={body} onHandle={onHandle} />));
    // StrictMode rehearses the mount: its remount makes one group more.
    expect(groups.size).toBe(before + perCommit);
  });
});

const noop: Body = async (_scope, text) => text;

describe("useAction input", () => {
  it("rejects a body that is not a function and bad options, naming them", () => {
    expect(() => renderToString(<Owner body={42 as unknown as Body} />)).toThrow(/useAction: body/);
    const policy = { policy: "often" } as unknown as UseActionOptions;
    expect(() => renderToString(<Owner body={noop} options={policy} />)).toThrow(
      /useAction: policy/,
    );
    expect(() => renderToString(<Owner body={noop} options={{ limit: 0 }} />)).toThrow(RangeError);
  });
});

describe("useAction on the server", () => {
  it("renders the initial snapshot and runs nothing", () => {
    let calls = 0;
    const body: Body = async (_scope, text) => {
      calls++;
      return text;
    };
    const show = (save: Save) =>
      `${save.running}|${save.runs}|${String(save.value)}|${String(save.error)}`;
    expect(renderToString(<Owner body={body} show={show} />)).toContain("0|0|undefined|undefined");
    expect(calls).toBe(0);
  });
});
