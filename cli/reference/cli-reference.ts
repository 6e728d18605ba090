// docs/reference/cli.md, rendered from the commander program itself, so the reference cannot
// describe a flag the CLI does not have.
import type { Command, Option } from "commander";
import { flagTable } from "../flags.js";

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
  lines.push(
    "",
    "## Flags",
    "",
    "Every flag has one meaning, the same on each command that takes it.",
    "",
    "| flag | meaning | argument | commands |",
    "|---|---|---|---|",
  );
  for (const definition of Object.values(flagTable)) {
    const [name, argument = ""] = definition.flags.split(" ");
    const choices = "choices" in definition ? ` (one of: ${definition.choices.join(", ")})` : "";
    const takers = program.commands.filter((c) => c.options.some((o) => o.long === name)).map((c) => c.name());
    lines.push(
      `| \`${name}\` | ${cell(definition.description + choices)} | ${argument && `\`${argument}\``} | ${takers.join(", ")} |`,
    );
  }
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

function anchor(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9-]/g, "");
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}
