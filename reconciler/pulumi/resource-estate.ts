// A resource's inputs as a one-customer estate document, loaded by the same loader (schema, profile
// and semantic checks) as a YAML estate: one path for validation. The document holds the customer
// and only the objects the resource needs; the planner then acts on that slice.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CspctlError } from "../../core/errors.js";
import { literalData } from "../load/env-substitution.js";
import { loadEstate } from "../load/load-estate.js";
import type { Diagnostic } from "../model/diagnostic.js";
import type { DesiredCustomer } from "../model/desired-estate.js";
import type { License, Policy, Subscription, User } from "../model/estate.generated.js";
import type { CheckFailure, CustomerInputs, SubscriptionSpec, UserSpec } from "./resource-inputs.js";

export interface SliceParts {
  subscription?: SubscriptionSpec;
  /** Makes `subscription` an add-on of this base. */
  base?: SubscriptionSpec;
  user?: UserSpec;
  license?: License;
  /** Replaces the customer's prune settings (default: prune nothing, so a slice never touches its siblings). */
  prune?: NonNullable<Policy["prune"]>;
}

export interface CustomerDocument {
  document: Record<string, unknown>;
  /** Document path → the resource input it came from, for messages. */
  paths: [string, string][];
}

const NO_PRUNE = { users: false, licenses: false, subscriptions: false };

export function customerDocument(customer: CustomerInputs, parts: SliceParts = {}): CustomerDocument {
  const { name, labels, policy, ...spec } = customer;
  const paths: [string, string][] = [];
  const subscriptions: Subscription[] = [];
  if (parts.subscription && parts.base) {
    subscriptions.push({ ...parts.base, addons: [parts.subscription] });
    paths.push(["spec.subscriptions[0].addons[0]", "subscription"], ["spec.subscriptions[0]", "base"]);
  } else if (parts.subscription) {
    subscriptions.push({ ...parts.subscription });
    paths.push(["spec.subscriptions[0]", "subscription"]);
  }
  const users: User[] = [];
  if (parts.user) {
    users.push({ ...parts.user, licenses: parts.license ? [parts.license] : [] });
    paths.push(["spec.users[0].licenses[0]", "license"], ["spec.users[0]", "user"]);
  }
  paths.push(["spec.", "customer."], ["metadata.", "customer."]);
  const document = {
    apiVersion: "cspctl/v1",
    kind: "Customer",
    metadata: { name, ...(labels ? { labels } : {}) },
    spec: {
      ...spec,
      ...(subscriptions.length ? { subscriptions } : {}),
      ...(users.length ? { users } : {}),
      policy: { ...policy, prune: parts.prune ?? NO_PRUNE },
    },
  };
  return { document, paths };
}

export type LoadedSlice = { valid: true; customer: DesiredCustomer } | { valid: false; failures: CheckFailure[] };

/** Loads the document through loadEstate; a temporary folder holds it only while the loader reads it. */
export async function loadCustomerDocument(
  built: CustomerDocument,
  env: NodeJS.ProcessEnv = process.env,
): Promise<LoadedSlice> {
  const dir = mkdtempSync(join(tmpdir(), "cspctl-resource-"));
  try {
    // JSON is YAML, so the loader reads it unchanged; indentation keeps line numbers meaningful. A
    // program's strings are values, never ${env:} references (only a password may name a variable).
    writeFileSync(join(dir, "resource.yaml"), JSON.stringify(literalData(built.document), null, 2));
    const result = await loadEstate(dir, { cwd: dir, env });
    if (!result.valid)
      return {
        valid: false,
        failures: result.diagnostics.filter((d) => d.severity === "error").map((d) => toFailure(d, built.paths)),
      };
    const [customer] = result.estate.customers;
    if (customer === undefined) throw new Error("the loader returned no customer for a Customer document");
    return { valid: true, customer };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Like loadCustomerDocument, but invalid inputs throw one error listing every problem. */
export async function requireCustomerDocument(built: CustomerDocument, address: string): Promise<DesiredCustomer> {
  const loaded = await loadCustomerDocument(built);
  if (loaded.valid) return loaded.customer;
  throw new CspctlError({
    code: "provider.invalid_inputs",
    address,
    message: `${address}: ${loaded.failures.map((f) => f.reason).join("; ")}`,
    hint: "fix the resource's inputs; they follow schemas/estate.schema.json like a YAML estate",
  });
}

function toFailure(diagnostic: Diagnostic, paths: readonly [string, string][]): CheckFailure {
  let message = diagnostic.message;
  for (const [from, to] of paths) message = message.split(from).join(to);
  const property = /^(customer|subscription|base|user|license)\b/.exec(message)?.[1] ?? "";
  return { property, reason: `${diagnostic.code}: ${message}${diagnostic.hint ? ` (${diagnostic.hint})` : ""}` };
}
