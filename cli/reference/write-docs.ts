// `npm run docs`: writes the generated reference pages. test/unit/docs/generated-docs.test.ts fails
// when a committed page differs from what this writes.
import { readFileSync, writeFileSync } from "node:fs";
import { errorCodes } from "../../core/error-codes.js";
import { buildProgram } from "../program.js";
import { renderCliReference } from "./cli-reference.js";
import { renderEstateReference } from "./estate-reference.js";

export function generatedDocs(repoRoot: URL): { path: URL; content: string }[] {
  const schema = JSON.parse(readFileSync(new URL("schemas/estate.schema.json", repoRoot), "utf8"));
  return [
    { path: new URL("docs/reference/cli.md", repoRoot), content: renderCliReference(buildProgram()) },
    { path: new URL("docs/reference/estate-schema.md", repoRoot), content: renderEstateReference(schema) },
    { path: new URL("docs/reference/error-codes.md", repoRoot), content: renderErrorCodes() },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = new URL("../../../", import.meta.url);
  for (const { path, content } of generatedDocs(root)) writeFileSync(path, content);
}

function renderErrorCodes(): string {
  const rows = Object.entries(errorCodes).map(
    ([code, meaning]) => `| \`${code}\` | ${meaning.replace(/\|/g, "\\|")} |`,
  );
  return `${[
    "# Error codes",
    "",
    "Generated from `core/error-codes.ts` (`npm run docs`); do not edit by hand. Codes are public API:",
    "listed here, never renamed. Every error cspctl prints names one, with a hint saying what to do.",
    "",
    "| code | meaning |",
    "|---|---|",
    ...rows,
  ].join("\n")}\n`;
}
