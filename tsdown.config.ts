import { defineConfig } from "tsdown";

/**
 * Modules that hold React bindings: every chunk emitted with one of them starts with
 * `"use client"`, so React Server Components see the bindings as client references while the
 * engine stays plain server-usable code. This is the one place that decides it: a new React
 * module needs no directive of its own, only to live under `src/react/` (or `src/devtools/`) and
 * be exported from `src/react/index.ts`. `scripts/check-pack.mjs` checks the result in `dist/`.
 */
const clientModule = /[\\/]src[\\/](react|devtools)[\\/]/;

export default defineConfig({
  entry: {
    index: "src/index.ts",
    core: "src/core/index.ts",
    devtools: "src/devtools/index.ts",
  },
  format: ["esm", "cjs"],
  dts: true,
  platform: "neutral",
  target: "es2022",
  sourcemap: false,
  clean: true,
  outputOptions: {
    // Chunks by role, so that each entry loads only what it uses: the engine (one copy, shared by
    // `index`, `core` and `devtools`, so `instanceof` holds across entries), the React bindings
    // (re-exported by `index`, which stays a plain module), the commit hook the devtools share
    // with them, and the bundler's interop helpers (kept apart, or CommonJS chunks would require
    // whichever chunk happened to hold them).
    codeSplitting: {
      groups: [
        { name: "runtime", test: /rolldown[\\/]runtime/, priority: 4 },
        // Source modules only (`(?<!\.d)`): the declaration modules the `.d.ts` build bundles
        // alongside split as they like, or their chunks would take these names too.
        { name: "engine", test: /[\\/]src[\\/]core[\\/][^\\/]+(?<!\.d)\.ts$/, priority: 3 },
        { name: "commit", test: /[\\/]src[\\/]react[\\/]useCommitEffect\.ts$/, priority: 2 },
        { name: "bindings", test: /[\\/]src[\\/]react[\\/][^\\/]+(?<!\.d)\.tsx?$/, priority: 1 },
      ],
    },
    banner: (chunk) =>
      /\.c?js$/.test(chunk.fileName) && chunk.moduleIds.some((id) => clientModule.test(id))
        ? '"use client";'
        : "",
  },
});
