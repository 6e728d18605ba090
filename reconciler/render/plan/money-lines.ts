// The money parts of the human plan (docs/money.md), rendered from the plan's JSON like the rest.
import type { Plan, PlanStep, StepMoney } from "../../plan/plan.js";
import { groupedAmount, plainAmount } from "../money.js";

const signed = (value: number): string => `${value > 0 ? "+" : value < 0 ? "-" : "±"}${groupedAmount(Math.abs(value))}`;
const resale = (value: number | undefined): string =>
  value === undefined ? "no resale price" : `${signed(value)} resale`;

/** Lines under a step: its money, its refund and why it needs approval. */
export function stepMoneyLines(step: PlanStep): string[] {
  const lines: string[] = [];
  const money = step.money;
  if (money !== undefined) {
    const when =
      money.effective === "renewal"
        ? ` from renewal${money.effectiveAt ? ` (${money.effectiveAt.slice(0, 10)})` : ""}`
        : "";
    lines.push(
      `money: ${signed(money.monthly.cost)} ${money.currency}/month at cost, ${resale(money.monthly.resale)}${when}; term ${signed(money.term.cost)} at cost, ${resale(money.term.resale)}`,
    );
    lines.push(`       per seat per month: ${groupedAmount(money.unit.cost)} cost${unitResale(money)}`);
    if (money.refund !== undefined)
      lines.push(
        money.refund.until === null
          ? "refund: none, the 7-day window has closed (R-CAN-1, R-QTY-3)"
          : `refund: ${groupedAmount(money.refund.amount)} ${money.currency} if applied before ${money.refund.until} (R-CAN-3)`,
      );
  }
  if (step.approval !== undefined) lines.push(`${step.approval.status}: ${step.approval.reasons.join("; ")}`);
  return lines;
}

function unitResale(money: StepMoney): string {
  return money.unit.resale === undefined
    ? ""
    : `, ${groupedAmount(money.unit.resale)} resale (${money.unit.resaleFrom})`;
}

/** The Money section: totals per customer and for the run, and the spend approval. */
export function moneySummaryLines(plan: Plan): string[] {
  const lines: string[] = [];
  const money = plan.money;
  if (money !== undefined && money.run.length > 0) {
    lines.push("Money (ready steps: change of the monthly run rate; committed over the term; refunds)");
    const width = Math.max(3, ...money.customers.map((c) => c.customer.length));
    const row = (name: string, t: (typeof money.run)[number]): string =>
      `  ${name.padEnd(width)}  ${t.currency}  monthly ${signed(t.monthly.cost)} cost, ${resale(t.monthly.resale)}  term ${signed(t.term.cost)} cost, ${resale(t.term.resale)}  refunds ${groupedAmount(t.refunds)}`;
    for (const c of money.customers) lines.push(row(c.customer, c));
    for (const r of money.run) lines.push(row("run", r));
  }
  if (money !== undefined && money.unpriced.length > 0)
    lines.push(`  ${money.unpriced.length} step(s) without a price: ${money.unpriced.join(", ")}`);
  const approval = plan.approval;
  if (approval !== undefined) {
    const needed = approval.required.map((r) => `${groupedAmount(r.amount)} ${r.currency}`.trim()).join(" and ");
    const max = Math.max(0, ...approval.required.map((r) => r.amount));
    lines.push(
      approval.approved !== undefined && approval.approved.amount >= max
        ? `Spend approved: ${needed} a month at cost (${approval.approved.by} ${groupedAmount(approval.approved.amount)})`
        : `Spend approval needed: steps over a threshold add ${needed} a month at cost; apply refuses them without --approve-spend ${plainAmount(max)}`,
    );
  }
  return lines;
}
