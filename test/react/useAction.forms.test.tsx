/**
 * SPEC §3.5: `action(formData)` for `<form action>`. Its promise follows the run: pending while it
 * works, resolved on success, cancellation or an inline failure, rejected only with
 * `throwOnError`; a refused or displaced submission resolves when the work it gave way to settles.
 */
import { act, fireEvent, screen } from "@testing-library/react";
import * as React from "react";
import { useEffect } from "react";
import {
  type ActionHandle,
  type Policy,
  TaskGroupBoundary,
  TaskGroupError,
  type UseActionOptions,
  useAction,
} from "react-taskgroup";
import { describe, expect, it } from "vitest";
import {
  type Deferred,
  deferred,
  expectCaught,
  flush,
  isReact19,
  modes,
  mount,
  step,
  untilAborted,
  wrap,
} from "./helpers.js";

type Submit = ActionHandle<[FormData], string>;

/** Each submission waits on its own gate (by the form's `text`), or fails on `fail`. */
function gates() {
  const open = new Map<string, Deferred<string>>();
  const gate = (text: string) => {
    let d = open.get(text);
    if (!d) open.set(text, (d = deferred<string>()));
    return d;
  };
  const body = async (scope: { signal: AbortSignal }, data: FormData) => {
    const text = String(data.get("text"));
    if (text === "fail") throw new Error("refused by server");
    return Promise.race([gate(text).promise, untilAborted(scope.signal)]);
  };
  return { gate, body };
}

function form(text: string): FormData {
  const data = new FormData();
  data.set("text", text);
  return data;
}

function Owner(props: {
  body: ReturnType<typeof gates>["body"];
  options?: UseActionOptions;
  onHandle: (h: Submit) => void;
}) {
  const handle = useAction(props.body, props.options);
  useEffect(() => {
    props.onHandle(handle);
  });
  return null;
}

/** Tracks whether a promise has settled, and how. */
function watch(promise: Promise<void>) {
  const state = {
    settled: "pending" as "pending" | "resolved" | "rejected",
    reason: undefined as unknown,
  };
  promise.then(
    () => {
      state.settled = "resolved";
    },
    (reason: unknown) => {
      state.settled = "rejected";
      state.reason = reason;
    },
  );
  return state;
}

async function setup(Mode: (typeof modes)[number][1], options?: UseActionOptions) {
  const { gate, body } = gates();
  let handle: Submit | undefined;
  const view = await mount(
    wrap(
      Mode,
      <Owner
        body={body}
        {...(options ? { options } : {})}
        onHandle={(h) => {
          handle = h;
        }}
      />,
    ),
  );
  const submit = (text: string) => {
    let promise: Promise<void> | undefined;
    act(() => {
      promise = handle?.action(form(text));
    });
    return watch(promise as Promise<void>);
  };
  return { gate, submit, view, handle: () => handle as Submit };
}

describe.each(modes)("useAction forms (%s)", (_name, Mode) => {
  it("stays pending while the run works, then resolves with nothing", async () => {
    const { gate, submit } = await setup(Mode);
    const sent = submit("a");
    await flush();
    expect(sent.settled).toBe("pending");
    await step(() => gate("a").resolve("ok"));
    expect(sent.settled).toBe("resolved");
  });

  it("resolves when the run is cancelled or fails without throwOnError", async () => {
    const { submit, handle } = await setup(Mode);
    const cancelled = submit("a");
    await step(() => handle().cancel());
    expect(cancelled.settled).toBe("resolved");
    const failed = submit("fail");
    await flush();
    expect(failed.settled).toBe("resolved");
    // The owner read no field: the first read tracks `error`, and the owner catches up (§4.1).
    expect(handle().error).toBeUndefined();
    await flush();
    expect(handle().error).toBeInstanceOf(TaskGroupError);
  });

  it("rejects with the run's TaskGroupError when it fails with throwOnError", async () => {
    const { submit } = await setup(Mode, { throwOnError: true });
    const failed = submit("fail");
    await flush();
    expect(failed.settled).toBe("rejected");
    expect(failed.reason).toBeInstanceOf(TaskGroupError);
  });

  it("resolves a submission refused by drop once the running run settles", async () => {
    const { gate, submit } = await setup(Mode, { policy: "drop" });
    const first = submit("a");
    const refused = submit("b");
    await flush();
    expect(refused.settled).toBe("pending");
    await step(() => gate("a").resolve("ok"));
    expect(first.settled).toBe("resolved");
    expect(refused.settled).toBe("resolved");
  });

  it("resolves a submission displaced under keepLatest when its displacer settles, down the chain", async () => {
    const { gate, submit } = await setup(Mode, { policy: "keepLatest" });
    const running = submit("a");
    const displaced = submit("b");
    const displacedToo = submit("c");
    const latest = submit("d");
    await flush();
    expect([displaced.settled, displacedToo.settled]).toEqual(["pending", "pending"]);
    await step(() => gate("a").resolve("ok"));
    expect(running.settled).toBe("resolved");
    // "d" now runs; "b" and "c" gave way to it, so they wait for it.
    expect([displaced.settled, displacedToo.settled, latest.settled]).toEqual([
      "pending",
      "pending",
      "pending",
    ]);
    await step(() => gate("d").reject(new Error("d failed")));
    expect([displaced.settled, displacedToo.settled, latest.settled]).toEqual([
      "resolved",
      "resolved",
      "resolved",
    ]);
  });

  it("throws as run() after unmount", async () => {
    const { view, handle } = await setup(Mode);
    view.unmount();
    await flush();
    expect(() => handle().action(form("late"))).toThrow(/refused|cancelled|closed|unmounted/i);
  });
});

