// Read then plan: the step `cspctl plan`, `cspctl apply`, drift and the Pulumi provider share.
import type { SensitiveValues } from "../core/sensitive-values.js";
import type { DesiredCustomer, DesiredEstate } from "./model/desired-estate.js";
import type { PriceBook } from "./money/price-book.js";
import { monthOf, readPrices, type PriceSheetReader } from "./money/read-prices.js";
import { planChanges } from "./plan/plan-changes.js";
import type { Plan } from "./plan/plan.js";
import type { ActualEstate } from "./read/actual-estate.js";
import { readActual, type ReadClient, type ReadOptions } from "./read/read-actual.js";
import { selectionError } from "./selection-error.js";
import { readWithSnapshot, type SnapshotReadClient } from "./snapshot/read-incremental.js";
import { loadSnapshot, writeSnapshot } from "./snapshot/snapshot-file.js";
import { inShard, type Shard } from "./shard.js";

export interface CustomerSelection {
  /** metadata.name values (`--customer`); empty = all. */
  names?: readonly string[];
  /** `--selector k=v` label matches, all must hold. */
  labels?: Readonly<Record<string, string>>;
  /** `--shard i/N`: only the customers whose name hashes to shard i of N (reconciler/shard.ts). */
  shard?: Shard;
}

/**
 * The selected customers. A `--customer` name the estate does not declare, or a `--customer` and
 * `--selector` that together match no declared customer, is a usage error (cli.usage)
 * rather than an empty selection: a typo in CI would otherwise read "No changes" forever. A shard
 * that holds none of the selected customers is not an error (N jobs over fewer customers).
 */
export function selectCustomers(estate: DesiredEstate, selection: CustomerSelection = {}): DesiredCustomer[] {
  const byName = (c: DesiredCustomer): boolean =>
    selection.names === undefined || selection.names.length === 0 || selection.names.includes(c.name);
  const byLabels = (c: DesiredCustomer): boolean =>
    Object.entries(selection.labels ?? {}).every(([k, v]) => c.labels[k] === v);
  const declared = estate.customers.map((c) => c.name);
  const unknown = (selection.names ?? []).filter((n) => !declared.includes(n));
  if (unknown.length > 0)
    throw selectionError({
      message: `--customer ${unknown.join(", ")}: not declared in the estate`,
      typed: unknown[0]!,
      known: declared,
    });
  const matched = estate.customers.filter((c) => byName(c) && byLabels(c));
  const labels = Object.entries(selection.labels ?? {}).map(([k, v]) => `${k}=${v}`);
  if (matched.length === 0 && labels.length > 0) {
    const names = selection.names?.length ? `--customer ${selection.names.join(", ")} with ` : "";
    throw selectionError({
      message: `${names}--selector ${labels.join(", ")}: matches no declared customer`,
      typed: labels[0]!,
      known: labelsInUse(estate),
      what: "labels in use",
    });
  }
  return matched.filter((c) => inShard(c.name, selection.shard));
}

function labelsInUse(estate: DesiredEstate): string[] {
  return [...new Set(estate.customers.flatMap((c) => Object.entries(c.labels).map(([k, v]) => `${k}=${v}`)))].sort();
}

export interface PlanEstateOptions extends Omit<ReadOptions, "now"> {
  selection?: CustomerSelection;
  /** Where price sheets are cached, one file per market and month (the state directory's `price-sheets/`). */
  priceCacheDir?: string;
  /** The service's time, for windows given as dates (default: the wall clock). An emulator's clock may differ. */
  now?: () => Date | Promise<Date>;
  /** Read from and write to a snapshot of actual state (docs/incremental-reads.md); without it every read is full. */
  snapshot?: SnapshotUse;
}

/** Where the snapshot is kept, and how it is used. */
export interface SnapshotUse {
  /** The snapshot file (the state directory's snapshot.json). */
  file: string;
  /** The partner tenant read: a snapshot of another one is refused. */
  partnerTenantId: string;
  /** `--full`: read every customer in full (the snapshot is still written). */
  full?: boolean;
  /** `--max-snapshot-age`: days after a customer's last full read when it is read in full again. */
  maxAgeDays?: number;
  /** The client's Graph URL: delta links elsewhere are not followed. */
  graphUrl?: string;
}

export async function planEstate(
  client: ReadClient & Partial<PriceSheetReader>,
  estate: DesiredEstate,
  options: PlanEstateOptions = {},
): Promise<{ actual: ActualEstate; plan: Plan; customers: DesiredCustomer[]; prices: PriceBook }> {
  const customers = selectCustomers(estate, options.selection);
  const { now: clock, priceCacheDir, snapshot, ...readOptions } = options;
  const read =
    snapshot === undefined
      ? { actual: await readActual(client, customers, readOptions) }
      : // a client without the activity log makes every read full (the log reads as uncertain)
        await readAndKeepSnapshot(client as SnapshotReadClient, customers, snapshot, {
          ...readOptions,
          ...(estate.sensitive ? { sensitive: estate.sensitive } : {}),
          now: (await clock?.()) ?? new Date(),
        });
  const { actual } = read;
  const now = (await clock?.()) ?? new Date(actual.readAt);
  const prices = await readPrices(
    { partnerCenter: client.partnerCenter },
    customers,
    priceCacheDir === undefined ? undefined : { dir: priceCacheDir, month: monthOf(now) },
  );
  // With --all and a selection, customers declared but not selected are not "unmanaged".
  const plan = planChanges({ customers }, actual, {
    now,
    reportUnmanagedCustomers: options.all === true,
    declaredElsewhere: estate.customers,
    prices,
  });
  if ("reads" in read) {
    plan.reads = read.reads;
    plan.warnings.push(...read.warnings);
  }
  return { actual, plan, customers, prices };
}

/** The read from the snapshot (or in full without one), then the new snapshot written; a failed write is a warning. */
async function readAndKeepSnapshot(
  client: SnapshotReadClient,
  customers: readonly DesiredCustomer[],
  use: SnapshotUse,
  options: Omit<ReadOptions, "now"> & { now: Date; sensitive?: SensitiveValues },
): Promise<{ actual: ActualEstate; reads: NonNullable<Plan["reads"]>; warnings: Plan["warnings"] }> {
  const loaded = loadSnapshot(use.file, use.partnerTenantId);
  const result = await readWithSnapshot(client, customers, {
    ...options,
    partnerTenantId: use.partnerTenantId,
    ...(loaded.kind === "loaded" ? { snapshot: loaded.snapshot } : {}),
    ...(loaded.kind === "refused" ? { refusal: loaded.refusal } : {}),
    ...(use.full ? { full: true } : {}),
    ...(use.maxAgeDays === undefined ? {} : { maxAgeDays: use.maxAgeDays }),
    ...(use.graphUrl === undefined ? {} : { graphUrl: use.graphUrl }),
  });
  const warnings = [...result.warnings];
  try {
    writeSnapshot(use.file, result.snapshot);
  } catch (error) {
    warnings.push({
      code: "snapshot.write_failed",
      address: "snapshot",
      message: `the snapshot could not be written to ${use.file} (${error instanceof Error ? error.message : String(error)}): the next run reads every customer in full`,
    });
  }
  return { actual: result.actual, reads: { customers: result.reads }, warnings };
}
