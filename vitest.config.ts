import { fileURLToPath } from "node:url";
import { storybookTest } from "@storybook/addon-vitest/vitest-plugin";
import { playwright } from "@vitest/browser-playwright";
import { defineConfig } from "vitest/config";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const react18 = (pkg: string) => here(`./compat/react18/node_modules/${pkg}`);

// Tests import the package by its public names. TEST_DIST=1 points them at the built `dist/`
// instead of `src/`, so the same suite checks what ships.
const fromDist = process.env.TEST_DIST === "1";
const entry = (name: "index" | "core" | "devtools") =>
  fromDist
    ? here(`./dist/${name}.js`)
    : here(name === "index" ? "./src/index.ts" : `./src/${name}/index.ts`);
const packageAliases = [
  { find: /^react-taskgroup\/core$/, replacement: entry("core") },
  { find: /^react-taskgroup\/devtools$/, replacement: entry("devtools") },
  { find: /^react-taskgroup$/, replacement: entry("index") },
];

// Debian's Chromium (apt-get install chromium): Playwright's own browser download is unreachable.
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  resolve: { alias: packageAliases },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "core",
          environment: "node",
          include: ["test/core/**/*.test.ts"],
          setupFiles: ["./test/support/setup.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "react19",
          environment: "jsdom",
          include: ["test/react/**/*.test.{ts,tsx}", "test/devtools/**/*.test.{ts,tsx}"],
          setupFiles: ["./test/support/setup.ts", "./test/support/setup-dom.ts"],
        },
      },
      {
        extends: true,
        resolve: {
          alias: [
            ...packageAliases,
            { find: /^react$/, replacement: react18("react") },
            { find: /^react\/(.*)$/, replacement: `${react18("react")}/$1` },
            { find: /^react-dom$/, replacement: react18("react-dom") },
            { find: /^react-dom\/(.*)$/, replacement: `${react18("react-dom")}/$1` },
            { find: /^@testing-library\/react$/, replacement: react18("@testing-library/react") },
          ],
        },
        test: {
          name: "react18",
          environment: "jsdom",
          include: ["test/react/**/*.test.{ts,tsx}", "test/devtools/**/*.test.{ts,tsx}"],
          setupFiles: ["./test/support/setup.ts", "./test/support/setup-dom.ts"],
        },
      },
      {
        extends: true,
        plugins: [storybookTest({ configDir: here("./.storybook") })],
        test: {
          name: "storybook",
          setupFiles: ["./test/support/setup-browser.ts"],
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: {
                executablePath: chromiumPath,
                args: [
                  "--no-sandbox",
                  "--disable-gpu",
                  "--disable-dev-shm-usage",
                  "--disable-background-networking",
                  "--disable-component-update",
                  "--disable-sync",
                  "--no-first-run",
                ],
              },
            }),
            instances: [{ browser: "chromium" }],
          },
        },
      },
    ],
  },
});
