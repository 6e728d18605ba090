// SARIF 2.1.0: each finding is a result located at the file:line of the declared object in the
// estate, so code scanning annotates the YAML line that drifted. Undeclared customers (`--all`) have
// no line of their own and point at the first line of the first estate file.
import {
  DRIFT_CATEGORIES,
  type DriftCategory,
  type DriftFinding,
  type DriftReport,
  type SourceLocation,
} from "../../drift/drift-report.js";

const RULES: Record<DriftCategory, string> = {
  changed: "Declared and actual differ (quantity, auto-renew, state, user fields, licences).",
  missing: "Declared in the estate, not in Partner Center.",
  unmanaged: "In Partner Center, not declared in the estate.",
  pending: "Something happens soon without a change in Git: an invitation, a trial, a term end or a scheduled change.",
  utilisation: "Seats purchased and not assigned.",
  accepted: "A difference accepted by policy.ignore.",
  unknown: "Could not be read; nothing is concluded about it.",
};

export interface SarifOptions {
  /** The cspctl version written as the tool's version. */
  toolVersion?: string;
}

export function renderDriftSarif(report: DriftReport, options: SarifOptions = {}): string {
  const fallback = report.declared.find((d) => d.source !== null)?.source ?? null;
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "cspctl",
            ...(options.toolVersion ? { version: options.toolVersion } : {}),
            rules: DRIFT_CATEGORIES.map((c) => ({
              id: `drift/${c}`,
              name: `Drift${c[0]!.toUpperCase()}${c.slice(1)}`,
              shortDescription: { text: RULES[c] },
              defaultConfiguration: {
                level:
                  c === "unknown"
                    ? "error"
                    : c === "pending" || c === "utilisation" || c === "accepted"
                      ? "note"
                      : "warning",
              },
            })),
          },
        },
        automationDetails: { id: `cspctl/drift/${report.generatedAt}` },
        results: report.findings.map((f) => result(f, fallback)),
        properties: {
          driftFormatVersion: report.formatVersion,
          fingerprint: report.fingerprint,
          summary: report.summary,
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function result(f: DriftFinding, fallback: SourceLocation | null): Record<string, unknown> {
  const where = f.source ?? fallback;
  const fix = f.fix.step
    ? ` Fix: cspctl apply would ${f.fix.step.action} (${f.fix.step.reason}).`
    : f.fix.note
      ? ` ${f.fix.note}.`
      : "";
  return {
    ruleId: `drift/${f.category}`,
    ruleIndex: DRIFT_CATEGORIES.indexOf(f.category),
    level: f.severity,
    message: { text: `${f.message}.${fix}`.replace(/\.\./g, ".") },
    ...(where
      ? {
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: toUri(where.file) },
                region: { startLine: where.line, startColumn: Math.max(1, where.column) },
              },
              logicalLocations: [{ fullyQualifiedName: f.address, kind: "resource" }],
            },
          ],
        }
      : {}),
    partialFingerprints: { "cspctlFinding/v1": f.id },
    properties: {
      address: f.address,
      category: f.category,
      before: f.before,
      after: f.after,
      ...(f.fix.yaml ? { acceptYaml: f.fix.yaml } : {}),
    },
  };
}

/** A relative path as a URI reference (forward slashes, each segment percent-encoded). */
function toUri(file: string): string {
  return file
    .split(/[\\/]/)
    .map((part) => encodeURIComponent(part))
    .join("/");
}
