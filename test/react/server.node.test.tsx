// @vitest-environment node
/** Server rendering where it really happens: no DOM. See server.test.tsx. */
import { renderToString } from "react-dom/server";
import { beforeEach, describe, expect, it } from "vitest";
import { Page, started } from "./serverTree.js";

beforeEach(() => {
  started.length = 0;
});

describe("server rendering without a DOM", () => {
  it("has no DOM here", () => {
    expect(typeof document).toBe("undefined");
  });

  it("renders useTaskGroup, useTasks and readTask trees without starting or throwing", () => {
    const html = renderToString(<Page />).replaceAll("<!-- -->", "");
    expect(html).toContain("<p>loading</p>");
    expect(html).toContain("<p>loading both</p>");
    expect(html).toContain("<p>open running=0 queued=0</p>");
    expect(started).toEqual([]);
  });
});
