import { fileURLToPath } from "node:url";
import babel from "@rolldown/plugin-babel";
import { storybookTest } from "@storybook/addon-vitest/vitest-plugin";
import { reactCompilerPreset } from "@vitejs/plugin-react";
import { playwright } from "@vitest/browser-playwright";
import { defineConfig } from "vitest/config";
import { chromiumLaunchOptions } from "./scripts/chromium.mjs";

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

const reactTests = ["test/react/**/*.test.{ts,tsx}", "test/devtools/**/*.test.{ts,tsx}"];
const react18Aliases = [
  ...packageAliases,
  { find: /^react$/, replacement: react18("react") },
  { find: /^react\/(.*)$/, replacement: `${react18("react")}/$1` },
  { find: /^react-dom$/, replacement: react18("react-dom") },
  { find: /^react-dom\/(.*)$/, replacement: `${react18("react-dom")}/$1` },
  { find: /^@testing-library\/react$/, replacement: react18("@testing-library/react") },
  // CommonJS: left to Node, it would require("react") from the root, React 19.
  { find: /^react-compiler-runtime$/, replacement: react18("react-compiler-runtime") },
];

/**
 * React Compiler 1.0 over the test files, which play the user's app (apps do not compile
 * node_modules, so `src/` stays as it ships). `test/compiler/` checks that it happened.
 */
function compiled(target: "18" | "19") {
  const preset = reactCompilerPreset({ target, panicThreshold: "none" });
  // The preset compiles only for browser environments; jsdom and node test files too.
  preset.rolldown.applyToEnvironmentHook = () => true;
  return {
    plugins: [babel({ include: [/[\\/]test[\\/]/], presets: [preset] })],
    test: {
      include: [...reactTests, "test/compiler/**/*.test.{ts,tsx}"],
      setupFiles: ["./test/support/setup.ts", "./test/support/setup-dom.ts"],
      environment: "jsdom",
      env: { REACT_COMPILER_TARGET: target },
    },
  };
}

const compiled19 = compiled("19");
const compiled18 = compiled("18");

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
        resolve: { alias: react18Aliases },
        test: {
          name: "react18",
          environment: "jsdom",
          include: ["test/react/**/*.test.{ts,tsx}", "test/devtools/**/*.test.{ts,tsx}"],
          setupFiles: ["./test/support/setup.ts", "./test/support/setup-dom.ts"],
        },
      },
      {
        extends: true,
        plugins: compiled19.plugins,
        test: { name: "react19-compiled", ...compiled19.test },
      },
      {
        extends: true,
        plugins: compiled18.plugins,
        resolve: { alias: react18Aliases },
        test: { name: "react18-compiled", ...compiled18.test },
      },
      {
        extends: true,
        plugins: [storybookTest({ configDir: here("./.storybook") })],
        test: {
          name: "storybook",
          // Stories play at human pace (fake latencies of up to two seconds); generous, so a busy
          // machine does not fail them. Nothing here asserts time.
          testTimeout: 30_000,
          setupFiles: ["./test/support/setup-browser.ts"],
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: chromiumLaunchOptions,
            }),
            instances: [{ browser: "chromium" }],
          },
        },
      },
    ],
  },
});
