// What a step's writes mean, as the canonical text their MS-RequestIds are derived from (see
// client/idempotency.ts and docs/idempotency.md). Built only from what every process that read the
// same state and planned the same estate holds alike: never the run, the clock or the plan file.
import { randomUUID } from "node:crypto";
import { canonicalJson } from "../plan/canonical-json.js";
import type { PlanStep } from "../plan/plan.js";
import type { CustomerRunState } from "./operation-context.js";

/**
 * The customer (its Partner Center id once known, so a plan made before and one made after the
 * tenant existed agree), the object's address, the action, the values read before and wanted after,
 * for a purchase the subscriptions and orders of the offer that existed when it was planned (so a
 * later, second purchase of the same offer is a new write), and the attempt (a fresh tenant's "not
 * found" is an answer Partner Center replays, so the next attempt needs its own key).
 *
 * create-user is the exception: its body carries a password this run chose (or read from this run's
 * environment), so two runs are two different writes, and the user name's uniqueness makes Partner
 * Center refuse the second (409). Its meaning holds a random value instead of anything derived from
 * the password, so no key ever helps guess one.
 */
export function writeMeaning(step: PlanStep, state: CustomerRunState, attempt: number): string {
  return canonicalJson({
    customerId: state.customerId?.toLowerCase() ?? null,
    address: step.address,
    action: step.action,
    before: step.before,
    after: step.after,
    sameOffer:
      step.target.knownSameOffer === undefined
        ? null
        : [...step.target.knownSameOffer].map((id) => id.toLowerCase()).sort(),
    attempt,
    ...(step.action === "create-user" ? { run: randomUUID() } : {}),
  });
}
