// The react18 test project resolves React 18 from compat/react18/node_modules. `npm ci` at the
// root does not install it, so `npm test` does, once, when it is missing.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const dir = fileURLToPath(new URL("../compat/react18/", import.meta.url));
// react-compiler-runtime too: a checkout installed before it was added must install again.
const needed = ["react", "react-compiler-runtime"];
const installed = (pkg) =>
  existsSync(new URL(`../compat/react18/node_modules/${pkg}/package.json`, import.meta.url));
if (!needed.every(installed)) {
  console.log("Installing React 18 for the react18 test project (compat/react18)…");
  execFileSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: dir, stdio: "inherit" });
}
