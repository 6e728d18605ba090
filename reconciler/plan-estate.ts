// Read then plan: the step `cspctl plan`, `cspctl apply`, drift and the Pulumi provider share.
import type { DesiredCustomer, DesiredEstate } from "./model/desired-estate.js";
import { planChanges } from "./plan/plan-changes.js";
import type { Plan } from "./plan/plan.js";
import type { ActualEstate } from "./read/actual-estate.js";
import { readActual, type ReadClient, type ReadOptions } from "./read/read-actual.js";
import { inShard, type Shard } from "./shard.js";

export interface CustomerSelection {
  /** metadata.name values (`--customer`); empty = all. */
  names?: readonly string[];
  /** `--selector k=v` label matches, all must hold. */
  labels?: Readonly<Record<string, string>>;
  /** `--shard i/N`: only the customers whose name hashes to shard i of N (reconciler/shard.ts). */
  shard?: Shard;
}

export function selectCustomers(estate: DesiredEstate, selection: CustomerSelection = {}): DesiredCustomer[] {
  return estate.customers.filter(
    (c) =>
      (selection.names === undefined || selection.names.length === 0 || selection.names.includes(c.name)) &&
      Object.entries(selection.labels ?? {}).every(([k, v]) => c.labels[k] === v) &&
      inShard(c.name, selection.shard),
  );
}

export interface PlanEstateOptions extends Omit<ReadOptions, "now"> {
  selection?: CustomerSelection;
  /** The service's time, for windows given as dates (default: the wall clock). An emulator's clock may differ. */
  now?: () => Date | Promise<Date>;
}

export async function planEstate(client: ReadClient, estate: DesiredEstate, options: PlanEstateOptions = {}): Promise<{ actual: ActualEstate; plan: Plan; customers: DesiredCustomer[] }> {
  const customers = selectCustomers(estate, options.selection);
  const { now: clock, ...readOptions } = options;
  const actual = await readActual(client, customers, readOptions);
  const now = (await clock?.()) ?? new Date(actual.readAt);
  // With --all and a selection, customers declared but not selected are not "unmanaged".
  const plan = planChanges({ customers }, actual, { now, reportUnmanagedCustomers: options.all === true, declaredElsewhere: estate.customers });
  return { actual, plan, customers };
}
