// One YAML path: js-yaml reads the data, `yaml` gives every position, looked up when asked. The two
// must agree on every document the loader accepts (the same data, and a position for every map and
// sequence), and every span must cover its node exactly: from its first character to its last.
// Checked on the examples, the bench estates and thousands of seeded random documents (valid ones and
// mutated ones).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { customerDocument, PROFILE } from "../../../bench/cases/load-estate.js";
import { generateEstate } from "../../../bench/estate/generate-estate.js";
import { seededRandom, type Random } from "../../../emulator/faults/random.js";
import type { SourceSpan } from "../../../reconciler/model/diagnostic.js";
import { DiagnosticSink } from "../../../reconciler/load/diagnostic-sink.js";
import { LoadLimits } from "../../../reconciler/load/limits.js";
import { parseEstateText, type ParseContext } from "../../../reconciler/load/parse-documents.js";
import { SourceIndex } from "../../../reconciler/load/source-index.js";
import { countLines } from "../../../reconciler/load/source-file.js";
import { yamlFilesUnder } from "../../helpers/estate-fixtures.js";

const repo = join(import.meta.dirname, "..", "..", "..");
const env = { SEATS: "12", NAME: "acme", FLAG: "true", EMPTY: "" };

/** The text a span covers. */
function spanText(text: string, span: SourceSpan): string {
  const lines = countLines(text).lineStarts;
  const offset = (line: number, column: number) => lines[line - 1]! + column - 1;
  return text.slice(offset(span.line, span.column), offset(span.endLine, span.endColumn));
}

/** Reads `text` as the loader does; checks every collection's span and every map key's span. */
function read(text: string, limits: LoadLimits = LoadLimits) {
  const context: ParseContext = { sink: new DiagnosticSink(), index: new SourceIndex(), env, limits: { ...limits } };
  const documents = parseEstateText(text, "estate.yaml", context);
  const walk = (value: unknown): void => {
    if (value === null || typeof value !== "object") return;
    const own = context.index.ownSpan(value);
    expect(own, `a collection without a position in:\n${text}`).toBeDefined();
    const covered = spanText(text, own!);
    expect(covered, text).toBe(covered.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, "")); // YAML's white space
    expect(covered.length, text).toBeGreaterThan(0);
    if (!Array.isArray(value))
      for (const key of Object.keys(value)) {
        const keyText = spanText(text, context.index.spanOf(value, key, "key")!);
        expect([key, `"${key}"`, `'${key}'`], text).toContain(keyText);
      }
    for (const item of Array.isArray(value) ? value : Object.values(value)) walk(item);
  };
  for (const document of documents) walk(document.data);
  return { documents, diagnostics: context.sink.diagnostics };
}

/** Asserts the loader's reading of `text` agrees with `yaml`'s; returns whether it accepted the text. */
function agree(text: string): boolean {
  const { documents, diagnostics } = read(text);
  const reference = parseAllDocuments(text, { uniqueKeys: true, strict: true });
  const list = Array.isArray(reference) ? reference : [];
  const refused = list.some((d) => d.errors.length > 0);
  // what `yaml` refuses, the loader never accepts
  if (refused) expect(diagnostics.length, text).toBeGreaterThan(0);
  for (const d of diagnostics) {
    expect(d.line, text).toBeGreaterThanOrEqual(1);
    expect(d.endLine > d.line || (d.endLine === d.line && d.endColumn >= d.column), text).toBe(true);
  }
  if (diagnostics.length > 0 || text.includes("${env:")) return false;
  const data = list.filter((d) => d.contents !== null && d.contents.range[0] !== d.contents.range[1]);
  expect(
    documents.map((d) => d.data),
    text,
  ).toEqual(data.map((d) => d.toJS()));
  return true;
}

