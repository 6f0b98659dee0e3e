import type { Meta, StoryObj } from "@storybook/react-vite";
import { useMemo } from "react";
import { sleep, useAction } from "react-taskgroup";
import { TaskGroupTimeline } from "react-taskgroup/devtools";
import { expect, userEvent, waitFor, within } from "storybook/test";
import { createFakeApi, createLog, type FakeApi, type LogStore } from "./fakeApi.js";
import { Card, LogView, ui } from "./ui.js";

const fruits = ["apple", "apricot", "banana", "blackberry", "cherry", "grape", "grapefruit"];

/**
 * Search as you type: `policy: "restart"` cancels the previous run on every keystroke, and
 * `await sleep(250, scope.signal)` at the top of the body is the debounce: a run that a newer
 * keystroke restarts within 250 ms never sends its request. Typing a word sends one request.
 */
function Search({ api, log, debounce }: { api: FakeApi; log: LogStore; debounce: number }) {
  const search = useAction(
    async (scope, query: string) => {
      scope.signal.addEventListener("abort", () => log.add(`"${query}": aborted`));
      await sleep(debounce, scope.signal);
      log.add(`"${query}": request sent`);
      const all = await api.call("search", fruits, scope.signal);
      return { query, hits: all.filter((fruit) => fruit.startsWith(query)) };
    },
    { name: "search", policy: "restart" },
  );
  const result = search.value;
  return (
    <div style={ui.page}>
      <div style={ui.columns}>
        <Card title="Search">
          <input
            aria-label="Search fruit"
            placeholder="Type a fruit…"
            onChange={(event) => search.run(event.target.value)}
          />
          <p aria-live="polite">
            {search.running > 0
              ? "Searching…"
              : result
                ? `Results for "${result.query}": ${result.hits.join(", ") || "none"}`
                : ""}
          </p>
        </Card>
        <LogView log={log} title="Requests" />
      </div>
      <TaskGroupTimeline group={search.group} label="search runs" />
    </div>
  );
}

interface Args {
  /** Latency of the search endpoint, ms. */
  latency: number;
  /** Debounce, ms: the `sleep` at the top of the body. */
  debounce: number;
}

function SearchStory({ latency, debounce }: Args) {
  const log = useMemo(() => createLog(), []);
  const api = useMemo(() => createFakeApi({ latency: { search: latency } }), [latency]);
  return <Search api={api} log={log} debounce={debounce} />;
}

const meta = {
  title: "Actions/Search as you type",
  component: SearchStory,
  args: { latency: 150, debounce: 250 },
} satisfies Meta<typeof SearchStory>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Typing "gra" fast sends one request; the runs for "g" and "gr" were aborted. */
export const OneRequestPerWord: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText("Search fruit"), "gra");
    await expect(
      await canvas.findByText('Results for "gra": grape, grapefruit', {}, { timeout: 3000 }),
    ).toBeVisible();
    const lines = within(canvas.getByRole("list", { name: "Requests" }))
      .getAllByRole("listitem")
      .map((item) => item.textContent);
    await expect(lines).toEqual(['"g": aborted', '"gr": aborted', '"gra": request sent']);
    await waitFor(() =>
      expect(
        canvas.getAllByRole("listitem", { name: /^search#\d+\(".*"\): cancelled$/ }),
      ).toHaveLength(2),
    );
    await expect(
      canvas.getByRole("listitem", { name: 'search#3("gra"): fulfilled' }),
    ).toBeVisible();
  },
};
