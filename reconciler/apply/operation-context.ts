// What an apply operation is given and returns: the client, the customer's run state (ids of objects
// earlier steps created) and the credentials sink. Shared by every operation module.
import type { CspClient } from "../../client/index.js";
import { CspctlError } from "../../core/errors.js";
import type { DesiredCustomer } from "../model/desired-estate.js";
import type { PlanStep } from "../plan/plan.js";
import type { CredentialSink } from "./credentials.js";
import type { DuplicatePurchase } from "./purchase-guard.js";

export type ApplyClient = Pick<CspClient, "partnerCenter" | "graph"> & Partial<Pick<CspClient, "gdap">>;

/** What one customer's run knows so far: ids of objects created by earlier steps. */
export interface CustomerRunState {
  desired: DesiredCustomer;
  customerId: string | undefined;
  subscriptionIds: Map<string, string>;
  userIds: Map<string, string>;
  /** The tenant was created by this run: Partner Center may answer 404/60003 for a few minutes. */
  freshTenant?: boolean;
  /** Offer (lower case) → purchases this run checked out for it, so the purchase guard does not count them as someone else's. */
  checkedOut?: Map<string, number>;
  /** Offer (lower case) → create-subscription steps the plan holds for it: more new subscriptions than that is a duplicate. */
  purchasesPlanned?: Map<string, number>;
  /** Duplicate purchases found by the read-back after a purchase. */
  duplicates?: DuplicatePurchase[];
}

export interface OperationContext {
  client: ApplyClient;
  state: CustomerRunState;
  credentials: CredentialSink;
}

// biome-ignore lint/suspicious/noConfusingVoidType: an operation that reports nothing returns nothing
export type Operation = (step: PlanStep, ctx: OperationContext) => Promise<Record<string, unknown> | void>;

export function customerId(ctx: OperationContext): string {
  if (ctx.state.customerId === undefined)
    throw new CspctlError({
      code: "apply.missing_dependency",
      message: "the customer does not exist yet",
      hint: "its create-customer step must succeed first",
    });
  return ctx.state.customerId;
}
