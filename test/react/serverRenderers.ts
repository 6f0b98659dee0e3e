/**
 * Every React server renderer, each turned into "the whole HTML, once the render completes", with
 * a bounded wait: a render that never finishes fails its test instead of stalling the run.
 */
import { PassThrough } from "node:stream";
import type { ReactNode } from "react";
import { version } from "react";
import * as server from "react-dom/server";
import { renderToReadableStream as browserRenderToReadableStream } from "react-dom/server.browser";
import { vi } from "vitest";

/** What the renderers report besides the HTML. */
export interface Reports {
  /** `onError` calls: errors React treats as failures. */
  errors: unknown[];
  /** `onBrowserBailout` calls (React 19.3 on): content left to the browser on purpose. */
  bailouts: unknown[];
}

export type Renderer = (element: ReactNode, reports: Reports) => Promise<string>;

const [major = 0, minor = 0] = version.split(".").map(Number);
/** React 19.3 and later have `browser()`: the server leaves a boundary to the browser silently. */
export const hasBrowserBailout = major > 19 || (major === 19 && minor >= 3);

/** How long a render may take before the test calls it a hang. Generous: no timing is asserted. */
const HANG_MS = 5000;

/** `promise`, or a rejection naming `what` if it has not settled within {@link HANG_MS}. */
export function bounded<T>(what: string, promise: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not complete`)), HANG_MS);
  });
  return Promise.race([promise, hang]).finally(() => clearTimeout(timer));
}

function options(reports: Reports) {
  return {
    onError: (error: unknown) => {
      reports.errors.push(error);
    },
    onBrowserBailout: (error: unknown) => {
      reports.bailouts.push(error);
    },
  };
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

function collect(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let html = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      html += chunk;
    });
    stream.on("end", () => resolve(html));
    stream.on("error", reject);
  });
}

const pipeable: Renderer = (element, reports) =>
  new Promise((resolve, reject) => {
    const { pipe } = renderToPipeableStream(element, {
      ...options(reports),
      onAllReady() {
        const out = new PassThrough();
        collect(out).then(resolve, reject);
        pipe(out);
      },
      onShellError: reject,
    });
  });

// React 19's Node build has the web-stream renderer too; React 18 has it in its browser build only.
const renderToReadableStream =
  (server as Partial<typeof server>).renderToReadableStream ?? browserRenderToReadableStream;
const { renderToPipeableStream, renderToString } = server;

const readable: Renderer = async (element, reports) => {
  const stream = await renderToReadableStream(element, options(reports));
  await stream.allReady;
  return readAll(stream);
};

/** The renderers this React version has, by name. */
export async function renderers(): Promise<[string, Renderer][]> {
  const list: [string, Renderer][] = [
    ["renderToString", async (element) => renderToString(element)],
    ["renderToPipeableStream", pipeable],
    ["renderToReadableStream", readable],
  ];
  if (major >= 19) {
    // react-dom/static exists from React 19 on: a specifier the React 18 run must not resolve.
    const staticEntry = "react-dom/static";
    const { prerender, prerenderToNodeStream } = (await import(
      /* @vite-ignore */ staticEntry
    )) as typeof import("react-dom/static");
    list.push(
      [
        "prerender",
        async (element, reports) => readAll((await prerender(element, options(reports))).prelude),
      ],
      [
        "prerenderToNodeStream",
        async (element, reports) =>
          collect((await prerenderToNodeStream(element, options(reports))).prelude),
      ],
    );
  }
  return list;
}

/**
 * The test tree from a fresh copy of itself and of the library, for one server render. A server
 * and a browser never share a JavaScript realm; here they do, and React's development builds warn
 * ("Detected multiple renderers concurrently rendering the same context provider") when a second
 * renderer meets a context object the first has marked, as the server renderer never clears its
 * mark. A fresh module graph gives each render its own contexts, as separate processes would.
 * React itself stays shared: Node loads it, and `vi.resetModules` leaves it alone.
 */
export async function freshServerTree(): Promise<typeof import("./serverTree.js")> {
  vi.resetModules();
  return import("./serverTree.js");
}
