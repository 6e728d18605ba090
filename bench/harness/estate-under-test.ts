// A generated estate, loaded, with its own emulator process: the linked tenants seeded as existing
// customers (with their multi-channel SKU), and optionally the whole estate applied once, so that
// plans read a full Partner Center. Also the minimum number of reads a plan of it needs.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient, type CspClient, type Throttle, type ThrottlePolicy } from "../../client/index.js";
import type { ApplyReport } from "../../reconciler/apply/apply-report.js";
import { discardingCredentialSink } from "../../reconciler/apply/credentials.js";
import { localLockBackend } from "../../reconciler/lock/local-lock.js";
import { loadEstate } from "../../reconciler/load/load-estate.js";
import type { DesiredCustomer, DesiredEstate } from "../../reconciler/model/desired-estate.js";
import { reconcile } from "../../reconciler/reconcile.js";
import { generateEstate, MULTI_CHANNEL_SKU, writeEstate, type EstateShape } from "../estate/generate-estate.js";
import { startEmulatorProcess, type EmulatorProcess } from "./emulator-process.js";
import { seedFromDesired } from "./seed-from-desired.js";

/** Customers read concurrently by readActual; the client's maxConcurrency caps requests in flight. */
export const READ_CONCURRENCY = 16;
/**
 * Requests in flight, and customers the plan scenarios read at once. readActual reads a customer's orders before its
 * subscriptions (by design), so a customer has 3 requests in flight, then 1: 16 customers average
 * 32 only when every request takes exactly the latency, and leave the cap of 32 idle whenever they
 * do not. With as many customers as slots the cap stays full (the throttle queues the rest), and
 * requests in flight never exceed IN_FLIGHT, which the bound is computed with. So IN_FLIGHT is both
 * the client's cap and the number of customers the plan scenarios read at once.
 */
export const IN_FLIGHT = 32;
/** Partner Center's page sizes as the client asks for them. */
const CUSTOMER_PAGE = 500;
const GRAPH_USER_PAGE = 999;

export const UNPACED: ThrottlePolicy = { requestsPerSecond: 100_000, burst: 100_000, maxConcurrency: IN_FLIGHT };

export interface EstateUnderTest {
  estate: DesiredEstate;
  emulator: EmulatorProcess;
  /** Customers in the partner's list (declared ones that exist, after setup). */
  partnerCustomers: number;
  client(throttle: ThrottlePolicy | Throttle): CspClient;
  close(): Promise<void>;
}

/**
 * `persistent`: the emulator keeps its state in a --emulator-dir of its own (removed on close).
 * `seedOnly` (with `applied`): the estate's customers and subscriptions are seeded but not applied.
 * `startAt`: the emulator clock is set there before anything is seeded (purchases date from it).
 */
export async function prepareEstate(
  shape: EstateShape,
  options: { applied: boolean; persistent?: boolean; seedOnly?: boolean; startAt?: string },
): Promise<EstateUnderTest> {
  const root = mkdtempSync(join(tmpdir(), "cspctl-bench-http-"));
  const generated = generateEstate(shape);
  writeEstate(generated, root);
  const loaded = await loadEstate(root, { cwd: root, env: {} });
  rmSync(root, { recursive: true, force: true });
  if (!loaded.valid)
    throw new Error(`bench: the generated estate does not load: ${JSON.stringify(loaded.diagnostics.slice(0, 3))}`);
  const dataDir = options.persistent === true ? mkdtempSync(join(tmpdir(), "cspctl-bench-data-")) : undefined;
  const removeDataDir = (): void => void (dataDir !== undefined && rmSync(dataDir, { recursive: true, force: true }));
  const emulator = await startEmulatorProcess(dataDir);
  const client = (throttle: ThrottlePolicy | Throttle): CspClient =>
    createClient({ env: { ...emulator.env }, throttle, poll: { intervalMs: 20, timeoutMs: 120_000 } });
  try {
    if (options.startAt !== undefined) await emulator.moveClock({ now: options.startAt });
    if (options.applied) {
      // everything in one seed, then apply what a seed cannot say (billing contact names)
      for (const body of seedFromDesired(loaded.estate, emulator.env.CSPCTL_TENANT_ID!, generated.linkedTenants))
        await emulator.seed(body);
      if (options.seedOnly !== true) await applyEstate(client(UNPACED), loaded.estate);
    } else {
      await emulator.seed({
        partners: [
          {
            tenantId: emulator.env.CSPCTL_TENANT_ID,
            customers: generated.linkedTenants.map((t) => ({
              domain: t.domain,
              companyName: t.companyName,
              subscribedSkus: [{ skuPartNumber: MULTI_CHANNEL_SKU, enabledUnits: t.otherChannelUnits }],
            })),
          },
        ],
      });
    }
  } catch (error) {
    await emulator.close();
    removeDataDir();
    throw error;
  }
  return {
    estate: loaded.estate,
    emulator,
    partnerCustomers: options.applied ? loaded.estate.customers.length : generated.linkedTenants.length,
    client,
    close: () => emulator.close().finally(removeDataDir),
  };
}

