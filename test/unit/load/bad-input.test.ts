// Every kind of bad input ends in diagnostics with a code and a full span (start and end) — never a crash or hang.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadEstate, type LoadOptions } from "../../../reconciler/index.js";

/** A valid customer; `extra` lines are appended inside spec (indent 2), starting at line 12. */
const customer = (extra = "", name = "acme", domain = "acme.onmicrosoft.com"): string =>
  [
    "apiVersion: cspctl/v1",
    "kind: Customer",
    "metadata:",
    `  name: ${name}`,
    "spec:",
    "  company:",
    "    name: Acme",
    `    domain: ${domain}`,
    "    country: US",
    "  tenant:",
    "    mode: link",
  ].join("\n") +
  "\n" +
  extra;

const subscription = (fields: string): string =>
  `  subscriptions:\n    - name: bp\n      offer: CFQ7TTC0LCHC:0002\n      term: P1Y\n      billing: monthly\n${fields}`;

interface BadInput {
  name: string;
  /** File name → content (string or bytes); `@link:target` creates a symlink. */
  files: Record<string, string | Uint8Array>;
  /** What to load, relative to the case folder. Default: the folder itself. */
  load?: string;
  options?: Partial<LoadOptions>;
  code: string;
  line: number;
  column: number;
  /** Where the span ends: after the node's last character (a problem with a whole file: its first one). */
  endLine: number;
  endColumn: number;
  file?: string;
}

const outside = mkdtempSync(join(tmpdir(), "cspctl-outside-"));
writeFileSync(join(outside, "secret.yaml"), customer());
const root = mkdtempSync(join(tmpdir(), "cspctl-bad-input-"));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

const deepBlock = `${Array.from({ length: 40 }, (_, i) => `${"  ".repeat(i)}k${i}:`).join("\n")} 1\n`;
const billionLaughs = [
  "a: &a [x, x, x, x, x, x, x, x, x, x]",
  "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]",
  "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]",
  "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]",
  "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]",
  "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]",
  "",
].join("\n");
const manyAliases = `a: &a x\nlist: [${Array.from({ length: 1001 }, () => "*a").join(", ")}]\n`;

