// One meaning per flag: every option of every command comes from the one table in cli/flags.ts,
// commander parses its numbers and choices, and the renamed flags are the only spellings.
import { CommanderError, type Command } from "commander";
import { describe, expect, it } from "vitest";
import { CspctlError } from "../../../core/errors.js";
import { flagTable } from "../../../cli/flags.js";
import { onlyOne } from "../../../cli/options.js";
import { buildProgram } from "../../../cli/program.js";

function command(name: string): Command {
  const found = buildProgram().commands.find((c) => c.name() === name);
  if (found === undefined) throw new Error(`no command ${name}`);
  found.configureOutput({ writeErr: () => undefined, outputError: () => undefined });
  return found;
}

const longNames = (name: string): string[] => command(name).options.map((o) => o.long ?? o.flags);

describe("flags", () => {
  it("every option of every command is declared in the flag table, with the table's text", () => {
    const table = Object.values(flagTable).map((d) => `${d.flags} ${d.description}`);
    const options = buildProgram().commands.flatMap((c) => c.options.map((o) => `${o.flags} ${o.description}`));
    expect(options.length).toBeGreaterThan(30);
    expect(options.filter((o) => !table.includes(o))).toEqual([]);
  });

  it("declares each long name once", () => {
    const names = Object.values(flagTable).map((d) => d.flags.split(" ")[0]);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  it("import selects Partner Center customers with --tenant and --all-customers, never --customer or --all", () => {
    expect(longNames("import")).toEqual(expect.arrayContaining(["--tenant", "--all-customers", "--out"]));
    expect(longNames("import")).not.toContain("--customer");
    expect(longNames("import")).not.toContain("--all");
    for (const name of ["plan", "apply", "drift"])
      expect(longNames(name)).toEqual(expect.arrayContaining(["--customer", "--all"]));
  });

  it("one spelling for outputs (--out) and for the emulator's state directory (--emulator-dir)", () => {
    for (const name of ["plan", "drift", "import"]) expect(longNames(name)).toContain("--out");
    for (const name of ["plan", "apply", "drift", "import", "force-unlock", "emulator"])
      expect(longNames(name)).toContain("--emulator-dir");
    const all = buildProgram().commands.flatMap((c) => c.options.map((o) => o.long));
    expect(all).not.toContain("--output");
    expect(all).not.toContain("--emulator-dir");
  });

  it("commander parses numbers and repeatable flags", () => {
    const apply = command("apply");
    apply.parseOptions(["--concurrency", "8", "--customer", "a", "--customer", "b"]);
    expect(apply.opts()).toMatchObject({ concurrency: 8, customer: ["a", "b"] });
    expect(command("apply").opts().concurrency).toBe(4);
    const emulator = command("emulator");
    emulator.parseOptions(["--port", "8443", "--fault-rate", "0.25", "--emulator-dir", "state"]);
    expect(emulator.opts()).toMatchObject({ port: 8443, faultRate: 0.25, emulatorDir: "state" });
  });

  it.each([
    ["apply", ["--concurrency", "0"]],
    ["apply", ["--concurrency", "four"]],
    ["plan", ["--log-level", "verbose"]],
    ["apply", ["--lock", "redis"]],
    ["drift", ["--format", "pdf"]],
    ["emulator", ["--fault-rate", "2"]],
    ["plan", ["--shard", "3/2"]],
  ])("%s %j is refused by commander as an invalid argument", (name, args) => {
    let refused: unknown;
    try {
      command(name).parseOptions(args);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(CommanderError);
    expect((refused as CommanderError).code).toBe("commander.invalidArgument");
  });

  it("a flag repeatable on one command but single on this one is a usage error when repeated", () => {
    expect(onlyOne(undefined, "--out")).toBeUndefined();
    expect(onlyOne(["plan.json"], "--out")).toBe("plan.json");
    let refused: unknown;
    try {
      onlyOne(["a.json", "b.json"], "--out");
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(CspctlError);
    expect((refused as CspctlError).code).toBe("cli.usage");
  });
});
