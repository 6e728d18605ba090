// The CI examples (examples/ci/) stay runnable: they parse, have the jobs docs/drift-and-import.md describes, and
// every `cspctl` command in them uses only flags the built CLI has.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { BUILD_LOCK } from "../helpers/build-lock.js";

const root = join(import.meta.dirname, "..", "..");
const cli = join(root, "dist", "cli", "main.js");
const help = new Map<string, string>();

// dist/ may be rebuilt while tests run (under the build lock): hold it shared where flock exists, so
// the CLI never loads half-written files (see test/e2e/drift-cli.test.ts).
const FLOCK = ["/usr/bin/flock", "/bin/flock"].find((path) => existsSync(path));

function helpOf(command: string): string {
  if (!help.has(command)) {
    const node = [process.execPath, cli, command, "--help"];
    const run = FLOCK ? spawnSync(FLOCK, ["--shared", "--timeout", "100", BUILD_LOCK, ...node], { encoding: "utf8" }) : spawnSync(node[0]!, node.slice(1), { encoding: "utf8" });
    help.set(command, run.stdout);
  }
  return help.get(command)!;
}

/** Every `npx cspctl …` command in a CI file, continuation lines joined. */
function cspctlCommands(text: string): string[][] {
  const joined = text.replace(/\\\n\s*/g, " ").replace(/>\n(\s+)npx cspctl([^\n]*(?:\n\1[^\n]*)*)/g, (_, indent: string, rest: string) => `npx cspctl${rest.replace(new RegExp(`\\n${indent}`, "g"), " ")}`);
  return [...joined.matchAll(/npx cspctl ([^\n;|>&]+)/g)].map((m) => m[1]!.trim().split(/\s+/));
}

describe.each(["github-actions.yml", "gitlab-ci.yml"])("examples/ci/%s", { timeout: 300_000 }, (file) => {
  const text = readFileSync(join(root, "examples", "ci", file), "utf8");

  it("is valid YAML with plan, apply and drift jobs using the CSPCTL_* secrets", () => {
    const doc = parse(text) as Record<string, unknown>;
    const jobs = (file.startsWith("github") ? doc.jobs : doc) as Record<string, unknown>;
    for (const job of ["plan", "apply", "drift"]) expect(jobs[job], job).toBeDefined();
    for (const variable of ["CSPCTL_TENANT_ID", "CSPCTL_CLIENT_ID", "CSPCTL_CLIENT_SECRET", "CSPCTL_REFRESH_TOKEN"]) expect(text).toContain(variable);
    expect(text).toMatch(/--format html --output \S+drift\.html/);
    expect(text).toMatch(/--format junit --output \S+drift\.xml/);
  });

  it("uses only commands and flags the CLI has", () => {
    const commands = cspctlCommands(text);
    expect(commands.map((c) => c[0])).toEqual(expect.arrayContaining(["validate", "plan", "apply", "drift"]));
    for (const [command, ...args] of commands) {
      const usage = helpOf(command!);
      expect(usage, `cspctl ${command} --help`).toMatch(/^Usage: cspctl /);
      for (const flag of args.filter((a) => a.startsWith("--"))) expect(usage, `cspctl ${command} ${flag}`).toContain(flag);
    }
  });
});
