/**
 * HTML from every server renderer, hydrated: the boundaries the server left to the browser render
 * their content, the work starts once, there is no hydration mismatch, and on React 19.3+ nothing
 * reaches the console (the guard fails the test on any console error, even with React's default
 * `onRecoverableError`). Older React reports the server's bailout as a recoverable error: shown
 * here through `onRecoverableError`, as the README says.
 */
import { act, screen } from "@testing-library/react";
import { hydrateRoot, type Root } from "react-dom/client";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  bounded,
  freshServerTree,
  hasBrowserBailout,
  type Reports,
  renderers,
} from "./serverRenderers.js";
import { Page, started } from "./serverTree.js";

let root: Root | undefined;
afterEach(() => {
  act(() => root?.unmount());
  root = undefined;
  document.body.innerHTML = "";
});

const list = await renderers();

/**
 * Renders on "the server": no `document`, as under Node, and a copy of the tree and the library
 * of its own, as a server process has. Returns the HTML and what the server started.
 */
async function serverHtml(
  name: string,
  render: (typeof list)[number][1],
): Promise<{ html: string; serverStarted: string[] }> {
  const server = await freshServerTree();
  vi.stubGlobal("document", undefined);
  try {
    const reports: Reports = { errors: [], bailouts: [] };
    const html = await bounded(name, render(<server.Page spawnInRender={false} />, reports));
    return { html, serverStarted: server.started };
  } finally {
    vi.unstubAllGlobals();
  }
}

describe.each(list)("hydrating the HTML of %s", (name, render) => {
  it("renders the content after hydration, starting the work once, with a clean console", async () => {
    started.length = 0;
    const { html, serverStarted } = await serverHtml(name, render);
    expect(serverStarted).toEqual([]);
    const container = document.createElement("div");
    document.body.append(container);
    container.innerHTML = html;
    const recoverable: unknown[] = [];
    await act(async () => {
      root = hydrateRoot(
        container,
        <Page spawnInRender={false} />,
        // React 19.3+ reports nothing: keep its default handler, which would log.
        hasBrowserBailout ? {} : { onRecoverableError: (error) => recoverable.push(error) },
      );
    });
    expect(await screen.findByText("ada")).toBeInTheDocument();
    expect(await screen.findByText("ada 36")).toBeInTheDocument();
    expect(screen.getByText("open running=0 queued=0")).toBeInTheDocument();
    expect([...started].sort()).toEqual(["age", "user"]);
    if (!hasBrowserBailout) {
      // React 18 and 19.0-19.2: one recoverable error per boundary the server left behind.
      expect(recoverable.length).toBeGreaterThan(0);
      for (const error of recoverable) {
        expect(String((error as Error).message)).toMatch(
          /starts only in the browser|could not finish this Suspense boundary/,
        );
      }
    }
  });
});
