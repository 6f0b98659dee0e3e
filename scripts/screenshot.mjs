// Takes docs/screenshot.png: the dashboard story with its timeline, from the static Storybook.
// Usage: npm run build-storybook && node scripts/screenshot.mjs [storyId] [output]
// Serves storybook-static on 127.0.0.1 (a random free port) for the duration of the run, and
// drives Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium) with Playwright.
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright";
import { chromiumLaunchOptions } from "./chromium.mjs";

const root = fileURLToPath(new URL("../storybook-static/", import.meta.url));
// A story id, optionally with Storybook's URL args: "scenarios-dashboard--loads-in-parallel&args=failing:posts"
const storyId = process.argv[2] ?? "scenarios-dashboard--loads-in-parallel";
const output = process.argv[3] ?? fileURLToPath(new URL("../docs/screenshot.png", import.meta.url));
if (!existsSync(join(root, "iframe.html"))) {
  console.error("storybook-static/iframe.html is missing: run `npm run build-storybook` first.");
  process.exit(1);
}

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".woff2": "font/woff2",
  ".png": "image/png",
};

const server = createServer((request, response) => {
  const path = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
  const file = normalize(join(root, path.endsWith("/") ? `${path}index.html` : path));
  if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
    response.writeHead(404).end("not found");
    return;
  }
  response.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
  createReadStream(file).pipe(response);
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());

const browser = await chromium.launch(chromiumLaunchOptions);
try {
  const page = await browser.newPage({
    viewport: { width: 900, height: 560 },
    deviceScaleFactor: 2,
  });
  page.on("pageerror", (error) => console.error("page error:", error.message));
  await page.goto(`http://127.0.0.1:${port}/iframe.html?id=${storyId}&viewMode=story`);
  // The story's play function runs in the static build too: wait until every bar has settled.
  await page.waitForSelector("li[data-state]");
  await page.waitForFunction(
    () =>
      document.querySelectorAll('li[data-state="queued"], li[data-state="running"]').length === 0,
    undefined,
    { timeout: 15_000 },
  );
  await page.waitForTimeout(400); // React 19 reveals Suspense content in batches (~300 ms)
  const box = await page.locator("#storybook-root > *").first().boundingBox();
  if (!box) throw new Error(`story ${storyId} rendered nothing`);
  const margin = 16;
  await page.screenshot({
    path: output,
    animations: "disabled",
    clip: {
      x: Math.max(0, box.x - margin),
      y: Math.max(0, box.y - margin),
      width: box.width + 2 * margin,
      height: box.height + 2 * margin,
    },
  });
  console.log(`wrote ${output}`);
} finally {
  await browser.close();
  await new Promise((resolve) => server.close(resolve));
}
