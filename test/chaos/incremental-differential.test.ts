// The proof that reading from a snapshot is safe (docs/incremental-reads.md): from a snapshot, rounds
// of seeded random out-of-band changes of every kind — Partner Center writes with another client
// than cspctl's (raw HTTP with a user token), portal changes through the control API, Graph writes in
// the customer tenants, GDAP relationships ended or approved by the customer, and clock moves past
// term ends, trial ends, cancellation and seat-reduction windows and the expired/disabled lifecycle —
// then an incremental plan (from the snapshot, writing the next one) and a full plan: the actual state
// each read and the plans they make are identical, every round. Some rounds apply the plan through
// reconcile() with the snapshot, so the next round also proves that apply leaves no stale claim.
// Size: CSPCTL_DIFF_SEEDS rounds (default 20) of CSPCTL_DIFF_CHANGES changes (default 150) over
// CSPCTL_DIFF_CUSTOMERS customers (default 10); the figures are printed for the larger runs.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EMULATOR_THROTTLE } from "../../cli/connection.js";
import { createClient, type CspClient } from "../../client/index.js";
import { seededRandom, type Random } from "../../emulator/faults/random.js";
import { noLockBackend } from "../../reconciler/lock/estate-lock.js";
import type { DesiredEstate } from "../../reconciler/model/desired-estate.js";
import { canonicalJson } from "../../reconciler/plan/canonical-json.js";
import type { Plan } from "../../reconciler/plan/plan.js";
import { planEstate, type SnapshotUse } from "../../reconciler/plan-estate.js";
import type { ActualEstate } from "../../reconciler/read/actual-estate.js";
import { reconcile } from "../../reconciler/reconcile.js";
import { snapshotPath } from "../../reconciler/snapshot/snapshot-file.js";
import { startEmulator, type TestEmulator } from "../helpers/emulator.js";
import { estateFromYaml } from "../helpers/estate-fixtures.js";

const ROUNDS = Number(process.env.CSPCTL_DIFF_SEEDS ?? 20);
const CHANGES = Number(process.env.CSPCTL_DIFF_CHANGES ?? 150);
const CUSTOMERS = Number(process.env.CSPCTL_DIFF_CUSTOMERS ?? 10);
const DAY_MS = 86_400_000;

const BP = { offer: "CFQ7TTC0LCHC:0002", sku: "cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46" };
const EXO = { offer: "CFQ7TTC0LH16:0001", sku: "4b9405b0-7788-4568-add1-99614e613b69" };
const BASIC = { offer: "CFQ7TTC0LH18:0001" };

interface World {
  emulator: TestEmulator;
  client: CspClient;
  estate: DesiredEstate;
  snapshot: SnapshotUse;
  customers: { name: string; tenantId: string; domain: string; gdap: boolean }[];
  userToken: string;
}

let w: World;

beforeAll(async () => {
  const emulator = await startEmulator({ domainConfig: { provisioningDelaySeconds: 0 } });
  const client = createClient({
    env: emulator.env,
    poll: { intervalMs: 20 },
    throttle: EMULATOR_THROTTLE,
    retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
  });
  const random = seededRandom(20_261_207);
  const now = Date.parse((await emulator.control.clock()).now);
  const customers = Array.from({ length: CUSTOMERS }, (_, i) => ({
    name: `diff${i}`,
    tenantId: `00000000-0000-4000-8000-${String(i + 1).padStart(12, "0")}`,
    domain: `diff${i}.onmicrosoft.com`,
    gdap: i % 3 === 0,
  }));
  const daysAgo = (days: number) => new Date(now - days * DAY_MS).toISOString();
  await emulator.control.seed({
    partners: [
      {
        tenantId: emulator.env.CSPCTL_TENANT_ID,
        customers: customers.map((c, i) => ({
          tenantId: c.tenantId,
          companyName: `Diff ${i}`,
          domain: c.domain,
          country: "US",
          subscriptions: [
            // term ends spread over the next weeks; some with auto-renew off (expiry, then the lifecycle)
            {
              offerId: BP.offer,
              quantity: 3 + (i % 4),
              termDuration: "P1Y",
              billingCycle: "monthly",
              autoRenewEnabled: random() < 0.75,
              purchasedAt: daysAgo(330 + Math.floor(random() * 34)),
            },
            {
              offerId: EXO.offer,
              quantity: 1 + (i % 3),
              termDuration: "P1M",
              billingCycle: "monthly",
              autoRenewEnabled: random() < 0.8,
              purchasedAt: daysAgo(Math.floor(random() * 29)),
            },
            ...(i % 2 === 0
              ? [
                  {
                    offerId: BASIC.offer,
                    isTrial: true,
                    autoRenewEnabled: random() < 0.5,
                    purchasedAt: daysAgo(20 + Math.floor(random() * 9)),
                  },
                ]
              : []),
            ...(i % 5 === 4
              ? [{ offerId: BP.offer, quantity: 2, status: "suspended", purchasedAt: daysAgo(360) }]
              : []),
          ],
          users: [0, 1, 2].map((u) => ({
            userPrincipalName: `user${u}@${c.domain}`,
            firstName: "User",
            lastName: `N${u}`,
            usageLocation: "US",
            assignedLicenses: u === 0 ? [BP.sku, EXO.sku] : [BP.sku],
          })),
        })),
      },
    ],
  });
  await fetchClock(emulator, { frozen: true });
  const estate = await estateFromYaml(customers.map(customerYaml).join("\n---\n"));
  const stateDir = mkdtempSync(join(tmpdir(), "cspctl-diff-"));
  w = {
    emulator,
    client,
    estate,
    customers,
    snapshot: {
      file: snapshotPath(stateDir),
      partnerTenantId: client.config.tenantId,
      graphUrl: client.config.graphUrl,
      // clock moves stay within the activity log's 90 days; the age limit is not what is under test
      maxAgeDays: 89,
    },
    userToken: await emulator.token({ audience: "partner-center", kind: "user" }),
  };
  // the first snapshot: a full read
  await plans();
}, 120_000);

