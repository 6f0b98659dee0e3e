import type { StorybookConfig } from "@storybook/react-vite";

const config: StorybookConfig = {
  stories: ["../stories/**/*.mdx", "../stories/**/*.stories.@(ts|tsx)"],
  addons: ["@storybook/addon-docs", "@storybook/addon-vitest"],
  framework: "@storybook/react-vite",
  core: { disableTelemetry: true },
  async viteFinal(config) {
    const { fileURLToPath } = await import("node:url");
    const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
    config.resolve ??= {};
    config.resolve.alias = [
      ...(Array.isArray(config.resolve.alias) ? config.resolve.alias : []),
      { find: /^react-taskgroup\/core$/, replacement: here("../src/core/index.ts") },
      { find: /^react-taskgroup\/devtools$/, replacement: here("../src/devtools/index.ts") },
      { find: /^react-taskgroup$/, replacement: here("../src/index.ts") },
    ];
    // Stories import react-dom (flushSync): pre-bundle it, so Vite does not discover it halfway
    // through a test run and reload the page.
    config.optimizeDeps ??= {};
    config.optimizeDeps.include = [...(config.optimizeDeps.include ?? []), "react-dom"];
    return config;
  },
};
export default config;
