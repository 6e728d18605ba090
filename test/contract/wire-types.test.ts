// Type-checks that Microsoft's samples are assignable to the wire types in client/wire/, with the
// TypeScript compiler over a generated module (one `const` per sample), under the project's options.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { responseSampleNames, SAMPLES_DIR } from "./samples.js";
import { UNTYPED, WIRE_TYPES } from "./wire-type-map.js";

const HERE = fileURLToPath(new URL(".", import.meta.url));
const VIRTUAL = `${HERE}__samples_typecheck__.ts`;

const MODULES = ["auth", "catalog", "cart", "common", "customer", "graph", "licensing", "order", "subscription", "user"];

function generatedModule(): string {
  const lines = MODULES.map((module) => `import type * as ${module} from "../../client/wire/${module}.js";`);
  Object.entries(WIRE_TYPES).forEach(([name, type], index) => {
    const json = readFileSync(`${SAMPLES_DIR}${name}`, "utf8");
    // Non-fresh assignment: structural assignability without excess-property checks.
    lines.push(`/* ${name} */ const sample${index} = ${json};`, `export const typed${index}: ${type} = sample${index};`);
  });
  return lines.join("\n");
}

describe("samples are assignable to client/wire types", () => {
  it("maps every sample to a wire type or says why not", () => {
    const mapped = new Set([...Object.keys(WIRE_TYPES), ...Object.keys(UNTYPED)]);
    expect(responseSampleNames().filter((name) => !mapped.has(name))).toEqual([]);
  });

  it("type-checks without errors", () => {
    const configPath = fileURLToPath(new URL("../../tsconfig.json", import.meta.url));
    const config = ts.parseJsonConfigFileContent(ts.readConfigFile(configPath, ts.sys.readFile).config, ts.sys, fileURLToPath(new URL("../..", import.meta.url)));
    const source = generatedModule();
    const host = ts.createCompilerHost({ ...config.options, noEmit: true });
    const readFile = host.readFile.bind(host);
    const fileExists = host.fileExists.bind(host);
    const getSourceFile = host.getSourceFile.bind(host);
    host.readFile = (file) => (file === VIRTUAL ? source : readFile(file));
    host.fileExists = (file) => file === VIRTUAL || fileExists(file);
    host.getSourceFile = (file, language) => (file === VIRTUAL ? ts.createSourceFile(file, source, language, true) : getSourceFile(file, language));
    const program = ts.createProgram({ rootNames: [VIRTUAL], options: { ...config.options, noEmit: true, rootDir: undefined }, host });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file !== undefined && d.start !== undefined ? `${d.file.fileName === VIRTUAL ? "samples" : d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}` : "";
      const text = ts.flattenDiagnosticMessageText(d.messageText, "\n");
      const sampleName = d.file?.fileName === VIRTUAL && d.start !== undefined ? /\/\* (\S+) \*\//.exec(source.slice(source.lastIndexOf("/* ", d.start), d.start + 1))?.[1] : undefined;
      return `${sampleName ?? where}: ${text.split("\n").slice(-3).join(" / ")}`;
    });
    expect(problems).toEqual([]);
  }, 60_000);
});
