// How apply checks a saved plan, or one confirmed at the prompt, against Partner Center again before
// the first write: read again only the customers the plan changes, and plan them again.
import type { DesiredCustomer } from "../model/desired-estate.js";
import type { PriceBook } from "../money/price-book.js";
import { customersChangedBy } from "../plan/fingerprint.js";
import { planChanges } from "../plan/plan-changes.js";
import type { Plan } from "../plan/plan.js";
import { readActual, type ReadClient, type ReadOptions } from "../read/read-actual.js";
import type { ApplyOptions } from "./apply-plan.js";

export interface RecheckOptions {
  client: ReadClient;
  /** The customers the plan was made for (the selection); only those it has steps for are read. */
  customers: readonly DesiredCustomer[];
  /** Every customer the estate declares, as planning was told. */
  declaredElsewhere: readonly DesiredCustomer[];
  now: () => Date | Promise<Date>;
  all?: boolean;
  invitations?: ReadOptions["invitations"];
  /** The costs the plan was priced from: the plan made again is priced (and its spend checked) the same way. */
  prices?: PriceBook;
}

export function recheckPlan(
  plan: Pick<Plan, "steps">,
  options: RecheckOptions,
): Required<Pick<ApplyOptions, "reread" | "replan">> {
  const customers = customersChangedBy(plan, options.customers);
  const all = options.all === true;
  return {
    reread: () =>
      readActual(options.client, customers, {
        all,
        ...(options.invitations === undefined ? {} : { invitations: options.invitations }),
      }),
    replan: async (actual) =>
      planChanges({ customers }, actual, {
        now: await options.now(),
        reportUnmanagedCustomers: all,
        declaredElsewhere: options.declaredElsewhere,
        ...(options.prices === undefined ? {} : { prices: options.prices }),
      }),
  };
}
