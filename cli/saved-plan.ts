// The file `cspctl plan --out` writes and `cspctl apply --plan` reads: the plan plus what is needed
// to apply it later (the estate's paths and digest, the selection), versioned.
import { readFileSync, writeFileSync } from "node:fs";
import { CspctlError } from "../core/errors.js";
import { PLAN_FORMAT_VERSION, type Plan } from "../reconciler/plan/plan.js";
import type { CustomerSelection } from "../reconciler/plan-estate.js";

/** What the plan's fingerprint covers; files saved before it was scoped have no such field. */
export const FINGERPRINT_COVERS = "customers-with-steps";

export interface SavedPlan {
  kind: "cspctl-plan";
  formatVersion: typeof PLAN_FORMAT_VERSION;
  fingerprintCovers: typeof FINGERPRINT_COVERS;
  estate: { paths: string[]; digest: string };
  selection: CustomerSelection & { all: boolean };
  plan: Plan;
}

export function writeSavedPlan(path: string, saved: SavedPlan): void {
  writeFileSync(path, JSON.stringify(saved, null, 2) + "\n", { mode: 0o600 });
}

export function readSavedPlan(path: string): SavedPlan {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new CspctlError({ code: "plan.unreadable", message: `cannot read the saved plan ${path}: ${error instanceof Error ? error.message : String(error)}`, hint: "write one with cspctl plan --out FILE" });
  }
  const saved = parsed as Partial<SavedPlan>;
  if (saved.kind !== "cspctl-plan" || saved.formatVersion !== PLAN_FORMAT_VERSION || saved.plan === undefined || saved.estate === undefined) {
    throw new CspctlError({ code: "plan.unreadable", message: `${path} is not a cspctl plan of format version ${PLAN_FORMAT_VERSION}`, hint: "make the plan again with this version of cspctl" });
  }
  if (saved.fingerprintCovers !== FINGERPRINT_COVERS) {
    // its fingerprint covers every customer read: compared with this version's it would look like a change in Partner Center
    throw new CspctlError({ code: "plan.unreadable", message: `${path} was saved by an earlier cspctl, whose plan fingerprint covered every customer read; this version's covers the customers the plan changes`, hint: "make the plan again with this version of cspctl" });
  }
  return saved as SavedPlan;
}
