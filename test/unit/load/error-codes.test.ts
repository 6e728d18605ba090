// One table of error codes: every code in core/error-codes.ts appears in README.md, and every
// estate code the loader can emit is in core/error-codes.ts.
// Regenerate the table with: UPDATE_GOLDEN=1 npx vitest run test/unit/load/error-codes.test.ts
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { errorCodes } from "../../../core/error-codes.js";

const repo = join(import.meta.dirname, "..", "..", "..");
const docPath = join(repo, "README.md");
const START = "<!-- error-codes:start -->";
const END = "<!-- error-codes:end -->";

function renderTable(): string {
  const rows = Object.entries(errorCodes).map(([code, meaning]) => `| \`${code}\` | ${meaning.replace(/\|/g, "\\|")} |`);
  return ["| code | meaning |", "|---|---|", ...rows].join("\n");
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : name.endsWith(".ts") ? [path] : [];
  });
}

describe("error codes", () => {
  it("are all listed in the README.md table", () => {
    let doc = readFileSync(docPath, "utf8");
    if (process.env.UPDATE_GOLDEN === "1") {
      doc = doc.replace(new RegExp(`${START}[\\s\\S]*${END}`), `${START}\n${renderTable()}\n${END}`);
      writeFileSync(docPath, doc);
    }
    const table = doc.slice(doc.indexOf(START), doc.indexOf(END));
    const missing = Object.keys(errorCodes).filter((code) => !table.includes(`| \`${code}\` |`));
    expect(missing, "codes missing from README.md (run with UPDATE_GOLDEN=1)").toEqual([]);
  });

  it("include every code the loader and validate can emit", () => {
    const files = [...sourceFiles(join(repo, "reconciler", "load")), join(repo, "cli", "commands", "validate.ts")];
    const used = new Set(files.flatMap((file) => [...readFileSync(file, "utf8").matchAll(/"((?:estate|cli)\.[a-z_]+)"/g)].map((m) => m[1]!)));
    expect([...used].filter((code) => !Object.hasOwn(errorCodes, code))).toEqual([]);
  });

  it("are area.snake_case", () => {
    for (const code of Object.keys(errorCodes)) expect(code).toMatch(/^[a-z]+\.[a-z0-9_]+$/);
  });
});
