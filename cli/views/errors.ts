// How any failure of plan/apply/drift is shown: one view for humans, one for --json.
import { CspctlError } from "../../core/errors.js";

export interface ErrorView {
  code: string;
  message: string;
  hint?: string;
  address?: string;
}

export function toErrorView(error: unknown): ErrorView {
  if (error instanceof CspctlError) return { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}), ...(error.address ? { address: error.address } : {}) };
  const message = error instanceof Error ? error.message : String(error);
  return { code: "cli.internal_error", message, hint: "this is a bug in cspctl; please report it with the command that triggers it" };
}

export function renderErrorHuman(view: ErrorView): string {
  return `error ${view.code}: ${view.message}${view.address ? ` (${view.address})` : ""}\n${view.hint ? `    hint: ${view.hint}\n` : ""}`;
}

export function renderErrorJson(view: ErrorView): string {
  return JSON.stringify({ error: view }, null, 2) + "\n";
}
