// The file `cspctl plan --out` writes and `cspctl apply --plan` reads: the plan plus what is needed
// to apply it later (the estate's paths and digest, the selection), versioned.
import { readFileSync } from "node:fs";
import { CspctlError } from "../core/errors.js";
import { writePrivateFile } from "../core/private-files.js";
import type { SensitiveValues } from "../core/sensitive-values.js";
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
  /** JSON pointers (into `plan`) of the strings that show `${env:NAME}` in place of a sensitive value. */
  masked?: string[];
}

/**
 * Writes the plan 0600 (an existing file is replaced, so its old mode goes too). Values read from the
 * environment are saved as their `${env:NAME}` references, never as the values: apply reads them
 * again from the same variables (the estate digest, a hash, tells that a value changed).
 */
export function writeSavedPlan(path: string, saved: SavedPlan, sensitive?: SensitiveValues): void {
  const masked: string[] = [];
  const plan = sensitive === undefined ? saved.plan : sensitive.maskDeep(saved.plan, masked);
  if (masked.length > 0 && JSON.stringify(unmask(plan, masked, sensitive!)) !== JSON.stringify(saved.plan)) {
    throw new CspctlError({
      code: "plan.unsaveable_sensitive_value",
      message: `the plan cannot be saved without a value read from the environment (${sensitive!
        .variables()
        .map((v) => `\${env:${v}}`)
        .join(", ")}): a value begins or ends next to a "\${" in the same text`,
      hint: "run cspctl apply on the estate directly, or change the text around the reference",
    });
  }
  writePrivateFile(path, `${JSON.stringify({ ...saved, plan, ...(masked.length > 0 ? { masked } : {}) }, null, 2)}\n`);
}

/** The saved plan with the values of its masked strings read again from the environment (through the loaded estate). */
export function unmaskSavedPlan(saved: SavedPlan, path: string, sensitive: SensitiveValues | undefined): Plan {
  const pointers = saved.masked ?? [];
  if (pointers.length === 0) return saved.plan;
  if (sensitive === undefined)
    throw new CspctlError({
      code: "plan.unreadable",
      message: `${path} holds values read from the environment, and the estate names none`,
      hint: "make the plan again",
    });
  return unmask(saved.plan, pointers, sensitive);
}

function unmask(plan: Plan, pointers: readonly string[], sensitive: SensitiveValues): Plan {
  const copy = structuredClone(plan) as unknown as Record<string, unknown>;
  for (const pointer of pointers) {
    const keys = pointer
      .split("/")
      .slice(1)
      .map((k) => k.replaceAll("~1", "/").replaceAll("~0", "~"));
    const last = keys.pop();
    let parent: unknown = copy;
    for (const key of keys)
      parent = parent !== null && typeof parent === "object" ? (parent as Record<string, unknown>)[key] : undefined;
    if (
      last === undefined ||
      parent === null ||
      typeof parent !== "object" ||
      typeof (parent as Record<string, unknown>)[last] !== "string"
    ) {
      throw new CspctlError({
        code: "plan.unreadable",
        message: `the saved plan's masked value ${pointer} is missing`,
        hint: "make the plan again with cspctl plan --out FILE",
      });
    }
    const record = parent as Record<string, unknown>;
    record[last] = sensitive.unmask(record[last] as string);
  }
  return copy as unknown as Plan;
}

export function readSavedPlan(path: string): SavedPlan {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new CspctlError({
      code: "plan.unreadable",
      message: `cannot read the saved plan ${path}: ${error instanceof Error ? error.message : String(error)}`,
      hint: "write one with cspctl plan --out FILE",
    });
  }
  const saved = parsed as Partial<SavedPlan>;
  if (
    saved.kind !== "cspctl-plan" ||
    saved.formatVersion !== PLAN_FORMAT_VERSION ||
    saved.plan === undefined ||
    saved.estate === undefined
  ) {
    throw new CspctlError({
      code: "plan.unreadable",
      message: `${path} is not a cspctl plan of format version ${PLAN_FORMAT_VERSION}`,
      hint: "make the plan again with this version of cspctl",
    });
  }
  if (saved.fingerprintCovers !== FINGERPRINT_COVERS) {
    // its fingerprint covers every customer read: compared with this version's it would look like a change in Partner Center
    throw new CspctlError({
      code: "plan.unreadable",
      message: `${path} was saved by an earlier cspctl, whose plan fingerprint covered every customer read; this version's covers the customers the plan changes`,
      hint: "make the plan again with this version of cspctl",
    });
  }
  return saved as SavedPlan;
}
