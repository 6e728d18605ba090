// The repository stands on its own: no file refers to a folder beside the checkout or to an
// absolute path of one machine, every docs/*.md a file names exists, and every NCE rule id a file
// cites is a heading of docs/nce-rules.md. Scans every file git tracks or would track (so a new,
// uncommitted file is checked too), test fixtures and vendored research included.
import { execFileSync } from "node:child_process";
import { existsSync, lstatSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..", "..");

interface TextFile {
  path: string;
  lines: string[];
}

function repoFiles(): TextFile[] {
  const listed = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const files: TextFile[] = [];
  for (const path of listed.split("\0")) {
    // Skips what the working tree deleted, and links: a clone's node_modules is often a link to a
    // shared install, which a `node_modules/` ignore line does not cover.
    if (path === "" || !existsSync(join(ROOT, path)) || !lstatSync(join(ROOT, path)).isFile()) continue;
    const text = readFileSync(join(ROOT, path), "utf8");
    if (text.includes("\0")) continue; // binary
    files.push({ path, lines: text.split("\n") });
  }
  return files;
}

const FILES = repoFiles();

/** `file:line: text` for every line matching `pattern` whose finding `keep` accepts. */
function findings(pattern: RegExp, keep: (match: RegExpExecArray, file: TextFile) => string | undefined): string[] {
  const found: string[] = [];
  for (const file of FILES) {
    file.lines.forEach((line, index) => {
      for (const match of line.matchAll(
        new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`),
      )) {
        const problem = keep(match, file);
        if (problem !== undefined) found.push(`${file.path}:${index + 1}: ${problem}: ${line.trim().slice(0, 160)}`);
      }
    });
  }
  return found;
}

/** The sibling research folder this project once read from, by any of the ways it was named. */
const SIBLING_FOLDER = /(?:\.\.\/)+shared\b|\bshared\/partner-center\b|["']shared["']\s*,\s*["']partner-center["']/;
/** A path built from the file's own folder: `new URL("../..", import.meta.url)` or `join(<this folder>, "..", "..")`. */
const FROM_OWN_FOLDER =
  /new URL\(\s*["'`]((?:\.\.\/)+)[^"'`]*["'`]\s*,\s*import\.meta\.url|(?:join|resolve)\(\s*(?:import\.meta\.dirname|__dirname|dirname\(fileURLToPath\(import\.meta\.url\)\))((?:\s*,\s*["']\.\.["'])+)/;
/** Absolute paths that only exist on one machine: home folders, this machine's work root, temp. */
const MACHINE_PATH = /(?<![\w.~$/-])\/(?:work|home|root|Users|tmp|mnt|var\/folders)\//;
/** Research notes that lived beside the checkout and are not part of it. */
const OUTSIDE_NOTE = /\b(?:API|API-2|NCE-RULES|PULUMI-TESTING|STYLE|ESTATE-FORMAT)\.md\b/;

/** Lines that name a machine path on purpose, each with why. */
const ALLOWED: Array<{ path: string; line: string; why: string }> = [];

/** Sources tsconfig.json compiles run from dist/, one folder deeper than they are written. */
const COMPILED_FOLDERS = (JSON.parse(readFileSync(join(ROOT, "tsconfig.json"), "utf8")) as { include: string[] })
  .include;
const runsFromDist = (path: string): boolean =>
  path.endsWith(".ts") && COMPILED_FOLDERS.some((folder) => path.startsWith(`${folder}/`));

const allowed = (file: TextFile, line: string): boolean =>
  ALLOWED.some((entry) => entry.path === file.path && line.includes(entry.line));

describe("the repository is self-contained", () => {
  it("scans the whole checkout", () => {
    const paths = FILES.map((file) => file.path);
    expect(paths).toContain("package.json");
    expect(paths).toContain("docs/nce-rules.md");
    expect(paths.some((path) => path.startsWith("test/fixtures/partner-center/samples/"))).toBe(true);
    expect(paths.some((path) => path.startsWith("node_modules/") || path.startsWith("dist/"))).toBe(false);
  });

  it("refers to no folder beside the checkout and no machine's absolute path", () => {
    const found = [
      ...findings(SIBLING_FOLDER, () => "a folder outside the checkout"),
      ...findings(MACHINE_PATH, (match, file) =>
        allowed(file, match.input) ? undefined : "an absolute path of one machine",
      ),
      ...findings(OUTSIDE_NOTE, () => "a document that is not in the repository"),
    ];
    expect(
      found,
      "copy what is needed into the repository (test/fixtures/, data/, docs/) and point at the copy",
    ).toEqual([]);
  });

  it("builds no path that climbs above the checkout from a file's own folder", () => {
    const found = findings(FROM_OWN_FOLDER, (match, file) => {
      const climbs = (match[1] ?? match[2] ?? "").split("..").length - 1;
      const depth = file.path.split("/").length - 1 + (runsFromDist(file.path) ? 1 : 0);
      return climbs > depth ? `climbs ${climbs} folders from a file ${depth} deep` : undefined;
    });
    expect(found).toEqual([]);
  });

  it("names only docs/*.md files that exist", () => {
    const found = findings(/\bdocs\/([\w.-]+\.md)\b/, (match) =>
      existsSync(join(ROOT, "docs", match[1]!)) ? undefined : `docs/${match[1]} does not exist`,
    );
    expect(found).toEqual([]);
  });
});

describe("NCE rule ids", () => {
  const headings = new Set(
    readFileSync(join(ROOT, "docs", "nce-rules.md"), "utf8")
      .split("\n")
      .flatMap((line) => /^#{2,4} (R-[A-Z]+-\d+)$/.exec(line)?.[1] ?? []),
  );

  it("are headings of docs/nce-rules.md, one each", () => {
    expect(headings.size).toBeGreaterThan(40);
    const text = readFileSync(join(ROOT, "docs", "nce-rules.md"), "utf8");
    for (const id of headings) expect(text.match(new RegExp(`^#{2,4} ${id}$`, "gm")), id).toHaveLength(1);
  });

  it("cited anywhere resolve to a heading there", () => {
    const found = findings(/\bR-([A-Z]{2,5})-(\d+|\*)/, (match) => {
      const [id, family, number] = match;
      const known =
        number === "*" ? [...headings].some((heading) => heading.startsWith(`R-${family}-`)) : headings.has(id);
      return known ? undefined : `${id} is not a heading of docs/nce-rules.md`;
    });
    expect(found).toEqual([]);
  });

  it("are written in full, so a search for one finds every citation", () => {
    const found = findings(/\bR-[A-Z]{2,5}-\d+(?:\/\d|\.\.\d|, -\d)/, (match) => `write "${match[0]}…" as full ids`);
    expect(found).toEqual([]);
  });
});