const cases: BadInput[] = [
  {
    name: "unclosed flow sequence",
    files: { "a.yaml": customer("  labels: [1, 2\n") },
    code: "estate.yaml_syntax",
    line: 13,
    column: 1,
    endLine: 13,
    endColumn: 2,
  },
  {
    name: "nested mapping on one line",
    files: { "a.yaml": "apiVersion: a: b\n" },
    code: "estate.yaml_syntax",
    line: 1,
    column: 13,
    endLine: 1,
    endColumn: 14,
  },
  {
    name: "duplicate map key",
    files: { "a.yaml": customer("  tenant:\n    mode: create\n") },
    code: "estate.duplicate_key",
    line: 12,
    column: 3,
    endLine: 12,
    endColumn: 4,
  },
  {
    name: "tab indentation",
    files: { "a.yaml": customer("  users:\n\t- x\n") },
    code: "estate.tab_indent",
    line: 13,
    column: 1,
    endLine: 13,
    endColumn: 2,
  },
  {
    name: "empty file",
    files: { "a.yaml": "" },
    code: "estate.empty_file",
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
  },
  {
    name: "comments only",
    files: { "a.yaml": "# nothing here\n" },
    code: "estate.empty_file",
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
  },
  {
    name: "empty documents only",
    files: { "a.yaml": "---\n---\n" },
    code: "estate.empty_file",
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
  },
  {
    name: "binary file",
    files: { "a.yaml": new Uint8Array([0x61, 0x3a, 0x0a, 0x62, 0x00, 0x01]) },
    code: "estate.binary_file",
    line: 2,
    column: 2,
    endLine: 2,
    endColumn: 3,
  },
  {
    name: "UTF-16 file",
    files: { "a.yaml": Buffer.from("\ufeffa: b\n", "utf16le") },
    code: "estate.binary_file",
    line: 1,
    column: 4,
    endLine: 1,
    endColumn: 5,
  },
  {
    name: "invalid UTF-8 byte",
    files: { "a.yaml": Buffer.concat([Buffer.from("a: 1\nb: 2\nname: é"), Buffer.from([0xff]), Buffer.from("\n")]) },
    code: "estate.invalid_utf8",
    line: 3,
    column: 8,
    endLine: 3,
    endColumn: 9,
  },
  {
    name: "overlong UTF-8 sequence",
    files: { "a.yaml": Buffer.concat([Buffer.from("a: "), Buffer.from([0xc0, 0xaf])]) },
    code: "estate.invalid_utf8",
    line: 1,
    column: 4,
    endLine: 1,
    endColumn: 5,
  },
  {
    name: "file over the size limit",
    files: { "a.yaml": customer() },
    options: { limits: { maxFileBytes: 100 } },
    code: "estate.file_too_large",
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
  },
  {
    name: "alias bomb (billion laughs)",
    files: { "a.yaml": billionLaughs },
    code: "estate.document_too_large",
    line: 6,
    column: 8,
    endLine: 6,
    endColumn: 10,
  },
  {
    name: "too many aliases",
    files: { "a.yaml": manyAliases },
    code: "estate.alias_limit",
    line: 2,
    column: 4008,
    endLine: 2,
    endColumn: 4010,
  },
  {
    name: "deep block nesting",
    files: { "a.yaml": deepBlock },
    code: "estate.too_deep",
    line: 34,
    column: 67,
    endLine: 40,
    endColumn: 85,
  },
  {
    name: "deep flow nesting",
    files: { "a.yaml": `a: ${"[".repeat(300)}${"]".repeat(300)}\n` },
    code: "estate.too_deep",
    line: 1,
    column: 260,
    endLine: 1,
    endColumn: 261,
  },
  {
    name: "__proto__ key",
    files: { "a.yaml": customer("  __proto__:\n    polluted: true\n") },
    code: "estate.forbidden_key",
    line: 12,
    column: 3,
    endLine: 12,
    endColumn: 12,
  },
  {
    name: "constructor key",
    files: { "a.yaml": customer("  constructor: { prototype: { polluted: true } }\n") },
    code: "estate.forbidden_key",
    line: 12,
    column: 3,
    endLine: 12,
    endColumn: 14,
  },
  {
    name: "prototype key in metadata",
    files: { "a.yaml": "metadata:\n  prototype: x\n" },
    code: "estate.forbidden_key",
    line: 2,
    column: 3,
    endLine: 2,
    endColumn: 12,
  },
  {
    name: "tenant-level service plan in disabledPlans",
    files: {
      "a.yaml": customer(
        subscription("      quantity: 5\n") +
          "  users:\n    - { userPrincipalName: a@acme.onmicrosoft.com, firstName: A, lastName: B, usageLocation: US, licenses: [{ subscription: bp, disabledPlans: [EXCHANGE_S_FOUNDATION] }] }\n",
      ),
    },
    code: "estate.tenant_level_plan",
    line: 19,
    column: 145,
    endLine: 19,
    endColumn: 166,
  },
  {
    name: "infinite number",
    files: { "a.yaml": customer(subscription("      quantity: 1e400\n")) },
    code: "estate.number_out_of_range",
    line: 17,
    column: 17,
    endLine: 17,
    endColumn: 22,
  },
  {
    name: "integer beyond 2^53",
    files: { "a.yaml": customer(subscription("      quantity: 99999999999999999999\n")) },
    code: "estate.number_out_of_range",
    line: 17,
    column: 17,
    endLine: 17,
    endColumn: 37,
  },
  {
    name: "NaN",
    files: { "a.yaml": customer(subscription("      quantity: .nan\n")) },
    code: "estate.number_out_of_range",
    line: 17,
    column: 17,
    endLine: 17,
    endColumn: 21,
  },
  {
    name: "quantity zero",
    files: { "a.yaml": customer(subscription("      quantity: 0\n")) },
    code: "estate.number_out_of_range",
    line: 17,
    column: 17,
    endLine: 17,
    endColumn: 18,
  },
  {
    name: "quantity above the schema maximum",
    files: { "a.yaml": customer(subscription("      quantity: 2000000\n")) },
    code: "estate.number_out_of_range",
    line: 17,
    column: 17,
    endLine: 17,
    endColumn: 24,
  },
  {
    name: "fractional quantity",
    files: { "a.yaml": customer(subscription("      quantity: 2.5\n")) },
    code: "estate.invalid_type",
    line: 17,
    column: 17,
    endLine: 17,
    endColumn: 20,
  },
  {
    name: "missing env variable",
    files: { "a.yaml": customer(subscription("      quantity: ${env:SEATS}\n")) },
    options: { env: {} },
    code: "estate.env_missing",
    line: 17,
    column: 17,
    endLine: 17,
    endColumn: 29,
  },
  {
    name: "missing env variable for a password",
    files: {
      "a.yaml": customer(
        '  users:\n    - { userPrincipalName: a@acme.onmicrosoft.com, firstName: A, lastName: B, password: "${env:PW}" }\n',
      ),
    },
    options: { env: {} },
    code: "estate.env_missing",
    line: 13,
    column: 89,
    endLine: 13,
    endColumn: 100,
  },
  {
    name: "malformed env reference",
    files: { "a.yaml": customer("  resellerOfRecord: ${env:1BAD}\n") },
    options: { env: {} },
    code: "estate.env_invalid_reference",
    line: 12,
    column: 21,
    endLine: 12,
    endColumn: 32,
  },
  {
    name: "symlink leaving the folder",
    files: { "a.yaml": customer(), "b.yaml": `@link:${join(outside, "secret.yaml")}` },
    code: "estate.symlink_escape",
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    file: "b.yaml",
  },
  {
    name: "broken symlink",
    files: { "a.yaml": customer(), "b.yaml": "@link:/nonexistent/cspctl/x.yaml" },
    code: "estate.symlink_broken",
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    file: "b.yaml",
  },
  {
    name: "path that does not exist",
    files: { "a.yaml": customer() },
    load: "missing.yaml",
    code: "estate.path_not_found",
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    file: "missing.yaml",
  },
  {
    name: "folder without YAML files",
    files: { "notes.txt": "hello" },
    code: "estate.no_estate_files",
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    file: ".",
  },
  {
    name: "unknown tag",
    files: { "a.yaml": customer("  resellerOfRecord: !secret 12345\n") },
    code: "estate.unsupported_tag",
    line: 12,
    column: 21,
    endLine: 12,
    endColumn: 28,
  },
  {
    name: "binary scalar",
    files: { "a.yaml": customer("  resellerOfRecord: !!binary aGVsbG8=\n") },
    code: "estate.unsupported_value",
    line: 12,
    column: 30,
    endLine: 12,
    endColumn: 38,
  },
  {
    name: "non-scalar map key",
    files: { "a.yaml": customer("  ? [a, b]\n  : c\n") },
    code: "estate.invalid_key",
    line: 12,
    column: 5,
    endLine: 12,
    endColumn: 11,
  },
  {
    name: "plain text instead of YAML mapping",
    files: { "a.yaml": "just some text\n" },
    code: "estate.invalid_type",
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 15,
  },
  {
    name: "a list at the top",
    files: { "a.yaml": "- a\n- b\n" },
    code: "estate.invalid_type",
    line: 1,
    column: 1,
    endLine: 3,
    endColumn: 1,
  },
  {
    name: "unknown apiVersion",
    files: { "a.yaml": customer().replace("cspctl/v1", "cspctl/v9") },
    code: "estate.invalid_value",
    line: 1,
    column: 13,
    endLine: 1,
    endColumn: 22,
  },
  {
    name: "unknown kind",
    files: { "a.yaml": customer().replace("kind: Customer", "kind: Customr") },
    code: "estate.invalid_value",
    line: 2,
    column: 7,
    endLine: 2,
    endColumn: 14,
  },
  {
    name: "missing metadata",
    files: { "a.yaml": customer().replace("metadata:\n  name: acme\n", "") },
    code: "estate.missing_field",
    line: 1,
    column: 1,
    endLine: 10,
    endColumn: 1,
  },
  {
    name: "unknown top-level key",
    files: { "a.yaml": `status: {}\n${customer()}` },
    code: "estate.unknown_key",
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 7,
  },
  {
    name: "misspelt nested key",
    files: { "a.yaml": customer("  biling: {}\n") },
    code: "estate.unknown_key",
    line: 12,
    column: 3,
    endLine: 12,
    endColumn: 9,
  },
  {
    name: "invalid metadata.name",
    files: { "a.yaml": customer("", "Acme") },
    code: "estate.invalid_format",
    line: 4,
    column: 9,
    endLine: 4,
    endColumn: 13,
  },
  {
    name: "invalid UPN",
    files: {
      "a.yaml": customer("  users:\n    - { userPrincipalName: a.@acme.onmicrosoft.com, firstName: A, lastName: B }\n"),
    },
    code: "estate.invalid_format",
    line: 13,
    column: 28,
    endLine: 13,
    endColumn: 51,
  },
  {
    name: "invalid e-mail",
    files: { "a.yaml": customer("  salesReps:\n    - { name: X, email: not-an-email }\n") },
    code: "estate.invalid_format",
    line: 13,
    column: 25,
    endLine: 13,
    endColumn: 37,
  },
  {
    name: "unknown country",
    files: { "a.yaml": customer().replace("country: US", "country: XX") },
    code: "estate.invalid_value",
    line: 9,
    column: 14,
    endLine: 9,
    endColumn: 16,
  },
  {
    name: "invalid date",
    files: { "a.yaml": customer("  policy:\n    ignore:\n      - { path: users, reason: r, until: 2027-13-45 }\n") },
    code: "estate.invalid_format",
    line: 14,
    column: 42,
    endLine: 14,
    endColumn: 52,
  },
  {
    name: "invalid label key",
    files: { "a.yaml": customer().replace("  name: acme\n", '  name: acme\n  labels: { "bad key": x }\n') },
    code: "estate.invalid_label",
    line: 5,
    column: 13,
    endLine: 5,
    endColumn: 22,
  },
  {
    name: "literal password",
    files: {
      "a.yaml": customer(
        "  users:\n    - { userPrincipalName: a@acme.onmicrosoft.com, firstName: A, lastName: B, password: hunter22 }\n",
      ),
    },
    code: "estate.password_literal",
    line: 13,
    column: 89,
    endLine: 13,
    endColumn: 97,
  },
  {
    name: "four sales reps",
    files: { "a.yaml": customer(`  salesReps:\n${"    - { name: X, email: x@p.example }\n".repeat(4)}`) },
    code: "estate.too_many_sales_reps",
    line: 12,
    column: 3,
    endLine: 12,
    endColumn: 12,
  },
  {
    name: "undefined alias",
    files: { "a.yaml": customer("  resellerOfRecord: *nope\n") },
    code: "estate.yaml_syntax",
    line: 12,
    column: 21,
    endLine: 12,
    endColumn: 26,
  },
  {
    name: "duplicate customer across files",
    files: { "a.yaml": customer(), "b.yaml": customer("", "acme", "other.onmicrosoft.com") },
    code: "estate.duplicate_name",
    line: 4,
    column: 9,
    endLine: 4,
    endColumn: 13,
    file: "b.yaml",
  },
  {
    name: "unknown profile",
    files: { "a.yaml": customer("  profiles: [smb]\n") },
    code: "estate.unknown_profile",
    line: 12,
    column: 14,
    endLine: 12,
    endColumn: 17,
  },
  {
    name: "profile that lists itself",
    files: { "a.yaml": "apiVersion: cspctl/v1\nkind: Profile\nmetadata: { name: p }\nspec:\n  profiles: [p]\n" },
    code: "estate.profile_cycle",
    line: 5,
    column: 14,
    endLine: 5,
    endColumn: 15,
  },
  {
    name: "trial with 10 seats",
    files: { "a.yaml": customer(subscription("      quantity: 10\n      trial: { convert: auto }\n")) },
    code: "estate.trial_quantity",
    line: 17,
    column: 17,
    endLine: 17,
    endColumn: 19,
  },
];

