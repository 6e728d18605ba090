// Client and emulator are two independent readings of Microsoft's protocol: neither may import the
// other, or a field wrong in both would pass every test. Every module specifier in every .ts file
// under client/ and emulator/ (static imports, re-exports, `import type`, dynamic `import()`,
// `import x = require()`) is found with the TypeScript parser and resolved against its file.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Every module specifier a source text names. */
function moduleSpecifiers(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier !== undefined &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      found.push(node.moduleSpecifier.text);
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteral(node.moduleReference.expression)
    ) {
      found.push(node.moduleReference.expression.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] !== undefined &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      found.push(node.arguments[0].text);
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      found.push(node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** `file:specifier` for each import of `from` that lands inside `forbidden` (both top-level folders). */
function crossings(from: string, forbidden: string): string[] {
  const forbiddenDir = join(ROOT, forbidden) + sep;
  return tsFiles(join(ROOT, from)).flatMap((file) =>
    moduleSpecifiers(file, readFileSync(file, "utf8"))
      .filter(
        (specifier) => specifier.startsWith(".") && (resolve(dirname(file), specifier) + sep).startsWith(forbiddenDir),
      )
      .map((specifier) => `${relative(ROOT, file)}: ${specifier}`),
  );
}

describe("client and emulator do not import each other", () => {
  it("emulator/ imports nothing from client/", () => {
    expect(tsFiles(join(ROOT, "emulator")).length).toBeGreaterThan(50);
    expect(crossings("emulator", "client")).toEqual([]);
  });

  it("client/ imports nothing from emulator/", () => {
    expect(tsFiles(join(ROOT, "client")).length).toBeGreaterThan(20);
    expect(crossings("client", "emulator")).toEqual([]);
  });

  it("finds every kind of import the ban must catch", () => {
    const text = [
      'import type { A } from "../../client/wire/a.js";',
      'import { b } from "../client/b.js";',
      'export * from "../../client/c.js";',
      'export { d } from "../../client/d.js";',
      'const e = await import("../../client/e.js");',
      'import f = require("../../client/f.js");',
      'let g: import("../../client/g.js").G;',
      'import "../../client/h.js";',
    ].join("\n");
    expect(moduleSpecifiers("x.ts", text)).toEqual([
      "../../client/wire/a.js",
      "../client/b.js",
      "../../client/c.js",
      "../../client/d.js",
      "../../client/e.js",
      "../../client/f.js",
      "../../client/g.js",
      "../../client/h.js",
    ]);
  });
});
