import type { ErrorCode } from "../../core/error-codes.js";
import type { Plan } from "../plan/plan.js";
// The drift report: versioned, JSON-serialisable data (schemas/drift-report.schema.json). Every
// format (text, Markdown, HTML, JUnit, SARIF) is rendered from this one object.

export const DRIFT_FORMAT_VERSION = 1;

export type DriftCategory = "changed" | "missing" | "unmanaged" | "pending" | "utilisation" | "accepted" | "unknown";

export const DRIFT_CATEGORIES: readonly DriftCategory[] = [
  "changed",
  "missing",
  "unmanaged",
  "pending",
  "utilisation",
  "accepted",
  "unknown",
];

/** Categories that mean Partner Center and Git disagree; they make `cspctl drift` exit 2 by default. */
export const DRIFT_BY_DEFAULT: readonly DriftCategory[] = ["changed", "missing", "unmanaged"];

export type DriftSeverity = "error" | "warning" | "note";

export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/** What corrects a finding: the plan step apply would run, and/or the YAML change that accepts it. */
export interface DriftFix {
  /** The plan step that would make Partner Center match the estate (cspctl apply). */
  step?: { id: string; action: string; reason: string; status: string; blocked?: string };
  /** The estate change that would accept what Partner Center holds, as YAML to write. */
  yaml?: string;
  /** Anything else to do (accept an invitation, wait, fix a permission). */
  note?: string;
}

/** The last change Partner Center's activity log holds for a finding's object (reconciler/drift/audit-authors.ts). */
export interface DriftAuthor {
  /** The user who made it; null when the log names only an application. */
  by: string | null;
  /** The application: a client id or a name such as "Partner Center Web"; null when not logged. */
  via: string | null;
  /** UTC timestamp. */
  at: string;
  /** Partner Center's operation type (`update_subscription`, `create_order`, …). */
  operation: string;
  /** `quantity 3 → 7`, for the finding's fields the log's old and new values show; null otherwise. */
  change: string | null;
}

export interface DriftFinding {
  /** Stable within a report: `${category}:${address}[#detail]`. */
  id: string;
  category: DriftCategory;
  severity: DriftSeverity;
  address: string;
  /** metadata.name of the declared customer; null for an undeclared one (`--all`). */
  customer: string | null;
  message: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  changedFields: string[];
  fix: DriftFix;
  /** Where the declared object (or field) is written; the customer document for undeclared children. */
  source: SourceLocation | null;
  /** Who last changed the object and when, where the activity log has it (absent otherwise). */
  lastChange?: DriftAuthor;
}

export interface SubscriptionUtilisation {
  address: string;
  subscriptionId: string;
  offer: string;
  skuPartNumber: string | null;
  purchased: number;
  assigned: number;
  unused: number;
  /** Monthly price per seat when the catalog has one; null otherwise. */
  unitPrice: number | null;
  wasteMoney: number | null;
}

export interface CustomerUtilisation {
  customer: string;
  subscriptions: SubscriptionUtilisation[];
  /** Active subscriptions whose assigned seats cannot be known (no licence SKU in the catalog, or none listed by the tenant): not counted. */
  notMeasured: string[];
  purchased: number;
  assigned: number;
  unused: number;
  wasteMoney: number | null;
}

/** A plan warning, carried over: something the planner could not decide, such as a licence it cannot compare. */
export interface DriftWarning {
  code: ErrorCode;
  address: string;
  message: string;
}

/** Warning codes that mean the object was not compared at all: no verdict (JUnit: skipped), never a pass. */
export const NOT_COMPARED_WARNINGS: ReadonlySet<string> = new Set(["plan.license_sku_unknown"]);

/** One test case per declared object (JUnit): its address, where it is written, and its verdict. */
export interface DeclaredObject {
  address: string;
  customer: string;
  kind: "customer" | "subscription" | "user" | "license";
  source: SourceLocation | null;
}

export interface DriftSummary {
  byCategory: Record<DriftCategory, number>;
  customers: number;
  declaredObjects: number;
  /** True when any finding of the categories that fail the run is present. */
  drift: boolean;
  unknown: number;
  utilisation: {
    purchased: number;
    assigned: number;
    unused: number;
    wasteMoney: number | null;
    currency: string | null;
  };
}

export interface DriftReport {
  formatVersion: typeof DRIFT_FORMAT_VERSION;
  generatedAt: string;
  /** The fingerprint (fingerprintActual) of the Partner Center state of the customers the report covers. */
  fingerprint: string;
  horizonDays: number;
  /** The categories that count as drift for this run (`--fail-on`). */
  failOn: DriftCategory[];
  customers: string[];
  declared: DeclaredObject[];
  findings: DriftFinding[];
  /** The plan's warnings (`plan.*` codes in the error-code table). */
  warnings: DriftWarning[];
  utilisation: CustomerUtilisation[];
  summary: DriftSummary;
  /** How each customer was read when a snapshot is kept (docs/incremental-reads.md). */
  reads?: Plan["reads"];
}
