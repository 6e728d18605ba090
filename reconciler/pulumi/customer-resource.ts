// The Customer resource: create (tenant mode create) or invite (mode link) through the planner's
// customer steps. Partner Center cannot delete a customer, so delete only forgets it.
import { CspctlError } from "../../core/errors.js";
import { customerAddress } from "../model/address.js";
import type { PlanStep } from "../plan/plan.js";
import type { ActualCustomer } from "../read/actual-estate.js";
import { withResourceClient } from "./resource-connection.js";
import { customerDocument, loadCustomerDocument, requireCustomerDocument } from "./resource-estate.js";
import {
  changedKeys,
  isPending,
  pendingDiff,
  only,
  outputsOf,
  PENDING_PREFIX,
  replacedPaths,
  type ResourceHandler,
} from "./resource-handler.js";
import type { CustomerInputs, Inputs, Outputs } from "./resource-inputs.js";
import { applySlice, notWrittenReason, passwordSet, planSlice, type SliceResult } from "./reconcile-slice.js";
import { containsUnknown } from "./unknown-values.js";

const CUSTOMER_INPUT_KEYS = [
  "name",
  "labels",
  "company",
  "tenant",
  "resellerOfRecord",
  "billing",
  "contacts",
  "salesReps",
  "policy",
] as const;
/** Partner Center keeps a customer's domain and tenant for good: a change is another customer. */
const CUSTOMER_REPLACES = ["company.domain", "tenant.mode", "tenant.id"];

const customerSteps =
  (address: string) =>
  (step: PlanStep): boolean =>
    step.address === address || step.address === `${address}/qualification`;

async function reconcile(inputs: CustomerInputs, expectId?: string): Promise<{ id: string; outs: Outputs }> {
  const address = customerAddress(inputs.name);
  const desired = await requireCustomerDocument(customerDocument(inputs), address);
  return withResourceClient(async (client) => {
    const result: SliceResult = await applySlice(client, await planSlice(client, desired, customerSteps(address)));
    const after = await planSlice(client, desired, customerSteps(address));
    const admin = passwordSet(result, address);
    const invitationUrl = result.outcomes.map((o) => o.detail?.invitationUrl).find((u) => typeof u === "string");
    if (after.customer === undefined) {
      const why = notWrittenReason(after);
      if (why === undefined)
        throw new CspctlError({
          code: "provider.not_converged",
          address,
          message: `${address} is still missing from Partner Center after apply`,
          hint: "run pulumi up again; if it persists, run cspctl plan to see why",
        });
      return {
        id: expectId ?? `${PENDING_PREFIX}${address}`,
        outs: outputsOf(
          inputs as unknown as Inputs,
          address,
          why.status,
          { customerId: null, ...(invitationUrl ? { invitationUrl } : {}) },
          why.reason,
        ),
      };
    }
    if (expectId !== undefined && !isPending(expectId) && expectId !== after.customer.id) {
      throw new CspctlError({
        code: "provider.identity_changed",
        address,
        message: `${address} now matches Partner Center customer ${after.customer.id}, not ${expectId}`,
        hint: "the domain or tenant changed: that is another customer; replace the resource",
      });
    }
    return {
      id: after.customer.id,
      outs: outputsOf(inputs as unknown as Inputs, address, "exists", {
        ...computed(after.customer),
        ...(admin ? { adminUserName: admin.userName, adminPassword: admin.password } : {}),
      }),
    };
  });
}

function computed(actual: ActualCustomer): Record<string, unknown> {
  return { customerId: actual.id, domain: actual.domain, companyName: actual.companyName };
}

export const customerHandler: ResourceHandler = {
  async check(_olds, news) {
    if (containsUnknown(news)) return { inputs: news };
    const loaded = await loadCustomerDocument(customerDocument(only<CustomerInputs>(news, CUSTOMER_INPUT_KEYS)));
    return loaded.valid ? { inputs: news } : { inputs: news, failures: loaded.failures };
  },
  async diff(id, olds, news) {
    const changed = changedKeys(CUSTOMER_INPUT_KEYS, olds, news);
    const replaces = replacedPaths(CUSTOMER_REPLACES, olds, news);
    if (replaces.length > 0) return { changes: true, replaces };
    if (isPending(id))
      return pendingDiff(
        olds,
        news,
        CUSTOMER_INPUT_KEYS,
        () => customerDocument(only<CustomerInputs>(news, CUSTOMER_INPUT_KEYS)),
        customerSteps(customerAddress(String(news.name))),
      );
    return { changes: changed.length > 0 };
  },
  create: (inputs) => reconcile(only<CustomerInputs>(inputs, CUSTOMER_INPUT_KEYS)),
  async update(id, olds, news) {
    const { outs } = await reconcile(only<CustomerInputs>(news, CUSTOMER_INPUT_KEYS), id);
    // A tenant's first admin password exists only at creation: keep it.
    return {
      outs: {
        ...(olds.adminPassword ? { adminUserName: olds.adminUserName, adminPassword: olds.adminPassword } : {}),
        ...outs,
      },
    };
  },
  async read(id, props) {
    if (isPending(id)) return { id, props };
    const inputs = only<CustomerInputs>(props, CUSTOMER_INPUT_KEYS);
    const desired = await requireCustomerDocument(customerDocument(inputs), customerAddress(inputs.name));
    return withResourceClient(async (client) => {
      const slice = await planSlice(client, desired, () => false);
      if (slice.customer === undefined || slice.customer.id !== id) return {};
      const billing = slice.customer.billing;
      const refreshed: CustomerInputs =
        billing && inputs.billing
          ? {
              ...inputs,
              billing: {
                ...inputs.billing,
                email: billing.email,
                firstName: billing.firstName,
                lastName: billing.lastName,
              },
            }
          : inputs;
      return {
        id,
        props: { ...props, ...computed(slice.customer), ...refreshed },
        inputs: refreshed as unknown as Inputs,
      };
    });
  },
  // Partner Center has no customer deletion outside its integration sandbox (Partner Center docs: delete-a-customer-account-from-the-integration-sandbox): the customer stays, and leaves Pulumi's state.
  async delete() {},
};