describe("one YAML path", () => {
  it("reads the example estate and the broken examples as `yaml` does, with a position for every collection", () => {
    const files = yamlFilesUnder(join(repo, "examples", "estate"));
    expect(files.filter((file) => agree(readFileSync(file, "utf8"))).length).toBe(files.length);
    for (const file of yamlFilesUnder(join(repo, "examples", "broken"))) agree(readFileSync(file, "utf8"));
  });

  it("reads the bench estates as `yaml` does", () => {
    expect(agree(PROFILE)).toBe(true);
    for (let i = 0; i < 20; i++) expect(agree(customerDocument(i))).toBe(true);
    expect(agree(Array.from({ length: 5 }, (_, i) => customerDocument(i)).join("---\n"))).toBe(true);
    const generated = generateEstate({ customers: 20, subscriptions: 3, usersPerCustomer: 6, seed: 7 });
    for (const text of generated.files.values()) expect(agree(text)).toBe(true);
  });

  it("resolves plain scalars as YAML 1.2 core does (as `yaml` does)", () => {
    const texts = ["~", "null", "NULL", "true", "False", "TRUE", "12", "-7", "+3", "0o17", "0x1F", "1.5", ".5"];
    texts.push("1e3", "-.inf", ".NaN", "1_000", "yes", "no", "on", "2027-03-31", "P1Y", "0012", "12abc");
    texts.push("1e400", "-1e400", `1${"0".repeat(400)}`, "1:30", "0b101", "");
    for (const text of texts) {
      const { documents } = read(`v: ${text}\n`, { ...LoadLimits });
      const expected = parse(`v: ${text}`).v ?? null;
      const value = documents[0] === undefined ? "refused" : (documents[0].data as { v: unknown }).v;
      // a number out of range is refused (estate.number_out_of_range) where `yaml` reads Infinity
      if (typeof expected === "number" && !Number.isFinite(expected)) expect(value, text).toBe("refused");
      else expect(value, text).toEqual(expected);
    }
  });

  it("points an alias bomb at the outermost alias and gives each alias its own copy", () => {
    // 1 + 11 (a) + 111 (b) nodes, then 111 per *b: the third *b of c passes 400
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]", "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]"];
    bomb.push("c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]", "d: [*c, *c, *c]");
    const { diagnostics } = read(`${bomb.join("\n")}\n`, { ...LoadLimits, maxNodesPerDocument: 400 });
    expect(diagnostics.map((d) => [d.code, d.line, d.column, d.endLine, d.endColumn])).toEqual([
      ["estate.document_too_large", 3, 16, 3, 18],
    ]);
    const { documents } = read("a: &x { b: 1 }\nc: *x\n");
    const data = documents[0]!.data as { a: object; c: object };
    expect(data.c).toEqual(data.a);
    expect(data.c).not.toBe(data.a);
  });

  // CSPCTL_YAML_FUZZ=<cases>[:<seed>] runs a longer search
  const [cases = 1000, seed = 20261123] = (process.env.CSPCTL_YAML_FUZZ ?? "")
    .split(":")
    .filter((s) => s !== "")
    .map(Number);
  it(
    `agrees with \`yaml\` on ${cases} seeded random documents`,
    () => {
      const random = seededRandom(seed);
      let accepted = 0;
      let mutatedAccepted = 0;
      for (let i = 0; i < cases; i++) {
        const valid = randomDocuments(random);
        const text = i % 3 === 0 ? mutate(valid, random) : valid;
        if (!agree(text)) continue;
        accepted++;
        if (text !== valid) mutatedAccepted++;
      }
      expect(accepted).toBeGreaterThan(cases / 4); // the rest hold ${env:} references or are refused
      expect(mutatedAccepted).toBeGreaterThan(cases / 50);
    },
    30_000 + cases * 10,
  );
});

const WORDS = [
  "name",
  "offer",
  "quantity",
  "term",
  "P1Y",
  "monthly",
  "user0@x.onmicrosoft.com",
  "CFQ7TTC0LCHC:0002",
  "Bench 1 Ltd",
  "a b",
  "-1",
  "12",
  "1.5",
  "true",
  "null",
  "~",
  "x#y",
  "${env:SEATS}",
  "${env:NAME}-x",
  "Müller",
  "日本",
  "a,b",
  "http://x.y/z",
  ".inf",
  "0x1F",
  "0o17",
  "1e3",
  "yes",
];
const KEYS = ["name", "kind", "spec", "users", "licenses", "a", "b c", "x_y", "k-1", "url", "label.key"];

function pick<T>(items: readonly T[], random: Random): T {
  return items[Math.floor(random() * items.length)]!;
}

