// Per-customer planning state: collects steps, findings and warnings, and answers policy questions
// (ignore rules, observe mode, protection) in one place.
import type { ErrorCode } from "../../core/error-codes.js";
import type { DesiredCustomer } from "../model/desired-estate.js";
import type { IgnoreRule } from "../model/estate.generated.js";
import type { ActualCustomer } from "../read/actual-estate.js";
import {
  DESTRUCTIVE_ACTIONS,
  type PlanAction,
  type PlanFinding,
  type PlanStep,
  type PlanWarning,
  type StepProblem,
  type StepTarget,
} from "./plan.js";

export interface NewStep {
  address: string;
  action: PlanAction;
  reason: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  changedFields?: string[];
  target?: StepTarget;
  blocked?: StepProblem;
  /** true, or what the step waits for (shown in the plan and the apply report). */
  waiting?: boolean | string;
  dependsOn?: string[];
}

export class CustomerContext {
  readonly steps: PlanStep[] = [];
  readonly findings: PlanFinding[] = [];
  readonly warnings: PlanWarning[] = [];

  constructor(
    readonly desired: DesiredCustomer,
    readonly actual: ActualCustomer | undefined,
    readonly now: Date,
  ) {}

  get customerId(): string | undefined {
    return this.actual?.id;
  }

  addStep(step: NewStep): PlanStep {
    const destructive = DESTRUCTIVE_ACTIONS.has(step.action);
    const planned: PlanStep = {
      id: `${step.address}#${step.action}`,
      address: step.address,
      customer: this.desired.name,
      action: step.action,
      reason: step.reason,
      before: step.before ?? null,
      after: step.after ?? null,
      changedFields: step.changedFields ?? [],
      risk: destructive ? "destructive" : "safe",
      protected: destructive && this.desired.policy.protect,
      status: step.blocked
        ? "blocked"
        : step.waiting
          ? "waiting"
          : this.desired.policy.mode === "observe"
            ? "observe"
            : "ready",
      dependsOn: step.dependsOn ?? [],
      target: { ...(this.customerId === undefined ? {} : { customerId: this.customerId }), ...step.target },
      ...(step.blocked ? { blocked: step.blocked } : {}),
      ...(!step.blocked && typeof step.waiting === "string" ? { waitingFor: step.waiting } : {}),
    };
    this.steps.push(planned);
    return planned;
  }

  /** The ignore rule covering `fieldPath` (e.g. `subscriptions[bp].quantity`) that is still in force. */
  activeIgnore(fieldPath: string): IgnoreRule | undefined {
    const today = this.now.toISOString().slice(0, 10);
    return this.desired.policy.ignore.find(
      (rule) =>
        rule.path.toLowerCase() === fieldPath.toLowerCase() && (rule.until === undefined || rule.until >= today),
    );
  }

  /**
   * Splits changed fields into those to change and those accepted by an ignore rule; the
   * accepted ones become findings. `pathOf` gives each field's ignore path.
   */
  filterIgnored(
    address: string,
    fields: string[],
    pathOf: (field: string) => string,
    before: Record<string, unknown>,
    after: Record<string, unknown>,
  ): string[] {
    return fields.filter((field) => {
      const rule = this.activeIgnore(pathOf(field));
      if (rule === undefined) return true;
      this.findings.push({
        kind: "accepted",
        address,
        message: `${field} differs (${JSON.stringify(before[field])} in Partner Center, ${JSON.stringify(after[field])} declared) and is accepted: ${rule.reason}`,
        detail: {
          field,
          actual: before[field],
          declared: after[field],
          reason: rule.reason,
          ...(rule.until ? { until: rule.until } : {}),
        },
      });
      return false;
    });
  }

  warn(code: ErrorCode, address: string, message: string): void {
    this.warnings.push({ code, address, message });
  }
}
