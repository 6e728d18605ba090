// Exit codes: Terraform's convention, which CI users already know. The table below is the one
// description of them: `--help` of plan, apply and drift and docs/exit-codes.md are rendered from it.
import type { Convergence } from "../reconciler/apply/apply-report.js";

export const ExitCode = {
  success: 0,
  error: 1,
  /** Success with changes or drift (`plan --detailed-exitcode`, `drift`). */
  changes: 2,
  /** apply: no error, but the estate did not converge. */
  notConverged: 2,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export type ExitCodeCommand = "plan" | "apply" | "drift" | "import" | "validate";

export interface ExitCodeRow {
  command: ExitCodeCommand;
  code: 0 | 1 | 2;
  meaning: string;
}

const ERROR_CAUSES = "bad input or usage (including a --customer or --selector that matches no declared customer)";

export const EXIT_CODE_TABLE: readonly ExitCodeRow[] = [
  {
    command: "apply",
    code: 0,
    meaning:
      "converged: after the run, nothing declared remains undone (customers in policy.mode: observe are never written and do not count)",
  },
  {
    command: "apply",
    code: 2,
    meaning:
      "no error, but not converged: a step blocked by a Partner Center rule, a destructive step skipped for lack of --allow-destructive, a step over a policy.approval spend threshold skipped for lack of --approve-spend, an order still provisioning, an invitation not yet accepted, or a step waiting for one of these; the report (and --json, under convergence) lists each object and why",
  },
  {
    command: "apply",
    code: 1,
    meaning: `error: ${ERROR_CAUSES}, a step that failed, a stale saved plan, or a Partner Center that could not be read (without --allow-unknown)`,
  },
  { command: "plan", code: 0, meaning: "the plan was made (with --detailed-exitcode: and it has no changes)" },
  { command: "plan", code: 2, meaning: "with --detailed-exitcode: the plan has changes (steps ready or blocked)" },
  {
    command: "plan",
    code: 1,
    meaning: `error: ${ERROR_CAUSES}, or a Partner Center that could not be read (without --allow-unknown)`,
  },
  { command: "drift", code: 0, meaning: "no drift in the categories of --fail-on" },
  { command: "drift", code: 2, meaning: "drift in the categories of --fail-on" },
  {
    command: "drift",
    code: 1,
    meaning: `error: ${ERROR_CAUSES}, or part of the estate could not be read (without --allow-unknown)`,
  },
  { command: "import", code: 0, meaning: "the files were written" },
  {
    command: "import",
    code: 1,
    meaning:
      "error: bad usage, a --customer that is not a customer of the partner, or a file that would be overwritten without --force",
  },
  { command: "validate", code: 0, meaning: "the estate is valid" },
  { command: "validate", code: 1, meaning: "the estate has errors (every one is listed)" },
];

/** apply's exit code from the report's convergence: 0 converged, 2 not converged, 1 a step failed. */
export function applyExitCode(convergence: Pick<Convergence, "status">): ExitCode {
  return convergence.status === "converged"
    ? ExitCode.success
    : convergence.status === "not-converged"
      ? ExitCode.notConverged
      : ExitCode.error;
}

/** The `Exit codes:` section of a command's --help. */
export function exitCodeHelp(command: ExitCodeCommand): string {
  const rows = EXIT_CODE_TABLE.filter((r) => r.command === command).sort((a, b) => a.code - b.code);
  return `\nExit codes:\n${rows.map((r) => wrap(`  ${r.code}  ${r.meaning}`, 100, "     ")).join("\n")}\n`;
}

function wrap(text: string, width: number, indent: string): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/(?<=\S) (?=\S)/)) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent + word.trimStart();
    } else line = line === "" ? word : `${line} ${word}`;
  }
  return [...lines, line].join("\n");
}

/** The table as Markdown, for docs/exit-codes.md (a test keeps the two identical). */
export function exitCodeMarkdown(): string {
  const rows = EXIT_CODE_TABLE.map((r) => `| \`${r.command}\` | ${r.code} | ${r.meaning.replaceAll("|", "\\|")} |`);
  return `${["| Command | Exit code | Meaning |", "| --- | --- | --- |", ...rows].join("\n")}\n`;
}