function scalar(random: Random, flow: boolean): string {
  const word = pick(WORDS, random);
  const r = random();
  if (r < 0.15) return `"${word}"`;
  if (r < 0.25) return `'${word.replace(/'/g, "''")}'`;
  if (r < 0.3) return "'it''s'";
  if (flow && /[,#]/.test(word)) return `"${word}"`;
  return word;
}

function flowValue(random: Random, depth: number): string {
  const r = random();
  if (depth > 2 || r < 0.6) return scalar(random, true);
  const space = random() < 0.5 ? " " : "";
  if (r < 0.8)
    return `[${space}${Array.from({ length: Math.floor(random() * 4) }, () => flowValue(random, depth + 1)).join(", ")}${space}]`;
  const keys = [...new Set(Array.from({ length: Math.floor(random() * 4) }, () => pick(KEYS, random)))];
  return `{${space}${keys.map((k) => `${k}: ${flowValue(random, depth + 1)}`).join(", ")}${space}}`;
}

/** Sometimes breaks a flow collection's line after commas, continuing deeper (or, rarely, not deeper). */
function wrapped(flow: string, pad: string, random: Random): string {
  if (random() < 0.7) return flow;
  return flow.replace(/, /g, (separator) => (random() < 0.5 ? `,\n${pad}${random() < 0.1 ? "" : "    "}` : separator));
}

function blockMap(random: Random, indent: number, depth: number, firstPrefix = ""): string[] {
  const keys = [...new Set(Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(KEYS, random)))];
  const pad = " ".repeat(indent);
  const lines: string[] = [];
  keys.forEach((key, i) => {
    const lead = i === 0 && firstPrefix !== "" ? firstPrefix : pad;
    const r = random();
    const comment = random() < 0.1 ? "  # note" : "";
    if (depth < 4 && r < 0.2) {
      lines.push(`${lead}${key}:${comment}`);
      if (random() < 0.1) lines.push(`${pad}  # inside`);
      lines.push(...blockMap(random, indent + 2 + Math.floor(random() * 2), depth + 1));
    } else if (depth < 4 && r < 0.4) {
      lines.push(`${lead}${key}:`);
      lines.push(...blockSequence(random, random() < 0.3 ? indent : indent + 2, depth + 1));
    } else if (r < 0.45) lines.push(`${lead}${key}:${random() < 0.5 ? "" : " "}`);
    else
      lines.push(
        `${lead}${key}: ${random() < 0.3 ? wrapped(flowValue(random, 0), pad, random) : scalar(random, false)}${comment}`,
      );
  });
  return lines;
}

function blockSequence(random: Random, indent: number, depth: number): string[] {
  const pad = " ".repeat(indent);
  const lines: string[] = [];
  for (let i = 0, n = 1 + Math.floor(random() * 3); i < n; i++) {
    const r = random();
    if (depth < 4 && r < 0.4) lines.push(...blockMap(random, indent + 2, depth + 1, `${pad}- `));
    else if (depth < 4 && r < 0.5) {
      lines.push(`${pad}-`);
      lines.push(...blockMap(random, indent + 2, depth + 1));
    } else if (r < 0.55) lines.push(`${pad}-`);
    else lines.push(`${pad}- ${random() < 0.3 ? wrapped(flowValue(random, 0), pad, random) : scalar(random, false)}`);
  }
  return lines;
}

function randomDocuments(random: Random): string {
  const documents = Array.from({ length: 1 + Math.floor(random() * 3) }, () =>
    (random() < 0.85 ? blockMap(random, 0, 0) : blockSequence(random, 0, 0)).join("\n"),
  );
  const head = random() < 0.2 ? "# estate\n---\n" : random() < 0.1 ? "---\n" : "";
  const tail = random() < 0.1 ? "\n---\n" : random() < 0.5 ? "\n" : "";
  return head + documents.join(random() < 0.1 ? "\n---\n\n# next\n" : "\n---\n") + tail;
}

const NOISE = [
  " ",
  "  ",
  "\n",
  "-",
  ":",
  ": ",
  "#",
  " #",
  "'",
  '"',
  "[",
  "]",
  "{",
  "}",
  ",",
  "&a ",
  "*a",
  "!",
  "|",
  ">",
  "?",
  "---",
  "\n---\n",
  "...",
  "\t",
  "\\",
  "%",
  "@",
  "`",
  "\u00a0",
  "x",
];

function mutate(text: string, random: Random): string {
  let out = text;
  for (let k = 0, n = 1 + Math.floor(random() * 2); k < n; k++) {
    const at = Math.floor(random() * (out.length + 1));
    out =
      random() < 0.8
        ? out.slice(0, at) + pick(NOISE, random) + out.slice(at)
        : out.slice(0, at) + out.slice(at + 1 + Math.floor(random() * 3));
  }
  return out;
}
