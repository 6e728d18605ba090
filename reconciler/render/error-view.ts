// How a failed command is shown: one view for people, one for --json, from the same data.
import type { ErrorCode } from "../../core/error-codes.js";
import { printable } from "../../core/terminal-text.js";

export interface ErrorView {
  code: ErrorCode;
  message: string;
  hint?: string;
  address?: string;
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
