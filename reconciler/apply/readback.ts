// Read back what a write changed: Partner Center answering 200 is not proof that the object now
// holds the value (an asynchronous 202, a silent clamp, a concurrent change). A difference is the
// step's failure `apply.readback_mismatch`, naming the fields, so a run never reports a change it
// did not make.
import type { Subscription, SubscriptionChange } from "../../client/types.js";
import { CspctlError } from "../../core/errors.js";

export class ReadbackMismatchError extends CspctlError {
  constructor(address: string, differences: string[]) {
    super({
      code: "apply.readback_mismatch",
      address,
      message: `the write was accepted, but reading it back shows ${differences.join("; ")}`,
      hint: "Partner Center may still be applying it, or someone changed it at the same time: run cspctl plan to see the state now, then apply again",
    });
  }
}

/** The fields of `change` that `actual` does not hold, as `field: wanted X, read Y`. */
export function subscriptionDifferences(change: SubscriptionChange, actual: Subscription): string[] {
  const differences: string[] = [];
  const compare = (field: string, wanted: unknown, read: unknown): void => {
    if (wanted !== undefined && wanted !== read)
      differences.push(`${field}: wanted ${JSON.stringify(wanted)}, read ${JSON.stringify(read)}`);
  };
  compare("quantity", change.quantity, actual.quantity);
  compare("status", change.status, actual.status.toLowerCase());
  compare("friendlyName", change.friendlyName, actual.friendlyName);
  compare("autoRenewEnabled", change.autoRenewEnabled, actual.autoRenewEnabled);
  if (change.scheduledNextTerm === null && actual.scheduledNextTerm != null)
    differences.push("scheduledNextTerm: wanted none, read one");
  if (change.scheduledNextTerm) {
    compare("scheduledNextTerm.quantity", change.scheduledNextTerm.quantity, actual.scheduledNextTerm?.quantity);
    compare(
      "scheduledNextTerm.termDuration",
      change.scheduledNextTerm.termDuration,
      actual.scheduledNextTerm?.termDuration,
    );
  }
  return differences;
}

export function checkLicenses(
  address: string,
  skuId: string,
  present: boolean,
  assigned: readonly { skuId: string }[],
): void {
  const has = assigned.some((l) => l.skuId.toLowerCase() === skuId.toLowerCase());
  if (has !== present)
    throw new ReadbackMismatchError(address, [
      `licence ${skuId}: wanted ${present ? "assigned" : "removed"}, read ${has ? "assigned" : "not assigned"}`,
    ]);
}
