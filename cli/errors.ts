// How any failure of plan/apply/drift is shown: one view for humans, one for --json.
import type { ErrorCode } from "../core/error-codes.js";
import { CspctlError } from "../core/errors.js";
import { printable } from "../core/terminal-text.js";
import { ExitCode } from "./exit-codes.js";
import { masked } from "./output-mask.js";

export interface ErrorView {
  code: ErrorCode;
  message: string;
  hint?: string;
  address?: string;
}

export function toErrorView(error: unknown): ErrorView {
  return masked(errorView(error));
}

function errorView(error: unknown): ErrorView {
  if (error instanceof CspctlError)
    return {
      code: error.code,
      message: error.message,
      ...(error.hint ? { hint: error.hint } : {}),
      ...(error.address ? { address: error.address } : {}),
    };
  const message = error instanceof Error ? error.message : String(error);
  return {
    code: "cli.internal_error",
    message,
    hint: "this is a bug in cspctl; please report it with the command that triggers it",
  };
}

/** Messages can carry estate values and remote replies: escaped for the terminal. */
export function renderErrorHuman(view: ErrorView): string {
  return printable(
    `error ${view.code}: ${view.message}${view.address ? ` (${view.address})` : ""}\n${view.hint ? `    hint: ${view.hint}\n` : ""}`,
  );
}

export function renderErrorJson(view: ErrorView): string {
  return `${JSON.stringify({ error: view }, null, 2)}\n`;
}

/** A command's failure: the view on stdout with --json (where scripts read), else on stderr; exit 1. */
export function reportCommandError(error: unknown, json: boolean): void {
  const view = toErrorView(error);
  if (json) process.stdout.write(renderErrorJson(view));
  else process.stderr.write(renderErrorHuman(view));
  process.exitCode = ExitCode.error;
}
