// The simple reader (simple-yaml.ts) must read whatever it accepts exactly as the event reader
// (fast-yaml.ts) does: the same documents and data, every collection's positions and env marks, the
// same diagnostics. Checked on the examples, the bench estates, and thousands of seeded random
// documents (valid ones and mutated ones, so the give-up paths are exercised too).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { customerDocument, PROFILE } from "../../../bench/cases/load-estate.js";
import { generateEstate } from "../../../bench/estate/generate-estate.js";
import { seededRandom, type Random } from "../../../emulator/faults/random.js";
import { DiagnosticSink } from "../../../reconciler/load/diagnostic-sink.js";
import { readFast } from "../../../reconciler/load/fast-yaml.js";
import { LoadLimits } from "../../../reconciler/load/limits.js";
import type { ParseContext } from "../../../reconciler/load/parse-documents.js";
import { readSimpleYaml } from "../../../reconciler/load/simple-yaml.js";
import { SourceIndex } from "../../../reconciler/load/source-index.js";
import { yamlFilesUnder } from "../../helpers/estate-fixtures.js";

const repo = join(import.meta.dirname, "..", "..", "..");
const env = { SEATS: "12", NAME: "acme", FLAG: "true", EMPTY: "" };

type Reader = typeof readSimpleYaml;

/** Everything a reader produces, as plain data; undefined when it gave up. */
function read(reader: Reader, text: string, limits: LoadLimits = LoadLimits): unknown {
  const context: ParseContext = { sink: new DiagnosticSink(), index: new SourceIndex(), env, limits: { ...limits } };
  const result = reader(text, "estate.yaml", context);
  if (result === undefined) return undefined;
  const collections: unknown[] = [];
  const walk = (value: unknown): void => {
    if (value === null || typeof value !== "object") return;
    const info = context.index.info(value);
    collections.push(
      info === undefined
        ? null
        : {
            kind: info.kind,
            start: info.start,
            end: info.end,
            anchor: info.anchorOffsets ? [info.anchorOffsets.start, info.anchorOffsets.end] : null,
            entries: [...info.entries()].map(([name, r]) => [name, r.key.start, r.key.end, r.value.start, r.value.end]),
            fromEnv: [...(info.fromEnv ?? [])].sort(),
          },
    );
    for (const item of Array.isArray(value) ? value : Object.values(value)) walk(item);
  };
  for (const document of result.documents) walk(document.data);
  return {
    broken: result.broken,
    documents: result.documents.map((d) => ({ index: d.index, data: d.data, start: d.range.start, end: d.range.end })),
    collections,
    diagnostics: context.sink.diagnostics,
  };
}

/** Asserts the simple reader agrees with the event reader; returns whether it read the text. */
function agree(text: string): boolean {
  const simple = read(readSimpleYaml, text);
  if (simple === undefined) return false;
  const events = read(readFast, text);
  expect(events, `the event reader gave up on a text the simple reader read:\n${text}`).toBeDefined();
  expect(simple, text).toEqual(events);
  return true;
}

describe("simple YAML reader", () => {
  it("reads the example estate as the event reader does", () => {
    const files = yamlFilesUnder(join(repo, "examples", "estate"));
    const read = files.filter((file) => agree(readFileSync(file, "utf8")));
    expect(read.length).toBeGreaterThan(0);
  });

  it("agrees on every broken example it reads", () => {
    for (const file of yamlFilesUnder(join(repo, "examples", "broken"))) agree(readFileSync(file, "utf8"));
  });

  it("reads the bench estates itself (the fast path is taken) and as the event reader does", () => {
    expect(agree(PROFILE)).toBe(true);
    for (let i = 0; i < 20; i++) expect(agree(customerDocument(i))).toBe(true);
    expect(agree(Array.from({ length: 5 }, (_, i) => customerDocument(i)).join("---\n"))).toBe(true);
    const generated = generateEstate({ customers: 20, subscriptions: 3, usersPerCustomer: 6, seed: 7 });
    for (const text of generated.files.values()) expect(agree(text)).toBe(true);
  });

  it("gives up on what it does not handle", () => {
    const outside = [
      "a: &x 1\nb: *x\n",
      "a: !!str 1\n",
      "a: |\n  text\n",
      "a: >\n  text\n",
      "a: b\n  c\n",
      'a: "x\\ty"\n',
      "a:\tb\n",
      "a: 1\r\nb: 2\r\n",
      "? a\n: b\n",
      '"a": 1\n',
      "a: [1\n  , 2]\n",
      "a: [1,\n  # c\n  2]\n",
      "a:\n  b: [1,\n  2]\n",
      "--- a: 1\n",
      "%YAML 1.2\n---\na: 1\n",
      "a: 1\n...\n",
      "true: 1\n",
      "a: 1\na: 2\n",
      "__proto__: 1\n",
      "a: b: c\n",
      "- - a\n",
      "a: [b: c]\n",
      "a: {b}\n",
      "a: {b: }\n",
      "a: [1, ]\n",
    ];
    for (const text of outside) expect(read(readSimpleYaml, text), text).toBeUndefined();
  });

  it("gives up past the depth and node limits, leaving them to the event reader", () => {
    expect(read(readSimpleYaml, "a:\n  b:\n    c: 1\n", { ...LoadLimits, maxDepth: 2 })).toBeUndefined();
    expect(read(readSimpleYaml, "a: [1, 2, 3]\n", { ...LoadLimits, maxNodesPerDocument: 3 })).toBeUndefined();
  });

  it("reports env and number problems as the event reader does", () => {
    for (const text of [
      "a: ${env:MISSING}\nb: ${env:SEATS}\n",
      "q: 1e400\nn: 9007199254740993\n",
      "password: ${env:MISSING}\n",
      "x: ${env:}\n",
      "---\na: ${env:NAME}\n---\nb: ${env:NOPE}\n",
    ]) {
      expect(agree(text), text).toBe(true);
    }
  });

  // CSPCTL_YAML_FUZZ=<cases>[:<seed>] runs a longer search
  const [cases = 3000, seed = 20261123] = (process.env.CSPCTL_YAML_FUZZ ?? "")
    .split(":")
    .filter((s) => s !== "")
    .map(Number);
  it(
    `agrees with the event reader and with \`yaml\` on ${cases} seeded random documents`,
    () => {
      const random = seededRandom(seed);
      let readSimply = 0;
      let mutatedRead = 0;
      for (let i = 0; i < cases; i++) {
        const valid = randomDocuments(random);
        const text = i % 3 === 0 ? mutate(valid, random) : valid;
        if (!agree(text)) continue;
        readSimply++;
        if (text !== valid) mutatedRead++;
        if (text.includes("${env:")) continue;
        const simple = read(readSimpleYaml, text) as { documents: { data: unknown }[]; diagnostics: unknown[] };
        if (simple.diagnostics.length > 0) continue;
        const reference = parseAllDocuments(text);
        const documents = (Array.isArray(reference) ? reference : []).filter(
          (d) => d.contents !== null && !(d.contents.range[0] === d.contents.range[1]),
        );
        expect(
          simple.documents.map((d) => d.data),
          text,
        ).toEqual(documents.map((d) => d.toJS()));
      }
      expect(readSimply).toBeGreaterThan(cases / 2); // most valid documents take the fast path
      expect(mutatedRead).toBeGreaterThan(cases / 20); // and mutations that stay in the subset are compared too
    },
    30_000 + cases * 5,
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