afterAll(async () => {
  await w?.client.close();
  await w?.emulator.close();
});

function customerYaml(c: World["customers"][number], i: number): string {
  const gdap = c.gdap
    ? `  access:
    gdap:
      displayName: Diff \${i} admin
      roles: [User Administrator, License Administrator]
      duration: P730D
`
    : "";
  return `apiVersion: cspctl/v1
kind: Customer
metadata: { name: ${c.name} }
spec:
  company: { name: Diff ${i}, domain: ${c.domain}, country: US }
  tenant: { mode: link, id: ${c.tenantId} }
  subscriptions:
    - { name: bp, offer: ${BP.offer}, term: P1Y, billing: monthly, quantity: ${3 + (i % 4)} }
    - { name: exo, offer: ${EXO.offer}, term: P1M, billing: monthly, quantity: ${1 + (i % 3)} }
  users:
    - { userPrincipalName: user0@${c.domain}, firstName: User, lastName: N0, usageLocation: US, licenses: [{ subscription: bp }, { subscription: exo }] }
    - { userPrincipalName: user1@${c.domain}, firstName: User, lastName: N1, usageLocation: US, licenses: [{ subscription: bp }] }
${gdap}`;
}

async function fetchClock(emulator: TestEmulator, body: unknown): Promise<void> {
  const answer = await emulator.send(`${emulator.controlUrl}/clock`, {
    method: "POST",
    body,
    headers: { "x-emulator-key": emulator.adminKey },
  });
  if (answer.status !== 200) throw new Error(`clock: ${answer.status} ${JSON.stringify(answer.body)}`);
}

const counts = { full: 0, incremental: 0, snapshot: 0, changes: 0, failedChanges: 0 };
const reasons = new Map<string, number>();

/** The incremental plan (from and to the snapshot), then the full plan, by the same frozen clock. */
async function plans(): Promise<{
  incremental: { plan: Plan; actual: ActualEstate };
  full: { plan: Plan; actual: ActualEstate };
}> {
  const now = new Date((await w.emulator.control.clock()).now);
  const incremental = await planEstate(w.client, w.estate, { now: () => now, snapshot: w.snapshot });
  const full = await planEstate(w.client, w.estate, { now: () => now });
  for (const r of incremental.plan.reads?.customers ?? []) {
    counts[r.mode] += 1;
    reasons.set(r.reason, (reasons.get(r.reason) ?? 0) + 1);
  }
  return { incremental, full };
}

/** The state read, in a stable order, without the time of the read (the incremental one is the service's). */
function comparable(actual: ActualEstate): unknown {
  const { readAt: _readAt, ...rest } = actual;
  return JSON.parse(
    canonicalJson({
      ...rest,
      customers: [...rest.customers].sort((a, b) => (a.id < b.id ? -1 : 1)),
      // customers are read concurrently: what could not be read is listed in the order reads ended
      unknown: [...rest.unknown].sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0)),
    }),
  );
}

