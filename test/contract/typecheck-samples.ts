// Type-checks Microsoft's samples against a folder of wire types with the TypeScript compiler: a
// generated module holds one `const` per sample and assigns it to its type, under the project's
// options. Shared by the client's and the emulator's wire-type tests (two independent readings).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { SAMPLES_DIR } from "./samples.js";

const HERE = fileURLToPath(new URL(".", import.meta.url));
const VIRTUAL = `${HERE}__samples_typecheck__.ts`;

/** `wireDir` relative to the repository root (`client/wire`); `types` maps sample → type expression over `modules`. */
export function typecheckSamples(wireDir: string, modules: string[], types: Record<string, string>): string[] {
  const lines = modules.map((module) => `import type * as ${module} from "../../${wireDir}/${module}.js";`);
  Object.entries(types).forEach(([name, type], index) => {
    const json = readFileSync(`${SAMPLES_DIR}${name}`, "utf8");
    // Non-fresh assignment: structural assignability without excess-property checks.
    lines.push(
      `/* ${name} */ const sample${index} = ${json};`,
      `export const typed${index}: ${type} = sample${index};`,
    );
  });
  const source = lines.join("\n");
  const configPath = fileURLToPath(new URL("../../tsconfig.json", import.meta.url));
  const config = ts.parseJsonConfigFileContent(
    ts.readConfigFile(configPath, ts.sys.readFile).config,
    ts.sys,
    fileURLToPath(new URL("../..", import.meta.url)),
  );
  const host = ts.createCompilerHost({ ...config.options, noEmit: true });
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (file) => (file === VIRTUAL ? source : readFile(file));
  host.fileExists = (file) => file === VIRTUAL || fileExists(file);
  host.getSourceFile = (file, language) =>
    file === VIRTUAL ? ts.createSourceFile(file, source, language, true) : getSourceFile(file, language);
  const program = ts.createProgram({
    rootNames: [VIRTUAL],
    options: { ...config.options, noEmit: true, rootDir: undefined },
    host,
  });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where =
      d.file !== undefined && d.start !== undefined
        ? `${d.file.fileName === VIRTUAL ? "samples" : d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}`
        : "";
    const text = ts.flattenDiagnosticMessageText(d.messageText, "\n");
    const sampleName =
      d.file?.fileName === VIRTUAL && d.start !== undefined
        ? /\/\* (\S+) \*\//.exec(source.slice(source.lastIndexOf("/* ", d.start), d.start + 1))?.[1]
        : undefined;
    return `${sampleName ?? where}: ${text.split("\n").slice(-3).join(" / ")}`;
  });
}
