// Orders one customer's steps so that capacity never goes negative and nothing runs before what it
// needs: customer → GDAP → consents → seats added → users → unassignments → assignments → seats removed → schedules
// → disabled users. Ties break on address, so the order is stable. A step whose dependency is
// blocked is blocked too.
import type { PlanAction, PlanStep } from "./plan.js";

function phase(step: PlanStep): number {
  const byAction: Record<PlanAction, number> = {
    "send-invitation": 0,
    "create-customer": 0,
    "update-customer": 0,
    "create-gdap": 0.5,
    "update-gdap": 0.5,
    "assign-gdap": 0.6,
    "create-consent": 0.7,
    "update-consent": 0.7,
    "delete-consent": 0.7,
    "create-subscription": step.after?.addonOf === undefined ? 1 : 2,
    reactivate: 1,
    "convert-trial": 1,
    "update-subscription": 1,
    resize: step.reason === "quantity_increase" ? 1 : 5,
    "create-user": 3,
    "update-user": 3,
    unassign: 4,
    assign: 4.5,
    suspend: 5,
    cancel: 5,
    "schedule-renewal": 6,
    "disable-user": 7,
  };
  return byAction[step.action];
}

export function orderSteps(steps: readonly PlanStep[]): PlanStep[] {
  const ordered = [...steps].sort(
    (a, b) =>
      phase(a) - phase(b) ||
      (a.address < b.address ? -1 : a.address > b.address ? 1 : 0) ||
      (a.action < b.action ? -1 : 1),
  );
  const byId = new Map(ordered.map((s) => [s.id, s]));
  for (const step of ordered) {
    step.dependsOn = step.dependsOn.filter((id) => byId.has(id) && id !== step.id);
    const blocker = step.dependsOn.map((id) => byId.get(id)!).find((d) => d.status === "blocked");
    if (blocker && step.status !== "blocked") {
      step.status = "blocked";
      step.blocked = {
        code: "plan.dependency_blocked",
        message: `waits for ${blocker.id}, which is blocked`,
        hint: blocker.blocked?.hint ?? "resolve the blocked step first",
      };
    }
  }
  return ordered;
}
