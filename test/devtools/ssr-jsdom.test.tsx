import { renderToString } from "react-dom/server";
import { TaskGroup } from "react-taskgroup/core";
import { TaskGroupTimeline } from "react-taskgroup/devtools";
import { expect, it } from "vitest";

// Server rendering in a test environment that has a `document` (jsdom): React 18's server
// renderer warns about any layout effect, and the guard fails the test on that warning.
it("renders to a string under jsdom without a layout-effect warning", () => {
  const group = new TaskGroup({ name: "ssr" });
  const html = renderToString(<TaskGroupTimeline group={group} />);
  expect(html).toContain("Timeline: ssr");
  expect(html).toContain("No tasks yet");
});