// ---- React 19: <form action>, useFormStatus, useOptimistic -------------------------------------

type ReactDom19 = { useFormStatus?: () => { pending: boolean } };
const useOptimistic = (
  React as unknown as { useOptimistic?: <S, A>(s: S, f: (s: S, a: A) => S) => [S, (a: A) => void] }
).useOptimistic;

function SubmitButton({ useFormStatus }: { useFormStatus: () => { pending: boolean } }) {
  const { pending } = useFormStatus();
  return <button type="submit">{pending ? "sending" : "send"}</button>;
}

function Comments({
  body,
  useFormStatus,
  policy,
}: {
  body: ReturnType<typeof gates>["body"];
  useFormStatus: () => { pending: boolean };
  policy?: Policy;
}) {
  const post = useAction(body, policy ? { policy } : undefined);
  const saved = post.value ? [post.value] : [];
  const optimisticHook = useOptimistic as NonNullable<typeof useOptimistic>;
  const [shown, addOptimistic] = optimisticHook<string[], string>(saved, (list, text) => [
    ...list,
    `${text} (sending)`,
  ]);
  const action = async (data: FormData) => {
    addOptimistic(String(data.get("text")));
    await post.action(data);
  };
  return (
    <form action={action}>
      <input name="text" defaultValue="" aria-label="text" />
      <SubmitButton useFormStatus={useFormStatus} />
      <ul>
        {shown.map((text) => (
          <li key={text}>{text}</li>
        ))}
      </ul>
      <p data-testid="error">{post.error ? "failed" : ""}</p>
    </form>
  );
}

function Failing({ body }: { body: ReturnType<typeof gates>["body"] }) {
  const post = useAction(body, { throwOnError: true });
  return (
    <form action={post.action}>
      <input name="text" defaultValue="fail" aria-label="text" />
      <button type="submit">send</button>
    </form>
  );
}

describe.runIf(isReact19)("useAction with React 19 form actions", () => {
  it("drives useFormStatus().pending and useOptimistic, and rolls back on failure", async () => {
    const { useFormStatus } = (await import("react-dom")) as ReactDom19;
    if (!useFormStatus) throw new Error("React 19 has useFormStatus");
    const { gate, body } = gates();
    await mount(<Comments body={body} useFormStatus={useFormStatus} />);
    fireEvent.change(screen.getByLabelText("text"), { target: { value: "hello" } });
    await act(async () => {
      fireEvent.click(screen.getByRole("button"));
    });
    expect(screen.getByRole("button").textContent).toBe("sending");
    expect(screen.getByText("hello (sending)")).toBeTruthy();
    await act(async () => {
      gate("hello").resolve("hello");
    });
    await flush();
    expect(screen.getByRole("button").textContent).toBe("send");
    expect(screen.getByText("hello")).toBeTruthy();
    expect(screen.queryByText("hello (sending)")).toBeNull();

    fireEvent.change(screen.getByLabelText("text"), { target: { value: "fail" } });
    await act(async () => {
      fireEvent.click(screen.getByRole("button"));
    });
    await flush();
    expect(screen.queryByText("fail (sending)")).toBeNull();
    expect(screen.getByTestId("error").textContent).toBe("failed");
    expect(screen.getByRole("button").textContent).toBe("send");
  });

  it("sends a failed form action's error to the boundary with throwOnError", async () => {
    expectCaught(/failed|refused/);
    const { body } = gates();
    let caught = 0;
    await mount(
      <TaskGroupBoundary fallback={<p>boundary</p>} onError={() => caught++}>
        <Failing body={body} />
      </TaskGroupBoundary>,
    );
    await act(async () => {
      fireEvent.click(screen.getByRole("button"));
    });
    await flush();
    expect(screen.getByText("boundary")).toBeTruthy();
    // Through the form's promise only: the owner does not throw it a second time.
    expect(caught).toBe(1);
  });
});

// ---- React 18: run from onSubmit ----------------------------------------------------------------

function OnSubmit({ body }: { body: ReturnType<typeof gates>["body"] }) {
  const save = useAction(body, { policy: "drop" });
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        save.run(new FormData(event.currentTarget));
      }}
    >
      <input name="text" defaultValue="x" aria-label="text" />
      <button type="submit" disabled={save.running > 0}>
        {save.running > 0 ? "sending" : "send"}
      </button>
      <p data-testid="value">{save.value ?? ""}</p>
    </form>
  );
}

describe("useAction from onSubmit (React 18 and 19)", () => {
  it("runs once for a double submit and shows its pending state", async () => {
    const { gate, body } = gates();
    await mount(<OnSubmit body={body} />);
    await step(() => {
      fireEvent.submit(screen.getByRole("button"));
      fireEvent.submit(screen.getByRole("button"));
    });
    expect(screen.getByRole("button").textContent).toBe("sending");
    await step(() => gate("x").resolve("saved"));
    expect(screen.getByTestId("value").textContent).toBe("saved");
    expect(screen.getByRole("button").textContent).toBe("send");
  });
});
