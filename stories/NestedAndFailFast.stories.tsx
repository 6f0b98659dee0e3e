import type { Meta, StoryObj } from "@storybook/react-vite";
import { useMemo, useState } from "react";
import { type TaskGroup, TaskGroupError, useTaskGroup } from "react-taskgroup";
import { createTaskRecorder, TaskGroupTimeline, type TaskRecorder } from "react-taskgroup/devtools";
import { expect, userEvent, within } from "storybook/test";
import { createFakeApi, type FakeApi } from "./fakeApi.js";
import { Card, ui } from "./ui.js";

type Outcome = { ok: true; value: string } | { ok: false; error: unknown };
interface Side {
  recorder: TaskRecorder;
  outcome: Outcome | undefined;
}

/**
 * The work: two requests and a nested scope (another `run`, inside a task) with two more. As with
 * asyncio, the bodies only spawn; results are read once the scope has succeeded. (A body that
 * awaited a failing task would itself throw, and a throwing body cancels its scope whatever
 * `failFast` says.) The recorder observes each scope before anything is spawned into it.
 */
function work(api: FakeApi, recorder: TaskRecorder, failFast: boolean) {
  return async (scope: TaskGroup) => {
    recorder.observe(scope, "outer");
    const a = scope.spawn((s) => api.call("fetchA", "A", s), { name: "fetchA" });
    const b = scope.spawn((s) => api.call("fetchB", "B", s), { name: "fetchB" });
    const nested = scope.spawn(
      async () => {
        const [c, d] = await scope.run(
          async (inner) => {
            recorder.observe(inner, "nested");
            return [
              inner.spawn((s) => api.call("nested1", "C", s), { name: "nested1" }),
              inner.spawn((s) => api.call("nested2", "D", s), { name: "nested2" }),
            ];
          },
          { name: "nested", failFast },
        );
        return `${c?.value}${d?.value}`;
      },
      { name: "nestedScope" },
    );
    return () => `${a.value}${b.value}${nested.value}`;
  };
}

const sides = [
  { failFast: true, title: "failFast: true (default)" },
  { failFast: false, title: "failFast: false" },
] as const;

/**
 * The same work run twice, side by side, as two child scopes (`run`) of the component's group:
 * once with the default (fail-fast) and once with `failFast: false`. A nested scope's failure
 * arrives as one nested `TaskGroupError`: it is never flattened into its parent's. Child scopes'
 * errors reject their `run()` promise only; the component's own group is unaffected.
 */
function SideBySide({ api, failing }: { api: FakeApi; failing: string }) {
  const { run } = useTaskGroup({ name: "page" });
  const [state, setState] = useState<Side[]>(() =>
    sides.map(() => ({ recorder: createTaskRecorder(), outcome: undefined })),
  );
  const [ran, setRan] = useState(false);

  const runBoth = () => {
    setRan(true);
    const next = sides.map(() => ({ recorder: createTaskRecorder(), outcome: undefined }));
    setState(next);
    sides.forEach(({ failFast }, i) => {
      const settle = (outcome: Outcome) =>
        setState((all) => all.map((side, j) => (j === i ? { ...side, outcome } : side)));
      run(work(api, (next[i] as Side).recorder, failFast), { name: "outer", failFast }).then(
        (result) => settle({ ok: true, value: result() }),
        (error: unknown) => settle({ ok: false, error }),
      );
    });
  };

  return (
    <div style={{ ...ui.page, maxWidth: 1100 }}>
      <div style={ui.row}>
        <button type="button" style={ui.button} onClick={runBoth}>
          Run both
        </button>
        <span style={ui.muted}>{failing === "none" ? "Nothing fails." : `${failing} fails.`}</span>
      </div>
      <div style={ui.columns}>
        {sides.map(({ title }, i) => {
          const { recorder, outcome } = state[i] as Side;
          return (
            <section
              key={title}
              style={{ display: "grid", gap: 12, alignContent: "start" }}
              aria-label={title}
            >
              <h3 style={ui.heading}>{title}</h3>
              <Card title="Outcome" style={outcome && !outcome.ok ? ui.error : {}}>
                {outcome === undefined ? (
                  <p style={ui.muted}>{ran ? "Running…" : "Not run yet."}</p>
                ) : (
                  <div role="status" aria-label="outcome">
                    {outcome.ok ? (
                      `Resolved: ${outcome.value}`
                    ) : (
                      <ErrorTree error={outcome.error} />
                    )}
                  </div>
                )}
              </Card>
              <TaskGroupTimeline recorder={recorder} label={title} legend={false} />
            </section>
          );
        })}
      </div>
    </div>
  );
}

/** A `TaskGroupError` as a tree: each failure with its task, nested groups indented. */
function ErrorTree({ error }: { error: unknown }) {
  if (!(error instanceof TaskGroupError)) return <span>{String(error)}</span>;
  return (
    <>
      <span>
        TaskGroupError ({error.errors.length} failure{error.errors.length === 1 ? "" : "s"})
      </span>
      <ul>
        {error.errors.map((failure, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: failures only ever append
          <li key={i}>
            {error.tasks[i]?.name ?? "body"}: <ErrorTree error={failure} />
          </li>
        ))}
      </ul>
    </>
  );
}