/**
 * `cspctl apply --yes` as the bench runs it: reconcile() with the local lock (in a folder of its own)
 * and generated passwords kept in memory only (the report lists them as not saved).
 */
export async function reconcileEstate(
  client: CspClient,
  estate: DesiredEstate,
  concurrency = READ_CONCURRENCY,
  readConcurrency = concurrency,
): Promise<ApplyReport> {
  const stateDir = mkdtempSync(join(tmpdir(), "cspctl-bench-lock-"));
  try {
    const { plan, report } = await reconcile({
      client,
      estate,
      concurrency,
      readConcurrency,
      credentials: discardingCredentialSink(),
      lock: { backend: localLockBackend({ stateDir }), timeoutMs: 0 },
    });
    return (
      report ?? {
        fingerprint: plan.fingerprint,
        outcomes: [],
        summary: { applied: 0, failed: 0, skipped: 0, "not-started": 0 },
        credentials: { saved: 0, notSaved: [] },
      }
    );
  } finally {
    rmSync(stateDir, { recursive: true, force: true });
  }
}

/** Plans and applies the whole estate; throws unless every step applied. */
async function applyEstate(
  client: CspClient,
  estate: DesiredEstate,
  concurrency = READ_CONCURRENCY,
): Promise<{ steps: number; byAction: Record<string, number> }> {
  try {
    const report = await reconcileEstate(client, estate, concurrency);
    const failed = report.outcomes.filter((o) => o.outcome !== "applied");
    if (failed.length > 0)
      throw new Error(
        `bench: applying the generated estate left ${failed.length} step(s) not applied, first: ${JSON.stringify(failed[0])}`,
      );
    const byAction: Record<string, number> = {};
    for (const o of report.outcomes) byAction[o.action] = (byAction[o.action] ?? 0) + 1;
    return { steps: report.outcomes.length, byAction };
  } finally {
    await client.close();
  }
}

/**
 * The fewest reads a plan can make and still see everything it compares: the partner's customer
 * list (pages of 500), then per existing declared customer its subscriptions, its orders (lines
 * still provisioning have no subscription yet), its licence SKUs (seat capacity, incl. other
 * channels), its users with licences (pages of 999), and its billing profile and qualifications
 * when the estate declares them.
 */
export function minimumReads(existing: readonly DesiredCustomer[], partnerCustomers: number): number {
  let reads = Math.max(1, Math.ceil(partnerCustomers / CUSTOMER_PAGE));
  for (const c of existing) {
    reads += 3 + Math.max(1, Math.ceil(c.users.length / GRAPH_USER_PAGE));
    if (c.billing !== undefined) reads += 1;
    if (c.company.qualification === "education" || c.company.qualification === "government") reads += 1;
  }
  return reads;
}

export function customerListPages(partnerCustomers: number): number {
  return Math.max(1, Math.ceil(partnerCustomers / CUSTOMER_PAGE));
}
