// The pre-parse check that keeps `yaml` from recursing off the stack (deep compact nesting) or going
// quadratic (many aliases): it refuses exactly the documents past the bounds and leaves the rest as they were.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadEstate } from "../../../reconciler/index.js";
import { precheckYaml } from "../../../reconciler/load/yaml-precheck.js";

const LIMITS = { maxNesting: 256, maxAliases: 1000 };
const repo = join(import.meta.dirname, "..", "..", "..");
const root = mkdtempSync(join(tmpdir(), "cspctl-precheck-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const customer = (name: string): string => `apiVersion: cspctl/v1\nkind: Customer\nmetadata: { name: ${name} }\n`;

describe("precheckYaml", () => {
  it.each([
    ["compact block sequences", `${"- ".repeat(300)}x\n`, 512],
    ["nested explicit keys", `${"? ".repeat(300)}x\n`, 512],
    ["a sequence of maps on one line", `${"- a: ".repeat(200)}x\n`, 5 * 128],
  ])("refuses %s past the bound, at the token that crosses it", (_name, text, offset) => {
    const result = precheckYaml(text, LIMITS);
    expect(result.refused).toEqual([
      {
        code: "estate.too_deep",
        message: "nesting deeper than 256 levels",
        hint: expect.any(String),
        start: offset,
        end: offset + 1,
      },
    ]);
    expect(result.text).toHaveLength(text.length);
  });

  it("counts indentation: a staircase of 300 nested maps is refused, 300 sibling keys are not", () => {
    const staircase = `${Array.from({ length: 300 }, (_, i) => `${" ".repeat(i)}k${i}:`).join("\n")} 1\n`;
    expect(precheckYaml(staircase, LIMITS).refused.map((r) => r.code)).toEqual(["estate.too_deep"]);
    const flat = `${Array.from({ length: 300 }, (_, i) => `k${i}: [x]`).join("\n")}\n`;
    expect(precheckYaml(flat, LIMITS).refused).toEqual([]);
    const list = `${Array.from({ length: 3000 }, (_, i) => `- name: n${i}\n  value: { a: [1, 2], b: { c: d } }`).join("\n")}\n`;
    expect(precheckYaml(list, LIMITS).refused).toEqual([]);
  });

  it("counts alias references per document and reports the first one past the limit", () => {
    const aliases = (n: number): string => `a: &a x\nlist: [${Array.from({ length: n }, () => "*a").join(", ")}]\n`;
    expect(precheckYaml(aliases(1000), LIMITS).refused).toEqual([]);
    expect(precheckYaml(`${aliases(600)}---\n${aliases(600)}`, LIMITS).refused).toEqual([]);
    const [problem] = precheckYaml(aliases(1001), LIMITS).refused;
    expect(problem).toMatchObject({ code: "estate.alias_limit", start: 8 + 7 + 1000 * 4, end: 8 + 7 + 1000 * 4 + 2 });
  });

  it("blanks each refused document to one comment line and keeps every other offset", () => {
    const deep = `${"- ".repeat(300)}x\n`;
    const good = "a: 1\n";
    const text = `${deep}---\n${good}---\n${deep}---\n${good}`;
    const result = precheckYaml(text, LIMITS);
    expect(result.refused.map((r) => r.start)).toEqual([512, deep.length + 4 + good.length + 4 + 512]);
    expect(result.text).toHaveLength(text.length);
    // the second refused document starts after its `---`, so its marker and content share the comment line
    expect(result.text.split("\n")).toEqual([
      `--- #${" ".repeat(deep.length - 6)}`,
      "---",
      "a: 1",
      `--- #${" ".repeat(deep.length - 2)}`,
      "---",
      "a: 1",
      "",
    ]);
  });

  it("refuses nothing in the example estates", () => {
    const files = [
      ...readdirSync(join(repo, "examples", "estate", "customers")).map((f) =>
        join("examples", "estate", "customers", f),
      ),
      ...readdirSync(join(repo, "examples", "broken")).map((f) => join("examples", "broken", f)),
    ];
    for (const file of files.filter((f) => f.endsWith(".yaml")))
      expect(precheckYaml(readFileSync(join(repo, file), "utf8"), LIMITS).refused, file).toEqual([]);
  });
});

describe("loading deeply nested or alias-heavy documents", () => {
  it.each(["fast", "reference"] as const)(
    "reports each deep document at file:line:column and still reads the others (%s reader)",
    async (reader) => {
      const deep = `${"- ".repeat(10_000)}leaf\n`;
      writeFileSync(join(root, `docs-${reader}.yaml`), `${deep}---\n${deep}---\n${customer("after")}`);
      const result = await loadEstate(join(root, `docs-${reader}.yaml`), { reader, env: {} });
      const deepOnes = result.diagnostics.filter((d) => d.code === "estate.too_deep");
      expect(deepOnes.map((d) => [d.line, d.column])).toEqual([
        [1, 513],
        [3, 513],
      ]);
      // the third document was read where it is: its own problem (no spec) is reported on line 5
      expect(result.diagnostics.find((d) => d.code === "estate.missing_field")).toMatchObject({ line: 5, column: 1 });
    },
  );

  it("refuses 100,000 aliases with estate.alias_limit without composing them", async () => {
    writeFileSync(
      join(root, "aliases.yaml"),
      `a: &x []\n${Array.from({ length: 100_000 }, (_, i) => `b${i}: *x\n`).join("")}`,
    );
    const result = await loadEstate(join(root, "aliases.yaml"), { env: {} });
    expect(result.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([["estate.alias_limit", 1002, 8]]);
  });
});
