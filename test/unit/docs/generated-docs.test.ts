// The reference pages under docs/reference/ are generated (npm run docs): a page that differs from
// what the generator writes now is stale. UPDATE_GOLDEN=1 rewrites them.
import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generatedDocs } from "../../../cli/reference/write-docs.js";

const root = new URL("../../../", import.meta.url);

describe("generated docs", () => {
  for (const { path, content } of generatedDocs(root)) {
    const name = path.pathname.slice(root.pathname.length);
    it(`${name} is what npm run docs writes`, () => {
      if (process.env.UPDATE_GOLDEN === "1") writeFileSync(path, content);
      expect(readFileSync(path, "utf8"), `${name} is stale: run npm run docs`).toBe(content);
    });
  }

  it("the CLI reference lists every command and every flag", () => {
    const cli = generatedDocs(root).find((d) => d.path.pathname.endsWith("cli.md"))!.content;
    for (const command of ["validate", "plan", "apply", "drift", "import", "emulator", "demo"])
      expect(cli).toContain(`## ${command}`);
    for (const flag of ["--detailed-exitcode", "--credentials-out", "--allow-destructive", "--selector"])
      expect(cli).toContain(flag);
  });

  it("the CLI reference has the table of flags: each with its meaning, argument and the commands taking it", () => {
    const cli = generatedDocs(root).find((d) => d.path.pathname.endsWith("cli.md"))!.content;
    const row = (flag: string) => cli.split("\n").find((line) => line.startsWith(`| \`${flag}\` |`));
    expect(row("--tenant")).toMatch(/\| `<domain-or-id>` \| import \|$/);
    expect(row("--customer")).toMatch(/\| `<name>` \| plan, apply, drift, billing, report \|$/);
    expect(row("--out")).toMatch(/\| `<path>` \| plan, drift, import, billing, report \|$/);
    expect(row("--emulator-dir")).toMatch(/\| emulator, plan, apply, drift, import, force-unlock, billing, report \|$/);
  });
});
