// Licence utilisation per declared customer: seats purchased vs assigned vs unused per active paid
// subscription. A SKU's assigned seats (Partner Center's consumedUnits) are counted against the
// partner's subscriptions of that SKU in order, first filling each; seats bought through other
// channels are not the partner's and are not counted as waste. A subscription whose assigned seats
// cannot be known (its offer has no licence SKU in the catalog, or the tenant does not list that SKU
// yet) is left out: counting its seats as unused would be false waste.
import { findOffer } from "../../core/catalog.js";
import { subscriptionAddress } from "../model/address.js";
import type { DesiredCustomer } from "../model/desired-estate.js";
import { matchCustomer, matchSubscriptions } from "../plan/match.js";
import type { ActualEstate } from "../read/actual-estate.js";
import type { CustomerUtilisation, DriftFinding, SubscriptionUtilisation } from "./drift-report.js";
import { locateFinding, type Locate } from "./locate-finding.js";

/** The embedded catalog has no prices today; an offer gains one as `unitPrice` (monthly, per seat). */
function unitPriceOf(offerId: string): number | null {
  const offer = findOffer(offerId) as { unitPrice?: unknown } | undefined;
  return typeof offer?.unitPrice === "number" ? offer.unitPrice : null;
}

export function computeUtilisation(customers: readonly DesiredCustomer[], actual: ActualEstate): CustomerUtilisation[] {
  const result: CustomerUtilisation[] = [];
  for (const desired of customers) {
    const have = matchCustomer(desired, actual.customers);
    if (have?.subscriptions == null || have.subscribedSkus === null) continue;
    const { matched } = matchSubscriptions(desired.address, desired.subscriptions, have.subscriptions);
    const nameOf = new Map([...matched].map(([name, s]) => [s.id, name]));
    const consumedLeft = new Map(have.subscribedSkus.map((s) => [s.skuId.toLowerCase(), s.consumedUnits]));
    const rows: SubscriptionUtilisation[] = [];
    const notMeasured: string[] = [];
    for (const sub of have.subscriptions) {
      if (sub.status !== "active" || sub.isTrial) continue;
      const offer = findOffer(sub.offerId);
      const skuId = offer?.licenseSkuId?.toLowerCase();
      const left = skuId === undefined ? undefined : consumedLeft.get(skuId);
      const name = nameOf.get(sub.id);
      const address = name ? subscriptionAddress(desired.name, name) : `${desired.address}/subscription:${sub.id}`;
      if (skuId === undefined || left === undefined) {
        notMeasured.push(address);
        continue;
      }
      const assigned = Math.min(sub.quantity, left);
      consumedLeft.set(skuId, left - assigned);
      const unitPrice = unitPriceOf(sub.offerId);
      const unused = sub.quantity - assigned;
      rows.push({
        address,
        subscriptionId: sub.id,
        offer: sub.offerId,
        skuPartNumber: offer?.skuPartNumber ?? null,
        purchased: sub.quantity,
        assigned,
        unused,
        unitPrice,
        wasteMoney: unitPrice === null ? null : unitPrice * unused,
      });
    }
    rows.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
    result.push({
      customer: desired.name,
      subscriptions: rows,
      notMeasured: notMeasured.sort(),
      purchased: sum(rows.map((r) => r.purchased)),
      assigned: sum(rows.map((r) => r.assigned)),
      unused: sum(rows.map((r) => r.unused)),
      wasteMoney: rows.some((r) => r.wasteMoney !== null) ? sum(rows.map((r) => r.wasteMoney ?? 0)) : null,
    });
  }
  return result;
}

/** One finding per subscription with unused seats. */
export function utilisationFindings(
  utilisation: readonly CustomerUtilisation[],
  locate: Locate | undefined,
): DriftFinding[] {
  return utilisation.flatMap((c) =>
    c.subscriptions
      .filter((s) => s.unused > 0)
      .map(
        (s): DriftFinding => ({
          id: `utilisation:${s.address}`,
          category: "utilisation",
          severity: "note",
          address: s.address,
          customer: c.customer,
          message: `${s.unused} of ${s.purchased} seats unused (${s.assigned} assigned)${s.wasteMoney !== null ? `, ${s.wasteMoney.toFixed(2)} a month` : ""}`,
          before: { purchased: s.purchased, assigned: s.assigned, unused: s.unused },
          after: null,
          changedFields: [],
          fix: s.address.endsWith(`/subscription:${s.subscriptionId}`)
            ? { note: "not declared: declare it first (see its unmanaged finding), then assign or lower its seats" }
            : s.assigned === 0
              ? // a subscription has at least one seat: none in use means cancelling it, or letting it end
                {
                  note: "no seat is in use: assign the seats to users, cancel it within 7 days of a purchase (state: cancelled), or let it end with its term (autoRenew: false)",
                }
              : {
                  yaml: `quantity: ${s.assigned}   # within 7 days of a purchase, or: renewal: { quantity: ${s.assigned} }`,
                  note: "assign the seats to users, or lower the quantity (at renewal when outside the 7-day window)",
                },
          source: locateFinding(locate, s.address, ["quantity"]),
        }),
      ),
  );
}

export function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
