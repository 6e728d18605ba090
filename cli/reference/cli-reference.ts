// docs/reference/cli.md, rendered from the commander program itself, so the reference cannot
// describe a flag the CLI does not have.
import type { Command, Option } from "commander";

export function renderCliReference(program: Command): string {
  const lines = [
    "# CLI reference",
    "",
    "Generated from the `cspctl` program (`npm run docs`); do not edit by hand.",
    "",
  ];
  lines.push(`\`${program.name()}\`: ${program.description()}`, "");
  lines.push("| command | what it does |", "|---|---|");
  for (const command of program.commands)
    lines.push(`| [\`${usageOf(command)}\`](#${anchor(command.name())}) | ${cell(command.description())} |`);
  lines.push("", "## Flags shared by several commands", "", "| flag | commands |", "|---|---|");
  for (const [flag, names] of sharedFlags(program)) lines.push(`| \`${flag}\` | ${names.join(", ")} |`);
  for (const command of program.commands) {
    lines.push("", `## ${command.name()}`, "", "```", `cspctl ${usageOf(command)}`, "```", "", command.description());
    const options = command.options.filter((o) => !o.hidden);
    if (options.length > 0) {
      lines.push("", "| flag | meaning | default |", "|---|---|---|");
      for (const option of options)
        lines.push(
          `| \`${option.flags}\` | ${cell(describe(option))} | ${option.defaultValue === undefined ? "" : `\`${String(option.defaultValue)}\``} |`,
        );
    }
  }
  return `${lines.join("\n")}\n`;
}

function usageOf(command: Command): string {
  return `${command.name()} ${command.usage()}`.trim();
}

function describe(option: Option): string {
  const choices = option.argChoices ? ` (one of: ${option.argChoices.join(", ")})` : "";
  return `${option.description}${choices}`;
}

function sharedFlags(program: Command): [string, string[]][] {
  const byFlag = new Map<string, string[]>();
  for (const command of program.commands) {
    for (const option of command.options) {
      if (option.hidden) continue;
      byFlag.set(option.long ?? option.flags, [...(byFlag.get(option.long ?? option.flags) ?? []), command.name()]);
    }
  }
  return [...byFlag].filter(([, names]) => names.length > 1).sort(([a], [b]) => a.localeCompare(b));
}

function anchor(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9-]/g, "");
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}
