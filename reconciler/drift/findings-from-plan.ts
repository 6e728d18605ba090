// Drift findings derived from the Plan (no second diff engine): every step is a difference between
// Git and Partner Center, and the plan's own findings (unmanaged, accepted, unknown, pending) carry over.
import type { Plan, PlanFinding, PlanStep } from "../plan/plan.js";
import { acceptChanged, acceptUnmanaged } from "./accept-yaml.js";
import type { DriftCategory, DriftFinding, DriftSeverity } from "./drift-report.js";
import { customerOf } from "../model/address.js";
import { locateFinding, type Locate } from "./locate-finding.js";

const SEVERITY: Record<DriftCategory, DriftSeverity> = {
  changed: "warning",
  missing: "warning",
  unmanaged: "warning",
  pending: "note",
  utilisation: "note",
  accepted: "note",
  unknown: "error",
};

function severityOf(category: DriftCategory): DriftSeverity {
  return SEVERITY[category];
}

function categoryOfStep(step: PlanStep): DriftCategory {
  if (step.action === "send-invitation") return "pending";
  if (step.reason === "missing_in_partner_center" || step.reason === "missing_assignment") return "missing";
  if (step.reason === "pruned_undeclared") return "unmanaged";
  return "changed";
}

/**
 * Only steps that stand for a difference of their own become findings. Not findings: a step whose
 * before and after agree on every changed field (a schedule written again because another change
 * wipes it, R-REN-4), and a step that finishes creating a missing object (a suspend or a renewal
 * after the create, a qualification after a new customer): the object is reported once, as missing.
 */
function differenceSteps(plan: Plan): PlanStep[] {
  const missing = new Map(plan.steps.filter((s) => categoryOfStep(s) === "missing").map((s) => [s.id, s]));
  return plan.steps.filter((step) => {
    if (categoryOfStep(step) !== "changed") return true;
    if (
      step.changedFields.length > 0 &&
      step.changedFields.every((f) => sameValue(step.before?.[fieldKey(f)], step.after?.[fieldKey(f)]))
    )
      return false;
    return !step.dependsOn.some((id) => {
      const created = missing.get(id);
      return (
        created !== undefined && (step.address === created.address || step.address.startsWith(`${created.address}/`))
      );
    });
  });
}

function fieldKey(field: string): string {
  return field.replace(/^billing\.|^company\./, "");
}

function sameValue(a: unknown, b: unknown): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}

export function findingsFromSteps(plan: Plan, locate: Locate | undefined): DriftFinding[] {
  return differenceSteps(plan).map((step) => {
    const category = categoryOfStep(step);
    const fields = step.changedFields.map(fieldKey);
    return {
      id: `${category}:${step.id}`,
      category,
      severity: severityOf(category),
      address: step.address,
      customer: step.customer,
      message: describeStep(step, category),
      before: step.before,
      after: step.after,
      changedFields: step.changedFields,
      fix: {
        step: {
          id: step.id,
          action: step.action,
          reason: step.reason,
          status: step.status,
          ...(step.blocked
            ? { blocked: `${step.blocked.code}: ${step.blocked.message} (hint: ${step.blocked.hint})` }
            : {}),
        },
        ...(category === "changed" && step.changedFields.length > 0
          ? { yaml: acceptChanged(step.address, step.changedFields, step.before) }
          : {}),
        ...(category === "missing" ? { yaml: `# or remove ${step.address} from the estate` } : {}),
        ...(category === "pending"
          ? {
              note:
                typeof step.after?.invitationUrl === "string"
                  ? `the customer's global admin must accept the reseller invitation: ${step.after.invitationUrl}`
                  : "the customer must accept the reseller invitation; cspctl apply prints its URL",
            }
          : {}),
      },
      source: locateFinding(locate, step.address, fields),
    };
  });
}

function describeStep(step: PlanStep, category: DriftCategory): string {
  if (category === "pending") {
    return step.reason === "invitation_pending"
      ? `${step.address} is not yet a customer: the reseller invitation has not been accepted`
      : `${step.address} is not yet a customer and no reseller invitation is on record: cspctl apply sends one`;
  }
  if (category === "missing")
    return `${step.address} is declared but not in Partner Center (apply would ${step.action})`;
  if (category === "unmanaged") return `${step.address} is not declared; policy.prune makes apply ${step.action} it`;
  const changes = step.changedFields.map(
    (f) => `${f}: ${show(step.before?.[fieldKey(f)])} in Partner Center, ${show(step.after?.[fieldKey(f)])} declared`,
  );
  return `${step.address} differs${changes.length ? `: ${changes.join("; ")}` : ` (${step.reason})`}`;
}

function show(value: unknown): string {
  return value === undefined ? "(unset)" : JSON.stringify(value);
}

export function findingsFromPlanFindings(plan: Plan, locate: Locate | undefined): DriftFinding[] {
  return plan.findings.map((f, index) => fromPlanFinding(f, index, locate));
}

function fromPlanFinding(f: PlanFinding, index: number, locate: Locate | undefined): DriftFinding {
  const category: DriftCategory = f.kind;
  const field = typeof f.detail?.field === "string" ? f.detail.field : undefined;
  const customer = customerOf(f.address);
  const declaredCustomer =
    customer !== null && f.address.startsWith("customer:") && !/^customer:[^/]+\.[^/]+$/.test(f.address)
      ? customer
      : null;
  return {
    id: `${category}:${f.address}${field ? `#${field}` : ""}${category === "unknown" || category === "pending" ? `#${index}` : ""}`,
    category,
    severity: severityOf(category),
    address: f.address,
    customer: declaredCustomer,
    message: f.message,
    before:
      category === "accepted"
        ? { [field ?? "value"]: f.detail?.actual }
        : category === "unmanaged"
          ? (f.detail ?? null)
          : null,
    after: category === "accepted" ? { [field ?? "value"]: f.detail?.declared } : null,
    changedFields: field ? [field] : [],
    fix:
      category === "unmanaged"
        ? {
            yaml: acceptUnmanaged(f.address, f.detail),
            note:
              declaredCustomer === null
                ? "declare the customer (cspctl import writes its file)"
                : "declare it in the estate, or let policy.prune remove it",
          }
        : category === "accepted"
          ? {
              note: `accepted by policy.ignore: ${String(f.detail?.reason ?? "")}${f.detail?.until ? ` (until ${String(f.detail.until)}; drift again after)` : ""}`,
            }
          : category === "unknown"
            ? {
                note: "could not be read: fix the cause (permissions, connectivity) and run again; nothing is concluded about this object",
              }
            : { note: "wait, or accept the reseller invitation" },
    source: declaredCustomer === null ? null : locateFinding(locate, f.address, field ? [field] : []),
  };
}
