// Builds estates from YAML text through the real loader, and actual states for the planner.
import { mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadEstate } from "../../reconciler/load/load-estate.js";
import type { DesiredEstate } from "../../reconciler/model/desired-estate.js";
import type {
  ActualCustomer,
  ActualEstate,
  ActualSubscription,
  ActualUser,
} from "../../reconciler/read/actual-estate.js";

/** Every .yaml file below `dir`, depth first in directory order. */
export function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? yamlFilesUnder(path) : name.endsWith(".yaml") ? [path] : [];
  });
}

export async function estateFromYaml(yaml: string, env: Record<string, string> = {}): Promise<DesiredEstate> {
  const dir = mkdtempSync(join(tmpdir(), "cspctl-estate-"));
  writeFileSync(join(dir, "estate.yaml"), yaml);
  const result = await loadEstate(dir, { cwd: dir, env });
  if (!result.valid)
    throw new Error(
      `fixture estate is invalid:\n${result.diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`).join("\n")}`,
    );
  return result.estate;
}

export function actualSubscription(
  overrides: Partial<ActualSubscription> & Pick<ActualSubscription, "id" | "offerId">,
): ActualSubscription {
  return {
    quantity: 10,
    term: "P1Y",
    billing: "monthly",
    autoRenew: true,
    status: "active",
    friendlyName: null,
    poNumber: null,
    parentSubscriptionId: null,
    isTrial: false,
    termEndDate: "2027-11-01T00:00:00Z",
    refundableQuantity: 0,
    refundableBatches: [],
    cancellationAllowedUntil: null,
    scheduledNextTerm: null,
    ...overrides,
  };
}

export function actualUser(upn: string, overrides: Partial<ActualUser> = {}): ActualUser {
  return {
    id: `id-${upn}`,
    userPrincipalName: upn,
    displayName: "",
    firstName: null,
    lastName: null,
    usageLocation: "US",
    enabled: true,
    licenses: [],
    ...overrides,
  };
}

export function actualCustomer(overrides: Partial<ActualCustomer> & Pick<ActualCustomer, "domain">): ActualCustomer {
  return {
    id: `tenant-${overrides.domain}`,
    companyName: overrides.domain,
    billing: null,
    qualifications: [],
    subscriptions: [],
    subscribedSkus: [],
    users: [],
    ...overrides,
  };
}

export function actualEstate(customers: ActualCustomer[], extra: Partial<ActualEstate> = {}): ActualEstate {
  return { readAt: "2026-11-23T00:00:00Z", customers, unknown: [], invitations: [], ...extra };
}
