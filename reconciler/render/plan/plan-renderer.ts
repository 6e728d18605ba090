// The human view of a plan, rendered only from the plan's JSON (so the two cannot disagree).
import { readModeLines } from "../../snapshot/read-modes-text.js";
import { diffLines } from "diff";
import type { Plan, PlanAction, PlanStep } from "../../plan/plan.js";
import { printableStrings } from "../../../core/terminal-text.js";
import { moneySummaryLines, stepMoneyLines } from "./money-lines.js";
import { paint as ansi } from "../ansi.js";

export interface RenderOptions {
  color: boolean;
}

const VERB: Record<PlanAction, string> = {
  "create-customer": "create",
  "create-subscription": "create",
  "create-user": "create",
  "send-invitation": "invite",
  "update-customer": "update",
  "update-subscription": "update",
  "update-user": "update",
  resize: "resize",
  suspend: "suspend",
  reactivate: "reactivate",
  cancel: "cancel",
  "schedule-renewal": "schedule",
  "convert-trial": "convert",
  "disable-user": "disable",
  assign: "assign",
  unassign: "unassign",
  "create-gdap": "create",
  "update-gdap": "update",
  "assign-gdap": "assign",
  "create-consent": "create",
  "update-consent": "update",
  "delete-consent": "remove",
};
const VERB_ORDER = [
  "invite",
  "create",
  "update",
  "resize",
  "reactivate",
  "convert",
  "assign",
  "unassign",
  "schedule",
  "suspend",
  "cancel",
  "remove",
  "disable",
];

function marker(step: PlanStep): "+" | "~" | "-" | "!" {
  if (step.status === "blocked") return "!";
  if (step.risk === "destructive") return "-";
  return step.action.startsWith("create") || step.action === "assign" || step.action === "send-invitation" ? "+" : "~";
}

const COLORS = { "+": 32, "~": 33, "-": 31, "!": 35, dim: 2, bold: 1 } as const;

export function renderPlan(untrusted: Plan, options: RenderOptions): string {
  const plan = printableStrings(untrusted); // estate values and remote replies must not reach the terminal raw
  const paint = (code: number, text: string): string => ansi(options.color, code, text);
  const lines: string[] = [];
  let customer = "";
  for (const step of plan.steps) {
    if (step.customer !== customer) {
      customer = step.customer;
      lines.push("", paint(COLORS.bold, `customer:${customer}`));
    }
    const mark = marker(step);
    const status =
      step.status !== "ready" ? ` [${step.status}]` : step.approval !== undefined ? ` [${step.approval.status}]` : "";
    const guard = step.protected && step.status === "ready" ? " (needs --allow-destructive)" : "";
    lines.push(
      `  ${paint(COLORS[mark], `${mark} ${step.action}`)} ${step.address}${paint(COLORS.dim, ` (${step.reason})`)}${status}${guard}`,
    );
    lines.push(...renderFields(step).map((l) => `      ${l}`));
    lines.push(...stepMoneyLines(step).map((l) => `      ${l}`));
    if (step.blocked) {
      lines.push(`      ${paint(COLORS["!"], `${step.blocked.code}: ${step.blocked.message}`)}`);
      lines.push(`      hint: ${step.blocked.hint}`);
    }
    if (step.status === "waiting" && step.waitingFor) lines.push(`      waits for ${step.waitingFor}`);
  }
  if (plan.findings.length > 0) {
    lines.push("", paint(COLORS.bold, "Findings"));
    for (const f of plan.findings) lines.push(`  ${f.kind.padEnd(9)} ${f.address}: ${f.message}`);
  }
  if (plan.warnings.length > 0) {
    lines.push("", paint(COLORS.bold, "Warnings"));
    for (const w of plan.warnings) lines.push(`  ${w.code} ${w.address}: ${w.message}`);
  }
  const money = moneySummaryLines(plan);
  if (money.length > 0) lines.push("", ...money);
  if (plan.reads) lines.push("", ...readModeLines(plan.reads.customers));
  lines.push("", summaryLine(plan));
  return `${lines.join("\n").replace(/^\n/, "")}\n`;
}

export function summaryLine(plan: Plan): string {
  const counts = new Map<string, number>();
  for (const step of plan.steps)
    if (step.status === "ready") counts.set(VERB[step.action], (counts.get(VERB[step.action]) ?? 0) + 1);
  const parts = VERB_ORDER.filter((v) => counts.has(v)).map((v) => `${counts.get(v)} to ${v}`);
  if (plan.summary.blocked > 0) parts.push(`${plan.summary.blocked} blocked`);
  if (plan.summary.waiting > 0) parts.push(`${plan.summary.waiting} waiting`);
  const unknown = plan.findings.filter((f) => f.kind === "unknown").length;
  if (parts.length === 0 && unknown > 0)
    return `No changes planned, but ${unknown} part(s) could not be read: Partner Center may still differ from the estate.`;
  const observe = plan.summary.observe > 0 ? ` (${plan.summary.observe} in observe mode: reported, never applied)` : "";
  if (parts.length === 0 && plan.summary.observe > 0)
    return `No changes to apply. ${plan.summary.observe} step(s) of customers in observe mode are reported, never applied.`;
  if (parts.length === 0) return "No changes. Partner Center matches the estate.";
  return `Plan: ${parts.join(", ")}.${observe}`;
}

function renderFields(step: PlanStep): string[] {
  const before = step.before ?? {};
  const after = step.after ?? {};
  const keys =
    step.changedFields.length > 0
      ? step.changedFields.map((f) => f.replace(/^billing\.|^company\./, ""))
      : Object.keys(step.before === null ? after : before);
  const lines: string[] = [];
  for (const key of keys) {
    const from = before[key];
    const to = after[key];
    if (typeof from === "string" && typeof to === "string" && (from.includes("\n") || to.includes("\n"))) {
      lines.push(`${key}:`);
      for (const part of diffLines(from, to))
        for (const text of part.value.replace(/\n$/, "").split("\n"))
          lines.push(`  ${part.added ? "+" : part.removed ? "-" : " "} ${text}`);
    } else if (step.before === null) {
      lines.push(`${key}: ${show(to)}`);
    } else if (step.after === null) {
      lines.push(`${key}: ${show(from)}`);
    } else {
      lines.push(`${key}: ${show(from)} → ${show(to)}`);
    }
  }
  return lines;
}

function show(value: unknown): string {
  return value === undefined ? "(unset)" : JSON.stringify(value);
}
