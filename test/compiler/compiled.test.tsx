/**
 * Runs only in the react*-compiled projects: proves that React Compiler compiled the test files
 * (else those projects would pass vacuously), and that it compiled at least 90% of the test
 * components and hooks: a component it bails out of runs uncompiled and tests nothing new.
 * Bail-outs are printed with their reason, and the ratio with them.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { transformAsync } from "@babel/core";
import { render, screen } from "@testing-library/react";
import { useTaskGroup } from "react-taskgroup";
import { describe, expect, it } from "vitest";

const target = process.env.REACT_COMPILER_TARGET;

function Probe({ label }: { label: string }) {
  const { settled } = useTaskGroup();
  return (
    <p>
      {label} {settled}
    </p>
  );
}

interface Outcome {
  compiled: string[];
  bailouts: string[];
}

/** Compiles one file as the project does, and lists what the compiler did with each function. */
async function compile(file: string): Promise<Outcome> {
  const outcome: Outcome = { compiled: [], bailouts: [] };
  const name = file.slice(file.indexOf("/test/") + 1);
  const logger = {
    logEvent(_: string | null, event: { kind: string; [key: string]: unknown }) {
      const line = (event.fnLoc as { start?: { line: number } } | null)?.start?.line;
      if (event.kind === "CompileSuccess") {
        outcome.compiled.push(`${name}:${line} ${String(event.fnName)}`);
      } else if (event.kind === "CompileError" || event.kind === "PipelineError") {
        const detail = event.detail as
          | { reason?: string; options?: { reason?: string } }
          | undefined;
        const reason = detail?.reason ?? detail?.options?.reason ?? String(event.data);
        const where = `${name}:${line}`;
        // One function can fail several checks: count it once.
        if (!outcome.bailouts.some((b) => b.startsWith(`${where} `))) {
          outcome.bailouts.push(`${where} ${reason}`);
        }
      }
    },
  };
  await transformAsync(readFileSync(file, "utf8"), {
    filename: file,
    babelrc: false,
    configFile: false,
    parserOpts: { plugins: ["jsx", "typescript"] },
    plugins: [["babel-plugin-react-compiler", { target, panicThreshold: "none", logger }]],
  });
  return outcome;
}

function testFiles(): string[] {
  const files: string[] = [];
  const tests = dirname(dirname(fileURLToPath(import.meta.url)));
  for (const dir of ["react", "devtools"]) {
    const path = join(tests, dir);
    for (const entry of readdirSync(path)) {
      if (/\.tsx?$/.test(entry)) files.push(join(path, entry));
    }
  }
  return files;
}

describe(`React Compiler (target ${target})`, () => {
  it("compiled the components of this project's test files", async () => {
    // A compiled component keeps its memo cache in `$`, read as `$[0]`.
    expect(Probe.toString()).toMatch(/\$\[0\]/);
    render(<Probe label="settled" />);
    expect(screen.getByText("settled 0")).toBeInTheDocument();
  });

  it("compiles at least 90% of the test components and hooks, and lists the rest", async () => {
    const outcomes = await Promise.all(testFiles().map(compile));
    const compiled = outcomes.flatMap((o) => o.compiled);
    const bailouts = outcomes.flatMap((o) => o.bailouts);
    const ratio = compiled.length / (compiled.length + bailouts.length);
    console.log(
      `React Compiler (target ${target}): ${compiled.length} of ${compiled.length + bailouts.length} test components and hooks compiled (${(ratio * 100).toFixed(1)}%)${bailouts.map((b) => `\n  bail-out: ${b}`).join("")}`,
    );
    expect(compiled.length).toBeGreaterThan(40);
    expect(ratio).toBeGreaterThanOrEqual(0.9);
    // Compiles every test file: seconds of CPU, more on a loaded machine. Not a timing assertion.
  }, 120_000);
});