function withoutReads(plan: Plan): unknown {
  const { reads: _reads, ...rest } = plan;
  return JSON.parse(canonicalJson(rest));
}

describe("incremental read, differential", () => {
  it(`${ROUNDS} rounds of ${CHANGES} random out-of-band changes: the incremental and the full plan are identical`, async () => {
    for (let seed = 1; seed <= ROUNDS; seed++) {
      const random = seededRandom(seed);
      // a night passes (more than the activity log's overlap), then a few customers change, often
      await fetchClock(w.emulator, { advance: "PT8H" });
      // sometimes more: days, across windows, term ends, trial ends and lifecycle steps
      if (random() < 0.5) await fetchClock(w.emulator, { advance: pick(random, ["PT6H", "P1D", "P2D", "P3D", "P6D"]) });
      const changing = w.customers.filter(() => random() < 0.25);
      // others see only user and licence changes (Graph's delta query, the log's user records)
      const usersOnly = w.customers.filter((c) => !changing.includes(c) && random() < 0.3);
      for (let i = 0; i < CHANGES; i++)
        await (random() < 0.7 || usersOnly.length === 0
          ? randomChange(random, changing, CHANGE_KINDS)
          : randomChange(random, usersOnly, USER_CHANGE_KINDS));
      const { incremental, full } = await plans();
      expect(comparable(incremental.actual), `seed ${seed}: actual state`).toEqual(comparable(full.actual));
      expect(withoutReads(incremental.plan), `seed ${seed}: plan`).toEqual(withoutReads(full.plan));
      if (seed % 4 === 0) await applyWithSnapshot();
    }
    process.stdout.write(
      `incremental differential: ${ROUNDS} rounds, ${counts.changes} changes (${counts.failedChanges} refused or skipped), customer reads: ${counts.full} full, ${counts.incremental} incremental, ${counts.snapshot} from the snapshot (${[...reasons].map(([r, n]) => `${r} ${n}`).join(", ")})\n`,
    );
    // the comparison means something only if customers were taken from the snapshot
    expect(counts.snapshot).toBeGreaterThan(0);
    expect(counts.changes).toBe(ROUNDS * CHANGES);
  }, 600_000);
});

async function applyWithSnapshot(): Promise<void> {
  const now = new Date((await w.emulator.control.clock()).now);
  await reconcile({
    client: w.client,
    estate: w.estate,
    now: () => now,
    snapshot: w.snapshot,
    credentials: { record: () => undefined, count: 0 },
    lock: { backend: noLockBackend, timeoutMs: 0 },
    releaseOnSignals: false,
    allowDestructive: true,
    allowUnknown: true,
  });
}

// --- random out-of-band changes ---

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

// biome-ignore lint/suspicious/noExplicitAny: raw Partner Center and Graph JSON
async function pc(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const answer = await w.emulator.send(`/v1${path}`, {
    method,
    token: w.userToken,
    ...(body === undefined ? {} : { body }),
  });
  return { status: answer.status, body: answer.body };
}

async function portal(method: string, path: string, body?: unknown, tenantId?: string): Promise<number> {
  const answer = await w.emulator.control.portal({
    method,
    path,
    ...(body === undefined ? {} : { body }),
    ...(tenantId === undefined ? {} : { tenantId }),
  });
  return answer.status;
}

async function randomChange(random: Random, changing: World["customers"], kinds: readonly Change[]): Promise<void> {
  const c = pick(random, changing.length > 0 ? changing : w.customers);
  const kind = pick(random, kinds);
  counts.changes += 1;
  const status = await kind(random, c);
  if (status >= 400) counts.failedChanges += 1;
}

type Change = (random: Random, c: World["customers"][number]) => Promise<number>;

async function someSubscription(
  c: World["customers"][number],
  random: Random,
): Promise<{ id: string; quantity: number; status: string } | undefined> {
  const list = await pc("GET", `/customers/${c.tenantId}/subscriptions`);
  const items = (list.body?.items ?? []) as { id: string; quantity: number; status: string }[];
  return items.length === 0 ? undefined : pick(random, items);
}

async function someUser(c: World["customers"][number], random: Random): Promise<{ id: string } | undefined> {
  const list = await pc("GET", `/customers/${c.tenantId}/users`);
  const items = (list.body?.items ?? []) as { id: string }[];
  return items.length === 0 ? undefined : pick(random, items);
}

