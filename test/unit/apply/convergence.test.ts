// convergenceOf: the apply report's verdict (converged / not-converged / failed) from the plan and the outcomes.
import { describe, expect, it } from "vitest";
import type { StepOutcome } from "../../../reconciler/apply/apply-report.js";
import { convergenceOf, type SkipDecision } from "../../../reconciler/apply/convergence.js";
import type { Plan, PlanStep } from "../../../reconciler/plan/plan.js";

function step(address: string, action: PlanStep["action"], extra: Partial<PlanStep> = {}): PlanStep {
  return {
    id: `${address}#${action}`,
    address,
    customer: address.split("/")[0]!.slice("customer:".length),
    action,
    reason: "r",
    before: null,
    after: null,
    changedFields: [],
    risk: "safe",
    protected: false,
    status: "ready",
    dependsOn: [],
    target: {},
    ...extra,
  };
}

function plan(steps: PlanStep[], findings: Plan["findings"] = []): Plan {
  return {
    formatVersion: 1,
    createdAt: "2026-01-01T00:00:00Z",
    fingerprint: "f",
    customers: [],
    steps,
    findings,
    warnings: [],
    summary: { byAction: {}, ready: 0, blocked: 0, waiting: 0, observe: 0, destructive: 0 },
  };
}

const outcome = (s: PlanStep, kind: StepOutcome["outcome"], reason?: string): StepOutcome => ({
  id: s.id,
  address: s.address,
  customer: s.customer,
  action: s.action,
  outcome: kind,
  ...(reason ? { reason } : {}),
});

describe("convergenceOf", () => {
  it("converged when every step applied; an observe-mode step does not count against it", () => {
    const resize = step("customer:a/subscription:bp", "resize");
    const observed = step("customer:b/subscription:bp", "resize", { status: "observe" });
    const skips = new Map<string, SkipDecision>([
      [observed.id, { outcome: "skipped", reason: "policy.mode is observe", kind: undefined }],
    ]);
    expect(
      convergenceOf(
        plan([resize, observed]),
        [outcome(resize, "applied"), outcome(observed, "skipped", "policy.mode is observe")],
        skips,
      ),
    ).toEqual({ status: "converged", objects: [] });
  });

  it("not converged: blocked (with the rule's code), needs a flag, a sent invitation, and an order an earlier run left pending", () => {
    const blocked = step("customer:a/subscription:bp", "resize", {
      status: "blocked",
      blocked: { code: "plan.decrease_outside_window", message: "only 0 seats can be removed", hint: "h" },
    });
    const suspend = step("customer:a/subscription:exo", "suspend", { protected: true, risk: "destructive" });
    const invite = step("customer:c", "send-invitation");
    const skips = new Map<string, SkipDecision>([
      [blocked.id, { outcome: "skipped", reason: "blocked: plan.decrease_outside_window", kind: "blocked" }],
      [
        suspend.id,
        {
          outcome: "skipped",
          reason: "destructive step of a protected customer: run with --allow-destructive",
          kind: "needs-flag",
        },
      ],
    ]);
    const findings: Plan["findings"] = [
      {
        kind: "pending",
        address: "customer:a/subscription:e5",
        message: "order o-1 for 3 seat(s) of X is still provisioning",
        detail: { orderId: "o-1", quantity: 3 },
      },
      {
        kind: "pending",
        address: "customer:c",
        message: "1 subscription(s) and 0 user(s) wait until the customer accepts the reseller invitation",
      },
    ];
    const result = convergenceOf(
      plan([blocked, suspend, invite], findings),
      [
        outcome(blocked, "skipped", "blocked: plan.decrease_outside_window"),
        outcome(suspend, "skipped", "destructive step of a protected customer: run with --allow-destructive"),
        outcome(invite, "applied"),
      ],
      skips,
    );
    expect(result).toEqual({
      status: "not-converged",
      objects: [
        {
          address: "customer:a/subscription:bp",
          action: "resize",
          kind: "blocked",
          reason: "plan.decrease_outside_window: only 0 seats can be removed",
        },
        {
          address: "customer:a/subscription:exo",
          action: "suspend",
          kind: "needs-flag",
          reason: "destructive step of a protected customer: run with --allow-destructive",
        },
        {
          address: "customer:c",
          action: "send-invitation",
          kind: "waiting",
          reason: expect.stringContaining("must accept"),
        },
        {
          address: "customer:a/subscription:e5",
          kind: "pending",
          reason: "order o-1 for 3 seat(s) of X is still provisioning",
        },
      ],
    });
  });

  it("failed as soon as one step failed, listing the steps that did not start", () => {
    const create = step("customer:a/user:u@a.com", "create-user");
    const assign = step("customer:a/user:u@a.com/license:bp", "assign");
    const failed: StepOutcome = {
      ...outcome(create, "failed"),
      error: { code: "apply.user_exists", message: "taken" },
    };
    expect(
      convergenceOf(
        plan([create, assign]),
        [failed, outcome(assign, "not-started", "an earlier step of this customer failed")],
        new Map(),
      ),
    ).toEqual({
      status: "failed",
      objects: [
        { address: create.address, action: "create-user", kind: "failed", reason: "apply.user_exists: taken" },
        {
          address: assign.address,
          action: "assign",
          kind: "not-started",
          reason: "an earlier step of this customer failed",
        },
      ],
    });
  });
});
