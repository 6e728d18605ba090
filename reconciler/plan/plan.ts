import type { ErrorCode } from "../../core/error-codes.js";
import type { CustomerReadMode } from "../snapshot/read-incremental.js";
// The Plan: versioned, JSON-serialisable data. The human view is rendered from this JSON, and
// apply executes it; nothing else decides what a run will do.

export const PLAN_FORMAT_VERSION = 1;

export type PlanAction =
  | "create-customer"
  | "update-customer"
  | "send-invitation"
  | "create-subscription"
  | "resize"
  | "update-subscription"
  | "suspend"
  | "reactivate"
  | "cancel"
  | "schedule-renewal"
  | "convert-trial"
  | "create-user"
  | "update-user"
  | "disable-user"
  | "assign"
  | "unassign"
  | "create-gdap"
  | "update-gdap"
  | "assign-gdap"
  | "create-consent"
  | "update-consent"
  | "delete-consent";

export const DESTRUCTIVE_ACTIONS: ReadonlySet<PlanAction> = new Set([
  "suspend",
  "cancel",
  "unassign",
  "disable-user",
  "delete-consent",
]);

/**
 * ready: apply will run it. blocked: a rule forbids it (see `blocked`). waiting: it depends on
 * something outside cspctl (an invitation to be accepted). observe: the customer is in
 * `policy.mode: observe`, so it is reported and never written.
 */
export type StepStatus = "ready" | "blocked" | "waiting" | "observe";

export interface StepProblem {
  code: ErrorCode;
  message: string;
  hint: string;
}

/** Ids of the Partner Center objects a step acts on, where they exist already. */
export interface StepTarget {
  customerId?: string;
  subscriptionId?: string;
  userId?: string;
  skuId?: string;
  /**
   * create-subscription: the subscriptions and pending orders of the same offer the plan saw. Apply
   * refuses to buy when another one has appeared since (a concurrent run, a portal purchase).
   */
  knownSameOffer?: string[];
  /** GDAP steps: the relationship, and the access assignment, when they exist. */
  relationshipId?: string;
  assignmentId?: string;
  /** Consent steps: the consented application. */
  applicationId?: string;
}

export interface PlanStep {
  /** Stable within a plan: `${address}#${action}`. */
  id: string;
  address: string;
  /** The customer's metadata.name. */
  customer: string;
  action: PlanAction;
  /** snake_case, e.g. `quantity_increase`, `missing_in_partner_center`. */
  reason: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  changedFields: string[];
  risk: "safe" | "destructive";
  /** Destructive and the customer's policy.protect is on: apply needs --allow-destructive. */
  protected: boolean;
  status: StepStatus;
  blocked?: StepProblem;
  /** For a waiting step: what it waits for (an invitation to be accepted, an order to provision). */
  waitingFor?: string;
  /** Step ids that must succeed first. */
  dependsOn: string[];
  target: StepTarget;
  /** What the step does to the money (docs/money.md); absent for steps that cost nothing or could not be priced. */
  money?: StepMoney;
  /** Set when the step goes over a spend threshold of policy.approval: apply refuses it without --approve-spend. */
  approval?: StepApproval;
}

/** Money of one step, in `currency`. Deltas are signed: a decrease or a cancellation is negative. */
export interface StepMoney {
  currency: string;
  /** Seats added (negative: removed). */
  seats: number;
  /** Price of one seat for one month: the price-sheet cost and the partner's resale price. */
  unit: { cost: number; resale?: number; resaleFrom?: string };
  /** Change of the monthly run rate. */
  monthly: { cost: number; resale?: number };
  /** Change of what is committed over the rest of the term (the next term for a renewal change). */
  term: { cost: number; resale?: number };
  /** `now`, or `renewal` when the change takes effect at the term end (`effectiveAt`). */
  effective: "now" | "renewal";
  effectiveAt?: string;
  /** Decreases and cancellations: the refund Partner Center gives inside the 7-day window (R-CAN-3, R-QTY-3). */
  refund?: { amount: number; until: string | null };
}

export interface StepApproval {
  status: "needs-approval" | "approved";
  /** Each threshold the step goes over, in words with the amounts. */
  reasons: string[];
}

/** Totals of the ready steps, per customer and for the run (one entry per currency). */
export interface MoneySummary {
  customers: {
    customer: string;
    currency: string;
    monthly: { cost: number; resale?: number };
    term: { cost: number; resale?: number };
    refunds: number;
  }[];
  run: {
    currency: string;
    monthly: { cost: number; resale?: number };
    term: { cost: number; resale?: number };
    refunds: number;
  }[];
  /** Steps that change seats but have no price (no price-sheet row, or the sheet could not be read). */
  unpriced: string[];
}

/** The run's spend approval: what the plan needs, and what was approved (`--approve-spend`). */
export interface PlanApproval {
  /** Monthly run-rate increase at cost of the steps that need approval, per currency. */
  required: { currency: string; amount: number }[];
  approved?: { amount: number; by: "--approve-spend" | "saved-plan" };
}

export type FindingKind = "unmanaged" | "accepted" | "unknown" | "pending";

export interface PlanFinding {
  kind: FindingKind;
  address: string;
  message: string;
  detail?: Record<string, unknown>;
}

export interface PlanWarning {
  code: ErrorCode;
  address: string;
  message: string;
}

export interface PlanSummary {
  /** Ready steps per action. */
  byAction: Partial<Record<PlanAction, number>>;
  ready: number;
  blocked: number;
  waiting: number;
  observe: number;
  destructive: number;
}

export interface Plan {
  formatVersion: typeof PLAN_FORMAT_VERSION;
  createdAt: string;
  /** sha256 of the actual state the plan was made from; apply refuses a plan whose state changed. */
  fingerprint: string;
  customers: string[];
  steps: PlanStep[];
  findings: PlanFinding[];
  warnings: PlanWarning[];
  summary: PlanSummary;
  /** Money of the ready steps (docs/money.md); absent when nothing in the plan is priced. */
  money?: MoneySummary;
  /** Present when a step needs approval. */
  approval?: PlanApproval;
  /**
   * How each declared customer was read when a snapshot is kept (docs/incremental-reads.md): in
   * full, incrementally, or taken from the snapshot, and when it was last read in full.
   */
  reads?: { customers: CustomerReadMode[] };
}

export function hasChanges(plan: Plan): boolean {
  return plan.steps.some((step) => step.status === "ready" || step.status === "blocked");
}