interface Args {
  /** The request that fails. */
  failing: "none" | "fetchA" | "fetchB" | "nested1" | "nested2";
  /** Latency of fetchA, the slowest outer request, ms. */
  slowLatency: number;
  /** Latency of the other requests, ms. */
  latency: number;
}

function NestedAndFailFastStory({ failing, slowLatency, latency }: Args) {
  const api = useMemo(
    () =>
      createFakeApi({
        latency: { default: latency, fetchA: slowLatency, nested1: slowLatency },
        failing: failing === "none" ? [] : [failing],
      }),
    [failing, slowLatency, latency],
  );
  return <SideBySide api={api} failing={failing} />;
}

const meta = {
  title: "Scenarios/Nested scopes and failFast",
  component: NestedAndFailFastStory,
  args: { failing: "fetchB", slowLatency: 250, latency: 80 },
  argTypes: {
    failing: {
      control: "inline-radio",
      options: ["none", "fetchA", "fetchB", "nested1", "nested2"],
    },
    slowLatency: { control: { type: "range", min: 0, max: 3000, step: 50 } },
    latency: { control: { type: "range", min: 0, max: 3000, step: 50 } },
  },
} satisfies Meta<typeof NestedAndFailFastStory>;
export default meta;
type Story = StoryObj<typeof meta>;

async function runBoth(canvasElement: HTMLElement) {
  const canvas = within(canvasElement);
  await userEvent.click(canvas.getByRole("button", { name: "Run both" }));
  const strict = within(canvas.getByRole("region", { name: "failFast: true (default)" }));
  const lenient = within(canvas.getByRole("region", { name: "failFast: false" }));
  const outcomes = await Promise.all([
    strict.findByLabelText("outcome", {}, { timeout: 3000 }),
    lenient.findByLabelText("outcome", {}, { timeout: 3000 }),
  ]);
  return { strict, lenient, outcomes };
}

const bar = (panel: ReturnType<typeof within>, name: string) =>
  panel.getByRole("listitem", { name: new RegExp(`^${name}: `) });

/**
 * fetchB fails early. Fail-fast cancels fetchA and the whole nested scope at once; with
 * `failFast: false` everything else runs to the end, and the same single failure is reported.
 */
export const OuterFailure: Story = {
  play: async ({ canvasElement }) => {
    const { strict, lenient, outcomes } = await runBoth(canvasElement);
    for (const outcome of outcomes) {
      await expect(outcome).toHaveTextContent(
        "TaskGroupError (1 failure)fetchB: Error: fetchB: 500 Internal Server Error",
      );
    }
    await expect(bar(strict, "fetchB")).toHaveAttribute("data-state", "failed");
    for (const name of ["fetchA", "nestedScope", "nested1", "nested2"]) {
      await expect(bar(strict, name)).toHaveAttribute("data-state", "cancelled");
    }
    await expect(bar(lenient, "fetchB")).toHaveAttribute("data-state", "failed");
    for (const name of ["fetchA", "nestedScope", "nested1", "nested2"]) {
      await expect(bar(lenient, name)).toHaveAttribute("data-state", "fulfilled");
    }
  },
};

/**
 * nested2 fails inside the nested scope. Its group error escapes the `nestedScope` task as one
 * nested `TaskGroupError`. Fail-fast cancels nested1, then fetchA; with `failFast: false`
 * nested1 and the outer requests finish.
 */
export const NestedFailure: Story = {
  args: { failing: "nested2" },
  play: async ({ canvasElement }) => {
    const { strict, lenient, outcomes } = await runBoth(canvasElement);
    for (const outcome of outcomes) {
      await expect(outcome).toHaveTextContent(
        "TaskGroupError (1 failure)nestedScope: TaskGroupError (1 failure)nested2: Error: nested2: 500 Internal Server Error",
      );
    }
    await expect(bar(strict, "nested2")).toHaveAttribute("data-state", "failed");
    await expect(bar(strict, "nestedScope")).toHaveAttribute("data-state", "failed");
    await expect(bar(strict, "nested1")).toHaveAttribute("data-state", "cancelled");
    await expect(bar(strict, "fetchA")).toHaveAttribute("data-state", "cancelled");
    await expect(bar(strict, "fetchB")).toHaveAttribute("data-state", "fulfilled");
    await expect(bar(lenient, "nested2")).toHaveAttribute("data-state", "failed");
    await expect(bar(lenient, "nestedScope")).toHaveAttribute("data-state", "failed");
    for (const name of ["nested1", "fetchA", "fetchB"]) {
      await expect(bar(lenient, name)).toHaveAttribute("data-state", "fulfilled");
    }
  },
};

/** Nothing fails: both resolve to the same value, and every bar ends fulfilled. */
export const NothingFails: Story = {
  args: { failing: "none" },
  play: async ({ canvasElement }) => {
    const { strict, lenient, outcomes } = await runBoth(canvasElement);
    for (const outcome of outcomes) await expect(outcome).toHaveTextContent("Resolved: ABCD");
    await expect(strict.getAllByRole("listitem", { name: /: fulfilled$/ })).toHaveLength(5);
    await expect(lenient.getAllByRole("listitem", { name: /: fulfilled$/ })).toHaveLength(5);
  },
};
