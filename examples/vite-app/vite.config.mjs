// The app as a user sets it up with React Compiler 1.0 on Vite 8: @vitejs/plugin-react 6 plus its
// compiler preset through @rolldown/plugin-babel. `panicThreshold: "all_errors"` fails the build
// on any component the compiler cannot compile, so the check never passes uncompiled.
import babel from "@rolldown/plugin-babel";
import react, { reactCompilerPreset } from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [
    react(),
    babel({ presets: [reactCompilerPreset({ target: "19", panicThreshold: "all_errors" })] }),
  ],
  build: { sourcemap: false },
});
