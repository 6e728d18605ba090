// The README's quickstart runs as written: its estate is taken from the README itself, and every
// output line the README shows (after its "..." elisions) is what the CLI prints. The commands run
// in-process (test/helpers/cli-in-process.ts); the bin itself is spawned in validate.test.ts.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCliInProcess } from "../helpers/cli-in-process.js";

const readme = readFileSync(join(import.meta.dirname, "..", "..", "README.md"), "utf8");
const quickstart = readme.slice(readme.indexOf("## Quickstart"), readme.indexOf("## Against Partner Center"));
const estateYaml = /```yaml\n([\s\S]*?)```/.exec(quickstart)![1]!;
/** Each ```console block: the command after `$ ` (if any) and the lines it shows. */
const consoleBlocks = [...quickstart.matchAll(/```console\n([\s\S]*?)```/g)].map((m) => {
  const lines = m[1]!.trimEnd().split("\n");
  const command = lines[0]!.startsWith("$ ") ? lines.shift()!.slice(2) : undefined;
  return { command, shown: lines };
});

const dir = mkdtempSync(join(tmpdir(), "cspctl-quickstart-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The shown lines, minus "..." elisions, appear in the output in the same order. */
function expectShownIn(output: string, shown: string[]): void {
  const lines = output.split("\n");
  let at = 0;
  for (const line of shown.filter((l) => l.trim() !== "..." && l.trim() !== "")) {
    const found = lines.findIndex((candidate, i) => i >= at && candidate.trimEnd() === line.trimEnd());
    expect(
      found,
      `README line not in the output (in order): ${line}\n--- output ---\n${output}`,
    ).toBeGreaterThanOrEqual(0);
    at = found + 1;
  }
}

async function run(command: string): Promise<string> {
  const args = command.split(/\s+/).slice(1); // drop "cspctl"
  const result = await runCliInProcess(args, { cwd: dir });
  return result.stdout + result.stderr;
}

describe("the README quickstart", () => {
  it("is in a README that stays an introduction (under 200 lines) and opens with the two commands", () => {
    expect(readme.split("\n").length).toBeLessThan(200);
    expect(readme).toMatch(/^# cspctl\n\n```sh\nnpm ci && npm start .*\nnpm test .*\n```/);
  });

  it("declares, validates, plans, applies and drifts exactly as the README shows", async () => {
    mkdirSync(join(dir, "my-estate"));
    writeFileSync(join(dir, "my-estate", "tailwind.yaml"), estateYaml);
    const commands = consoleBlocks.filter((b) => b.command !== undefined);
    expect(commands.map((b) => b.command!.split(" ")[1])).toEqual(["validate", "plan", "apply", "drift"]);
    for (const block of commands) expectShownIn(await run(block.command!), block.shown);
  }, 300_000);

  it("shows the error the README quotes for licenses written as a list of names", async () => {
    const broken = join(dir, "broken");
    mkdirSync(join(broken, "my-estate"), { recursive: true });
    const yaml = estateYaml.replace(
      / {6}licenses:\n {8}- subscription: business-premium\n/,
      "      licenses: [business-premium]\n",
    );
    expect(yaml).not.toBe(estateYaml);
    writeFileSync(join(broken, "my-estate", "tailwind.yaml"), yaml);
    const errorBlock = consoleBlocks.find((b) => b.command === undefined)!;
    const result = await runCliInProcess(["validate", "my-estate"], { cwd: broken });
    expect(result.status).toBe(1);
    expectShownIn(result.stdout + result.stderr, errorBlock.shown);
  });
});
