/**
 * Server rendering under jsdom, as tests and some frameworks do it: a DOM exists, yet this is a
 * server render. Nothing may start, throw, arm a timer or log (React 18 warns about
 * useLayoutEffect on the server). server.node.test.tsx renders the same trees without a DOM.
 */
import { renderToString } from "react-dom/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Page, started } from "./serverTree.js";

beforeEach(() => {
  started.length = 0;
  vi.useFakeTimers({ toFake: ["setTimeout", "setInterval", "queueMicrotask"] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("server rendering with a DOM present", () => {
  it("renders useTaskGroup, useTasks and readTask trees without starting or throwing", () => {
    const html = renderToString(<Page />).replaceAll("<!-- -->", "");
    expect(html).toContain("<p>loading</p>");
    expect(html).toContain("<p>loading both</p>");
    expect(html).toContain("<p>open running=0 queued=0</p>");
    expect(started).toEqual([]);
  });

  it("arms no deadline and schedules nothing", () => {
    renderToString(<Page />);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("renders a boundary's children, not its fallback", () => {
    expect(renderToString(<Page />)).not.toContain('role="alert"');
  });
});
