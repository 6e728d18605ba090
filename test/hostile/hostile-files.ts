// Hostile estate folders, each written by a function into an empty folder. Kept apart from the test
// so the cases read as a table and the benchmark or a fuzzer can reuse them.
import { execFileSync } from "node:child_process";
import { mkdirSync, openSync, symlinkSync, writeSync, closeSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface HostileCase {
  name: string;
  write(dir: string): void;
  /** Every one of these codes must be among the diagnostics. */
  codes: string[];
}

/** Node has no mkfifo; the coreutils one is on every POSIX CI image. */
function mkfifoSync(path: string): void {
  execFileSync("mkfifo", [path]);
}

const HEAD = "apiVersion: cspctl/v1\nkind: Customer\n";

/** Nine aliases per level, nine levels: 9^9 ≈ 387 million nodes if expanded. */
function aliasBomb(): string {
  const lines = [`${HEAD}metadata: { name: bomb }`, "x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
  for (let level = 1; level < 10; level++)
    lines.push(
      `x${level}: &a${level} [${Array(9)
        .fill(`*a${level - 1}`)
        .join(", ")}]`,
    );
  lines.push("spec: *a9");
  return `${lines.join("\n")}\n`;
}

/** Writes `size` bytes of a YAML comment without holding them in memory at once. */
function writeLargeFile(path: string, size: number): void {
  const fd = openSync(path, "w");
  const chunk = Buffer.alloc(1024 * 1024, "x");
  writeSync(fd, "# ");
  for (let written = 0; written < size; written += chunk.length) writeSync(fd, chunk);
  writeSync(fd, "\n");
  closeSync(fd);
}

/** Cases that crashed the CLI (finding chaos-deep-block-nesting, fixed by reconciler/load/yaml-precheck.ts); each runs in its own process. */
export const CRASHING_CASES: HostileCase[] = [
  {
    name: "two deeply nested block files in one folder",
    write: (d) => {
      writeFileSync(join(d, "a.yaml"), `${"- ".repeat(10_000)}leaf\n`);
      writeFileSync(join(d, "b.yaml"), `${"? ".repeat(10_000)}leaf\n`);
    },
    codes: ["estate.too_deep"],
  },
  {
    name: "two deeply nested documents in one file",
    write: (d) => writeFileSync(join(d, "a.yaml"), `${"- ".repeat(10_000)}leaf\n---\n${"- ".repeat(10_000)}leaf\n`),
    codes: ["estate.too_deep"],
  },
];

export const HOSTILE_CASES: HostileCase[] = [
  {
    name: "an alias bomb (billion laughs)",
    write: (d) => writeFileSync(join(d, "bomb.yaml"), aliasBomb()),
    codes: ["estate.document_too_large"],
  },
  {
    name: "10,000 nested flow sequences",
    write: (d) =>
      writeFileSync(
        join(d, "deep.yaml"),
        `${HEAD}metadata: { name: deep }\nspec: ${"[".repeat(10_000)}${"]".repeat(10_000)}\n`,
      ),
    codes: ["estate.too_deep"],
  },
  {
    name: "10,000 nested flow maps",
    write: (d) =>
      writeFileSync(
        join(d, "deep.yaml"),
        `${HEAD}metadata: { name: deep }\nspec: ${"{a: ".repeat(10_000)}1${"}".repeat(10_000)}\n`,
      ),
    codes: ["estate.too_deep"],
  },
  // Compact block sequences nest without brackets or indentation; reconciler/load/yaml-precheck.ts refuses them before `yaml` recurses.
  {
    name: "10,000 nested block sequences",
    write: (d) => writeFileSync(join(d, "deep.yaml"), `${"- ".repeat(10_000)}leaf\n`),
    codes: ["estate.too_deep"],
  },
  {
    name: "a 50 MB file",
    write: (d) => writeLargeFile(join(d, "large.yaml"), 50 * 1024 * 1024),
    codes: ["estate.file_too_large"],
  },
  {
    name: "invalid UTF-8 (an overlong sequence, a lone continuation byte, a surrogate)",
    write: (d) => {
      writeFileSync(
        join(d, "a.yaml"),
        Buffer.concat([Buffer.from(`${HEAD}metadata: { name: "caf`), Buffer.from([0xc3, 0x28]), Buffer.from('" }\n')]),
      );
      writeFileSync(
        join(d, "b.yaml"),
        Buffer.concat([
          Buffer.from(`${HEAD}metadata: { name: b`),
          Buffer.from([0xc0, 0xaf, 0x80]),
          Buffer.from(" }\n"),
        ]),
      );
      writeFileSync(
        join(d, "c.yaml"),
        Buffer.concat([
          Buffer.from(`${HEAD}metadata: { name: c`),
          Buffer.from([0xed, 0xa0, 0x80]),
          Buffer.from(" }\n"),
        ]),
      );
    },
    codes: ["estate.invalid_utf8"],
  },
  {
    name: "a NUL byte",
    write: (d) => writeFileSync(join(d, "nul.yaml"), `${HEAD}metadata: { name: a\0b }\n`),
    codes: [],
  },
  {
    name: "__proto__, constructor and prototype keys",
    write: (d) =>
      writeFileSync(
        join(d, "proto.yaml"),
        `${HEAD}metadata: { name: p, labels: { __proto__: x } }\nspec: { __proto__: { polluted: true }, constructor: { prototype: { polluted: true } } }\n`,
      ),
    codes: ["estate.forbidden_key"],
  },
  {
    name: "a merge key pulling __proto__",
    write: (d) =>
      writeFileSync(
        join(d, "merge.yaml"),
        `base: &b { __proto__: { polluted: true } }\n${HEAD}metadata: { name: m }\nspec: { <<: *b }\n`,
      ),
    codes: [],
  },
  {
    name: "symlink loops (file to file, folder to its parent) and a link to /dev/zero",
    write: (d) => {
      mkdirSync(join(d, "sub"));
      symlinkSync("..", join(d, "sub", "up"));
      symlinkSync("b.yaml", join(d, "a.yaml"));
      symlinkSync("a.yaml", join(d, "b.yaml"));
      symlinkSync("/dev/zero", join(d, "zero.yaml"));
    },
    codes: ["estate.symlink_broken", "estate.symlink_escape"],
  },
  { name: "a named pipe inside the estate folder", write: (d) => mkfifoSync(join(d, "pipe.yaml")), codes: [] },
  {
    name: "huge and inexact numbers",
    write: (d) => {
      const quantities = [
        "1e400",
        "18446744073709551617",
        "0x7FFFFFFFFFFFFFFFFFFF",
        ".nan",
        "-.inf",
        "9".repeat(5000),
        "-0",
        "0o777777777777777777777",
      ];
      const subs = quantities
        .map((q, i) => `    - { name: s${i}, offer: CFQ7TTC0LH18:0001, term: P1Y, billing: monthly, quantity: ${q} }`)
        .join("\n");
      writeFileSync(join(d, "numbers.yaml"), `${HEAD}metadata: { name: numbers }\nspec:\n  subscriptions:\n${subs}\n`);
    },
    codes: ["estate.number_out_of_range"],
  },
  {
    name: "control characters in names",
    write: (d) =>
      writeFileSync(
        join(d, "ctrl.yaml"),
        `${HEAD}metadata: { name: "evil\\e[2J\\e]0;pwned\\a\\u202e\\x85" }\nspec:\n  company: { name: "A\\0B\\rC\\x1b[31mred\\x9b", domain: "x\\e.onmicrosoft.com", country: US }\n`,
      ),
    codes: ["estate.invalid_format"],
  },
  {
    name: "unknown tags and binary",
    write: (d) =>
      writeFileSync(join(d, "tags.yaml"), `${HEAD}metadata: !!js/function "function(){}"\nspec: !!binary aGVsbG8=\n`),
    codes: [],
  },
  {
    name: "ten thousand documents in one file",
    write: (d) => writeFileSync(join(d, "many.yaml"), `---\n${HEAD}metadata: { name: x }\n`.repeat(10_000)),
    codes: ["estate.missing_field"],
  },
  {
    name: "an unset ${env:} reference and a malformed one",
    write: (d) =>
      writeFileSync(
        join(d, "env.yaml"),
        `${HEAD}metadata: { name: "\${env:CSPCTL_CHAOS_UNSET}" }\nspec: { company: { name: "\${env:}", domain: "\${env:A\${env:B}}" } }\n`,
      ),
    codes: ["estate.env_missing"],
  },
];