/** Users and licence assignments: what the activity log's user records and Graph's delta query show. */
const USER_CHANGE_KINDS: Change[] = [
  // a user created in the portal
  async (random, c) =>
    portal("POST", `/v1/customers/${c.tenantId}/users`, {
      userPrincipalName: `oob${Math.floor(random() * 1e9)}@${c.domain}`,
      firstName: "Out",
      lastName: "OfBand",
      displayName: "Out of band",
      usageLocation: "US",
      passwordProfile: { password: "Secret-Passw0rd!", forceChangePassword: true },
    }),
  // a user deleted through Partner Center's API
  async (random, c) => {
    const u = await someUser(c, random);
    return u ? (await pc("DELETE", `/customers/${c.tenantId}/users/${u.id}`)).status : 404;
  },
  // a user's profile or sign-in changed in Graph
  async (random, c) => {
    const u = await someUser(c, random);
    if (!u) return 404;
    const change = pick(random, [
      { displayName: `Renamed ${Math.floor(random() * 100)}` },
      { usageLocation: pick(random, ["US", "GB", "DE"]) },
      { accountEnabled: random() < 0.5 },
    ]);
    return portal("PATCH", `/graph/v1.0/users/${u.id}`, change, c.tenantId);
  },
  // a licence assigned or removed in Graph
  async (random, c) => {
    const u = await someUser(c, random);
    if (!u) return 404;
    const sku = pick(random, [BP.sku, EXO.sku]);
    const body =
      random() < 0.5
        ? { addLicenses: [{ skuId: sku, disabledPlans: [] }], removeLicenses: [] }
        : { addLicenses: [], removeLicenses: [sku] };
    return portal("POST", `/graph/v1.0/users/${u.id}/assignLicense`, body, c.tenantId);
  },
];

const CHANGE_KINDS: Change[] = [
  // seats up or down (down is refused outside the 7-day window), through Partner Center's API
  async (random, c) => {
    const s = await someSubscription(c, random);
    if (!s) return 404;
    const quantity = Math.max(1, s.quantity + pick(random, [-2, -1, 1, 2, 3]));
    return (await pc("PATCH", `/customers/${c.tenantId}/subscriptions/${s.id}`, { quantity })).status;
  },
  // auto-renew on or off, in the portal
  async (random, c) => {
    const s = await someSubscription(c, random);
    if (!s) return 404;
    return portal("PATCH", `/v1/customers/${c.tenantId}/subscriptions/${s.id}`, { autoRenewEnabled: random() < 0.5 });
  },
  // a friendly name, in the portal
  async (random, c) => {
    const s = await someSubscription(c, random);
    if (!s) return 404;
    return portal("PATCH", `/v1/customers/${c.tenantId}/subscriptions/${s.id}`, {
      friendlyName: `renamed ${Math.floor(random() * 1000)}`,
    });
  },
  // suspend or reactivate
  async (random, c) => {
    const s = await someSubscription(c, random);
    if (!s) return 404;
    return (
      await pc("PATCH", `/customers/${c.tenantId}/subscriptions/${s.id}`, {
        status: s.status === "suspended" ? "active" : "suspended",
      })
    ).status;
  },
  // a purchase made elsewhere (cspctl's client, as another tool would: cart and checkout)
  async (random, c) => {
    const [productId, skuId] = pick(random, [BP.offer, EXO.offer]).split(":") as [string, string];
    const item = {
      productId,
      skuId,
      quantity: 1 + Math.floor(random() * 3),
      termDuration: "P1M",
      billingCycle: "monthly",
    };
    return w.client.partnerCenter.orders.purchase(c.tenantId, [item], { country: "US" }).then(
      () => 200,
      () => 400,
    );
  },
  ...USER_CHANGE_KINDS,
  // the customer ends or approves a GDAP relationship (Microsoft Entra's log, not Partner Center's)
  async (random, c) => {
    const list = await w.emulator.send("/graph/v1.0/tenantRelationships/delegatedAdminRelationships", {
      token: await w.emulator.token({ audience: "graph", kind: "user" }),
    });
    const all =
      (list.body as { value?: { id: string; status: string; customer?: { tenantId?: string } }[] } | undefined)
        ?.value ?? [];
    const items = all.filter(
      (r) => r.customer?.tenantId === c.tenantId && (r.status === "active" || r.status === "approvalPending"),
    );
    // rarely, and only where the estate declares GDAP (apply asks again, and a later change approves)
    if (!c.gdap || items.length === 0 || random() < 0.8) return 404;
    const r = pick(random, items);
    await w.emulator.control.gdap(r.id, r.status === "active" ? "terminate" : "approve");
    return 200;
  },
];
