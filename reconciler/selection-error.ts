// The error for a --customer or --selector that matches nothing: a usage error that lists what exists.
import { distance } from "fastest-levenshtein";
import { CspctlError } from "../core/errors.js";

/**
 * A selection error that lists what exists: all of it when there are few (`SHOWN` or less), else
 * the ones closest to what was typed.
 */
export function selectionError(options: {
  message: string;
  typed: string;
  known: readonly string[];
  what?: string;
  hint?: string;
}): CspctlError {
  const { message, typed, known, what = "declared" } = options;
  const existing =
    known.length === 0
      ? `${what}: none`
      : known.length <= SHOWN
        ? `${what}: ${known.join(", ")}`
        : `closest of ${known.length} ${what}: ${closest(typed, known).join(", ")}`;
  return new CspctlError({
    code: "cli.usage",
    message: `${message} (${existing})`,
    hint:
      options.hint ??
      "use a customer's metadata.name (`cspctl validate` lists them) or a label key=value that a declared customer has",
  });
}

const SHOWN = 10;

function closest(typed: string, known: readonly string[]): string[] {
  const lowered = typed.toLowerCase();
  return known
    .map((name) => ({ name, d: distance(lowered, name.toLowerCase()) }))
    .sort((a, b) => a.d - b.d || (a.name < b.name ? -1 : 1))
    .slice(0, 5)
    .map((x) => x.name);
}
