import type { ValidationReport } from "./validation-report.js";

export function renderValidationJson(report: ValidationReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