describe("bad input", () => {
  it("covers at least 40 distinct cases", () => {
    expect(new Set(cases.map((c) => c.name)).size).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)("$name → $code at $line:$column", async (testCase) => {
    const folder = join(root, testCase.name.replace(/[^a-z0-9]+/gi, "-"));
    mkdirSync(folder, { recursive: true });
    for (const [name, content] of Object.entries(testCase.files)) {
      const path = join(folder, name);
      mkdirSync(dirname(path), { recursive: true });
      if (typeof content === "string" && content.startsWith("@link:")) symlinkSync(content.slice(6), path);
      else writeFileSync(path, content);
    }
    const result = await loadEstate(testCase.load ?? ".", { cwd: folder, env: {}, ...testCase.options });
    expect(result.valid).toBe(false);
    const match = result.diagnostics.find((d) => d.code === testCase.code);
    expect(match, JSON.stringify(result.diagnostics, null, 1)).toBeDefined();
    const { file, line, column, endLine, endColumn } = match!;
    expect({ file, line, column, endLine, endColumn }).toEqual({
      file: testCase.file ?? "a.yaml",
      line: testCase.line,
      column: testCase.column,
      endLine: testCase.endLine,
      endColumn: testCase.endColumn,
    });
    expect(match!.severity).toBe("error");
  });

  it("never lets __proto__ or constructor keys reach Object.prototype", async () => {
    const folder = join(root, "pollution");
    mkdirSync(folder, { recursive: true });
    writeFileSync(
      join(folder, "a.yaml"),
      customer("  __proto__: { polluted: true }\n  constructor: { prototype: { polluted: true } }\n") +
        "---\n__proto__:\n  polluted: true\n",
    );
    await loadEstate(".", { cwd: folder, env: {} });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });
});
