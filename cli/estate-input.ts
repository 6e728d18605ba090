// Loads the estate for plan/apply/drift; an invalid estate stops the command with its diagnostics.
import { createHash } from "node:crypto";
import { CspctlError } from "../core/errors.js";
import { loadEstate, type DesiredEstate } from "../reconciler/index.js";
import { protectOutput } from "./output-mask.js";
import { renderDiagnostic } from "../reconciler/render/diagnostics/diagnostics-human.js";
import { toValidationReport } from "../reconciler/render/diagnostics/validation-report.js";

class InvalidEstateError extends CspctlError {
  constructor(
    readonly rendered: string,
    readonly diagnostics: unknown[],
  ) {
    super({
      code: "estate.invalid",
      message: `the estate has errors:\n${rendered}`,
      hint: "fix them (cspctl validate lists them all) and run again",
    });
  }
}

export async function loadValidEstate(paths: string[]): Promise<DesiredEstate> {
  const result = await loadEstate(paths);
  if (result.valid) {
    protectOutput(result.estate.sensitive);
    return result.estate;
  }
  const report = toValidationReport(result);
  throw new InvalidEstateError(
    report.diagnostics
      .filter((d) => d.severity === "error")
      .map(renderDiagnostic)
      .join("\n"),
    report.diagnostics,
  );
}

/** A digest of what the estate declares (not where), so a saved plan can tell that its estate changed. */
export function estateDigest(estate: DesiredEstate): string {
  return `sha256:${createHash("sha256").update(JSON.stringify(estate.customers)).digest("hex")}`;
}
