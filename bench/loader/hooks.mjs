// Module hooks for `node --import ./bench/loader/register.mjs`: `.ts` and `.tsx` files are
// transpiled one by one with TypeScript's `transpileModule` (types erased, JSX to `react/jsx-runtime`,
// nothing else rewritten: classes, `#private` fields and arrow functions stay native, as Node 20
// runs them), and a relative `./x.js` import that has no `.js` file resolves to `./x.ts` or
// `./x.tsx`, as the project's `moduleResolution: "Bundler"` allows.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const compilerOptions = {
  module: ts.ModuleKind.ESNext,
  target: ts.ScriptTarget.ES2022,
  verbatimModuleSyntax: true,
  useDefineForClassFields: true,
  jsx: ts.JsxEmit.ReactJSX,
  sourceMap: false,
};

export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    const relative = specifier.startsWith("./") || specifier.startsWith("../");
    if (!relative || !specifier.endsWith(".js") || error?.code !== "ERR_MODULE_NOT_FOUND") {
      throw error;
    }
    const base = specifier.slice(0, -3);
    try {
      return await nextResolve(`${base}.ts`, context);
    } catch {
      return nextResolve(`${base}.tsx`, context);
    }
  }
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith("file:") || !(url.endsWith(".ts") || url.endsWith(".tsx"))) {
    return nextLoad(url, context);
  }
  const fileName = fileURLToPath(url);
  const source = await readFile(fileName, "utf8");
  const { outputText } = ts.transpileModule(source, { fileName, compilerOptions });
  return { format: "module", source: outputText, shortCircuit: true };
}
