// A command's failure: its error view (masked), rendered by reconciler/render/error-view.ts, and exit code 1.
import { CspctlError } from "../core/errors.js";
import { type ErrorView, renderErrorHuman, renderErrorJson } from "../reconciler/render/error-view.js";
import { ExitCode } from "./exit-codes.js";
import { masked } from "./output-mask.js";

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

/** A command's failure: the view on stdout with --json (where scripts read), else on stderr; exit 1. */
export function reportCommandError(error: unknown, json: boolean): void {
  const view = toErrorView(error);
  if (json) process.stdout.write(renderErrorJson(view));
  else process.stderr.write(renderErrorHuman(view));
  process.exitCode = ExitCode.error;
}
