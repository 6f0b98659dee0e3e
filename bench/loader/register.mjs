// Loads the benchmark's TypeScript without tsx. tsx (esbuild with `keepNames: true`, hard-coded)
// wraps every function expression in `__name(fn, "…")`, an `Object.defineProperty` call per
// closure created. The engine creates several closures per task, so under tsx the benchmark
// would time that wrapper, which no build ships. See bench/README.md, "Loader".
import { register } from "node:module";

register("./hooks.mjs", import.meta.url);
