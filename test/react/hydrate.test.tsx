/** Server HTML hydrated on the client: the work starts once, when the hydrated tree commits. */
import { act, screen } from "@testing-library/react";
import { StrictMode } from "react";
import { hydrateRoot, type Root } from "react-dom/client";
import { renderToString } from "react-dom/server";
import { afterEach, describe, expect, it } from "vitest";
import { modes, wrap } from "./helpers.js";
import { hasBrowserBailout } from "./serverRenderers.js";
import { Page, started } from "./serverTree.js";

let root: Root | undefined;
afterEach(() => {
  act(() => root?.unmount());
  root = undefined;
  document.body.innerHTML = "";
});

describe.each(modes)("hydration (%s)", (_, Mode) => {
  it("starts the tasks after hydration and shows their values", async () => {
    started.length = 0;
    const container = document.createElement("div");
    document.body.append(container);
    container.innerHTML = renderToString(wrap(Mode, <Page spawnInRender={false} />));
    expect(started).toEqual([]);
    await act(async () => {
      // The server left the Suspense boundaries to the browser: silently on React 19.3+ (React's
      // default handler would log anything it reported), as a recoverable error before.
      root = hydrateRoot(
        container,
        wrap(Mode, <Page spawnInRender={false} />),
        hasBrowserBailout ? {} : { onRecoverableError: () => {} },
      );
    });
    expect(await screen.findByText("ada")).toBeInTheDocument();
    expect(await screen.findByText("ada 36")).toBeInTheDocument();
    // StrictMode's remount rehearsal starts the work a second time (the first run is cancelled).
    expect(started.length).toBe(Mode === StrictMode ? 4 : 2);
  });
});
