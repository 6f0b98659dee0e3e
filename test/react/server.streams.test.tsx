// @vitest-environment node
/**
 * Every server renderer completes for a tree that reads useTasks tasks (they never start on the
 * server): the HTML holds the nearest Suspense fallbacks, nothing starts, and on React 19.3+ the
 * boundary is left to the browser through `browser()`, which React reports as a bailout, not an
 * error. Older React gets a thrown error, which React reports to `onError`.
 */
import { describe, expect, it } from "vitest";
import {
  bounded,
  freshServerTree,
  hasBrowserBailout,
  type Reports,
  renderers,
} from "./serverRenderers.js";

const list = await renderers();

describe.each(list)("%s", (name, render) => {
  it("completes, with the fallbacks in the HTML and nothing started", async () => {
    const { Page, started } = await freshServerTree();
    const reports: Reports = { errors: [], bailouts: [] };
    const html = (await bounded(name, render(<Page />, reports))).replaceAll("<!-- -->", "");
    expect(html).toContain("<p>loading</p>");
    expect(html).toContain("<p>loading both</p>");
    expect(html).toContain("<p>open running=0 queued=0</p>");
    expect(html).not.toContain("ada");
    expect(html).not.toContain('role="alert"');
    expect(started).toEqual([]);
  });

  if (name !== "renderToString") {
    it(
      hasBrowserBailout
        ? "reports each boundary as a browser bailout, and no error"
        : "reports each boundary to onError with the reason",
      async () => {
        const { Page } = await freshServerTree();
        const reports: Reports = { errors: [], bailouts: [] };
        await bounded(name, render(<Page />, reports));
        const reported = hasBrowserBailout ? reports.bailouts : reports.errors;
        expect(reported).toHaveLength(2);
        const text = (error: unknown) => String((error as Error).cause ?? (error as Error).message);
        for (const error of reported) expect(text(error)).toMatch(/starts only in the browser/);
        if (hasBrowserBailout) expect(reports.errors).toEqual([]);
      },
    );
  }
});
