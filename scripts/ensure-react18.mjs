// The react18 test project resolves React 18 from compat/react18/node_modules. `npm ci` at the
// root does not install it, so `npm test` does, once, when it is missing.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const dir = fileURLToPath(new URL("../compat/react18/", import.meta.url));
if (!existsSync(new URL("../compat/react18/node_modules/react/package.json", import.meta.url))) {
  console.log("Installing React 18 for the react18 test project (compat/react18)…");
  execFileSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: dir, stdio: "inherit" });
}
