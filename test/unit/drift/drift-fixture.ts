// A drift report made the real way (loader → planChanges → computeDrift) from an estate of N
// customers and an actual state with every kind of difference; no HTTP, so it scales to 500.
import { findLicenseSku } from "../../../core/catalog.js";
import { computeDrift } from "../../../reconciler/drift/compute-drift.js";
import type { DriftReport } from "../../../reconciler/drift/drift-report.js";
import type { DesiredEstate } from "../../../reconciler/model/desired-estate.js";
import { planChanges } from "../../../reconciler/plan/plan-changes.js";
import type { ActualCustomer } from "../../../reconciler/read/actual-estate.js";
import {
  actualCustomer,
  actualEstate,
  actualSubscription,
  actualUser,
  estateFromYaml,
} from "../../helpers/estate-fixtures.js";

const NOW = new Date("2026-11-23T00:00:00Z");
const SPB = findLicenseSku("SPB")!.skuId;

function customerYaml(i: number): string {
  const name = `cust${String(i).padStart(3, "0")}`;
  return `apiVersion: cspctl/v1
kind: Customer
metadata: { name: ${name} }
spec:
  company: { name: Customer ${i}, domain: ${name}.onmicrosoft.com, country: US }
  tenant: { mode: link }
  subscriptions:
    - name: bp
      offer: CFQ7TTC0LCHC:0002
      term: P1Y
      billing: monthly
      quantity: 3
  users:
    - { userPrincipalName: ann@${name}.onmicrosoft.com, firstName: Ann, lastName: Lee, usageLocation: US, licenses: [{ subscription: bp }] }
    - { userPrincipalName: bo@${name}.onmicrosoft.com, firstName: Bo, lastName: Ng, usageLocation: US, licenses: [{ subscription: bp }] }
${i % 2 === 1 ? `  policy:\n    ignore:\n      - { path: "users[ann@${name}.onmicrosoft.com].lastName", reason: "legal name change pending", until: 2099-01-01 }\n` : ""}`;
}

function actualFor(i: number): ActualCustomer {
  const name = `cust${String(i).padStart(3, "0")}`;
  const domain = `${name}.onmicrosoft.com`;
  return actualCustomer({
    domain,
    subscriptions: [
      actualSubscription({ id: `sub-${i}`, offerId: "CFQ7TTC0LCHC:0002", quantity: 5, refundableQuantity: 2 }),
      actualSubscription({
        id: `trial-${i}`,
        offerId: "CFQ7TTC0LH18:0001",
        quantity: 25,
        isTrial: true,
        autoRenew: false,
        billing: "none",
        term: "P1M",
        termEndDate: "2026-11-30T00:00:00Z",
      }),
    ],
    subscribedSkus: [{ skuId: SPB, skuPartNumber: "SPB", activeUnits: 5, consumedUnits: 2, suspendedUnits: 0 }],
    users: [
      actualUser(`ann@${domain}`, {
        firstName: "Ann",
        lastName: "Lee-Smith",
        displayName: "Ann Lee",
        licenses: [{ skuId: SPB, disabledPlans: [] }],
      }),
      actualUser(`eve@${domain}`, {
        firstName: "Eve",
        lastName: "Out",
        displayName: "Eve Out",
        licenses: [{ skuId: SPB, disabledPlans: [] }],
      }),
    ],
  });
}

export async function driftFixture(
  count: number,
): Promise<{ estate: DesiredEstate; report: DriftReport; yaml: string }> {
  const yaml = Array.from({ length: count }, (_, i) => customerYaml(i)).join("---\n");
  const estate = await estateFromYaml(yaml);
  const customers = Array.from({ length: count }, (_, i) => actualFor(i));
  const unknownName = `cust${String(count - 1).padStart(3, "0")}`;
  const actual = actualEstate(
    customers
      .slice(0, -1)
      .concat([{ ...customers[count - 1]!, subscriptions: null, subscribedSkus: null, users: null }]),
    { unknown: [{ address: `customer:${unknownName}`, cause: "503 Service Unavailable" }] },
  );
  const plan = planChanges(estate, actual, { now: NOW });
  return {
    estate,
    yaml,
    report: computeDrift({ plan, actual, customers: estate.customers, locate: (a, f) => estate.locate(a, f) }),
  };
}
