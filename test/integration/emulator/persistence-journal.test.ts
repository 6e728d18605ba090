// --emulator-dir as a snapshot plus a journal: a write appends only the records it touched, replaying
// the journal onto the snapshot gives exactly the state the emulator had, the journal is compacted
// when it outgrows the snapshot, rotated refresh tokens lapse and are pruned, and neither the
// snapshot nor the journal holds a password.
import { randomUUID } from "node:crypto";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createClient } from "../../../client/index.js";
import { EMULATOR_THROTTLE } from "../../../cli/connection.js";
import { JOURNAL_FILE_NAME } from "../../../emulator/persistence/journal.js";
import { STATE_FILE_NAME } from "../../../emulator/persistence/state-file.js";
import { REFRESH_TOKEN_LIFETIME_MS } from "../../../emulator/token/refresh-tokens.js";
import { applyPlan } from "../../../reconciler/apply/apply-plan.js";
import type { CredentialRecord } from "../../../reconciler/apply/credentials.js";
import { loadEstate } from "../../../reconciler/load/load-estate.js";
import { planEstate } from "../../../reconciler/plan-estate.js";
import { loadDataDir } from "../../helpers/data-dir.js";
import { startEmulator, type TestEmulator } from "../../helpers/emulator.js";
import { filesUnder, scanForSecrets } from "../../helpers/secret-scan.js";

const directories: string[] = [];
const running: TestEmulator[] = [];

/** A folder the emulator creates itself (so its mode is the emulator's doing). */
async function dataDir(): Promise<string> {
  const parent = await mkdtemp(join(tmpdir(), "cspctl-journal-"));
  directories.push(parent);
  return join(parent, "emulator-data");
}

async function start(dir: string, options: Parameters<typeof startEmulator>[0] = {}): Promise<TestEmulator> {
  const emulator = await startEmulator({ dataDir: dir, domainConfig: { provisioningDelaySeconds: 0 }, ...options });
  running.push(emulator);
  return emulator;
}

afterEach(async () => {
  // some tests close an emulator themselves (to restart on its folder); a second close is a no-op
  for (const emulator of running.splice(0)) await emulator.close().catch(() => undefined);
  for (const dir of directories.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function journalLines(dir: string): Promise<Record<string, unknown>[]> {
  const text = await readFile(join(dir, JOURNAL_FILE_NAME), "utf8");
  return text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

function customers(count: number): unknown[] {
  return Array.from({ length: count }, (_, index) => ({
    tenantId: randomUUID(),
    domain: `journal${index}-${randomUUID().slice(0, 6)}.onmicrosoft.com`,
    subscriptions: [{ offerId: "CFQ7TTC0LH18:0001", quantity: 5 }],
  }));
}

async function patchFirstSubscription(emulator: TestEmulator, customerId: string): Promise<void> {
  const token = await emulator.token({ audience: "partner-center", kind: "app" });
  const list = await emulator.send(`/v1/customers/${customerId}/subscriptions`, { token });
  const subscription = (list.body as { items: { id: string }[] }).items[0]!;
  const patched = await emulator.send(`/v1/customers/${customerId}/subscriptions/${subscription.id}`, {
    method: "PATCH",
    token,
    body: { quantity: 6 },
    headers: { "ms-requestid": randomUUID() },
  });
  expect(patched.status, JSON.stringify(patched.body)).toBe(200);
}

describe("--emulator-dir journal", () => {
  it("a write appends one line holding only the customer it touched, the same size whatever the state's size", async () => {
    const lineBytes: number[] = [];
    for (const size of [5, 200]) {
      const dir = await dataDir();
      const emulator = await start(dir);
      const seeded = customers(size);
      await emulator.control.seed({ partners: [{ tenantId: emulator.env.CSPCTL_TENANT_ID, customers: seeded }] });
      const snapshotBefore = await stat(join(dir, STATE_FILE_NAME));
      const before = await journalLines(dir);
      const customerId = (seeded[1] as { tenantId: string }).tenantId;
      await patchFirstSubscription(emulator, customerId);
      const added = (await journalLines(dir)).slice(before.length).filter((line) => line["delta"] !== undefined);
      expect(added).toHaveLength(1);
      const delta = added[0]!["delta"] as {
        customers: { customerId: string; subscriptions: unknown[] }[];
        tenants: { tenantId: string }[];
      };
      expect(delta.customers.map((c) => c.customerId)).toEqual([customerId]);
      expect(delta.customers[0]!.subscriptions).toHaveLength(1);
      expect(delta.tenants.map((t) => t.tenantId)).toEqual([customerId]);
      // the snapshot was not rewritten
      expect((await stat(join(dir, STATE_FILE_NAME))).mtimeMs).toBe(snapshotBefore.mtimeMs);
      lineBytes.push(JSON.stringify(added[0]).length);
    }
    // Only ids and timestamps differ between the two lines.
    expect(Math.abs(lineBytes[0]! - lineBytes[1]!)).toBeLessThan(200);
  });

  it("snapshot plus journal replays to exactly the state the emulator had (an estate applied, time moved, renewals due)", {
    timeout: 60_000,
  }, async () => {
    const dir = await dataDir();
    // Never compacted here: how many saves a concurrent apply takes, and so when the journal
    // outgrows the snapshot, depends on timing; this test is about replaying the journal.
    const emulator = await start(dir, { minCompactionBytes: Number.MAX_SAFE_INTEGER });
    const client = createClient({ env: emulator.env, poll: { intervalMs: 20 }, throttle: EMULATOR_THROTTLE });
    const credentials: CredentialRecord[] = [];
    try {
      const loaded = await loadEstate("examples/estate", { env: { ...process.env } });
      if (!loaded.valid) throw new Error("examples/estate must be valid");
      const { plan } = await planEstate(client, loaded.estate, {});
      const report = await applyPlan(plan, {
        client,
        estate: loaded.estate,
        credentials: {
          record: (c) => void credentials.push(c),
          get count() {
            return credentials.length;
          },
        },
        allowDestructive: true,
      });
      expect(report.outcomes.filter((o) => o.outcome === "applied").length).toBeGreaterThan(5);
      // a year later renewals are due; the next request runs them and the next write saves them
      await emulator.control.advanceClock("P400D");
      await emulator.token({ audience: "partner-center", kind: "user" });
    } finally {
      await client.close();
    }
    const lines = await journalLines(dir);
    expect(lines.filter((line) => line["delta"] !== undefined).length).toBeGreaterThan(5);
    const fromJournal = await loadDataDir(dir);
    // an empty seed is a change only a snapshot can say: the live state is written out whole
    await emulator.control.seed({});
    expect(await journalLines(dir)).toHaveLength(1);
    const fromSnapshot = await loadDataDir(dir);
    expect(fromJournal.domain).toEqual(fromSnapshot.domain);
    expect(fromJournal.replay).toEqual(fromSnapshot.replay);
    expect(fromJournal.refreshTokens).toEqual(fromSnapshot.refreshTokens);
  });

  it("compacts the journal into a new snapshot once it outgrows the snapshot, and the state still loads", {
    timeout: 60_000,
  }, async () => {
    const dir = await dataDir();
    const emulator = await start(dir);
    const seeded = customers(3);
    await emulator.control.seed({ partners: [{ tenantId: emulator.env.CSPCTL_TENANT_ID, customers: seeded }] });
    const generationOf = async (): Promise<number> =>
      (JSON.parse(await readFile(join(dir, STATE_FILE_NAME), "utf8")) as { generation: number }).generation;
    const generation = await generationOf();
    // each refresh grant appends a line; the journal's floor for compaction is 256 KiB
    for (let i = 0; i < 1200 && (await generationOf()) === generation; i++)
      await emulator.token({ audience: "graph", kind: "user" });
    expect(await generationOf()).toBe(generation + 1);
    const journal = await journalLines(dir);
    expect(journal[0]).toEqual({ journal: 1, generation: generation + 1 });
    expect((await stat(join(dir, JOURNAL_FILE_NAME))).size).toBeLessThan(256 * 1024);
    await patchFirstSubscription(emulator, (seeded[0] as { tenantId: string }).tenantId);
    await emulator.close();
    const restarted = await start(dir);
    const token = await restarted.token({ audience: "partner-center", kind: "app" });
    const list = await restarted.send(`/v1/customers/${(seeded[0] as { tenantId: string }).tenantId}/subscriptions`, {
      token,
    });
    expect((list.body as { items: { quantity: number }[] }).items[0]!.quantity).toBe(6);
  });

  it("rotated refresh tokens survive a restart, stay valid when used, lapse after 90 days and are pruned", async () => {
    const dir = await dataDir();
    let now = Date.parse("2026-12-01T00:00:00Z");
    const wallClock = (): number => now;
    const emulator = await start(dir, { wallClock });
    const { clientId, clientSecret, tenantId, refreshToken } = emulator.emulator.credentials!;
    const grant = async (target: TestEmulator, token: string): Promise<{ status: number; refreshToken?: string }> => {
      const form = new URLSearchParams({
        grant_type: "refresh_token",
        client_id: clientId,
        client_secret: clientSecret,
        refresh_token: token,
        scope: "https://graph.microsoft.com/.default offline_access",
      });
      const result = await target.send(`/${tenantId}/oauth2/v2.0/token`, {
        method: "POST",
        rawBody: form.toString(),
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
      return { status: result.status, refreshToken: (result.body as { refresh_token?: string }).refresh_token };
    };
    const first = (await grant(emulator, refreshToken)).refreshToken!;
    now += 10 * 86_400_000;
    const second = (await grant(emulator, first)).refreshToken!;
    // used once, the first is still good (Entra does not revoke a refresh token when it is used)
    expect((await grant(emulator, first)).status).toBe(200);
    await emulator.close();

    const restarted = await start(dir, { wallClock });
    expect((await grant(restarted, second)).status).toBe(200);
    now = Date.parse("2026-12-01T00:00:00Z") + REFRESH_TOKEN_LIFETIME_MS + 1;
    const lapsed = await grant(restarted, first);
    expect(lapsed.status).toBe(400);
    // the seeded refresh token (the partner's configured credential) does not lapse
    expect((await grant(restarted, refreshToken)).status).toBe(200);
    await restarted.close();
    const saved = await loadDataDir(dir, wallClock);
    expect(Object.keys(saved.refreshTokens)).not.toContain(first);
    expect(Object.keys(saved.refreshTokens)).toContain(second);
  });

  it("keeps no password in the data folder, which is private; a replay after a restart answers without one", async () => {
    const dir = await dataDir();
    const emulator = await start(dir);
    const token = await emulator.token({ audience: "partner-center", kind: "user" });
    const requestId = randomUUID();
    const domain = `journalpw${randomUUID().slice(0, 6)}.onmicrosoft.com`;
    const body = {
      companyProfile: { domain },
      billingProfile: {
        culture: "en-US",
        email: "b@example.com",
        language: "en",
        companyName: domain,
        defaultAddress: {
          firstName: "Ada",
          lastName: "Lovelace",
          addressLine1: "1 Main St",
          city: "Redmond",
          state: "WA",
          postalCode: "98052",
          country: "US",
        },
      },
    };
    const created = await emulator.send("/v1/customers", {
      method: "POST",
      token,
      body,
      headers: { "ms-requestid": requestId },
    });
    expect(created.status).toBe(201);
    const customer = created.body as { id: string; userCredentials: { password: string } };
    const adminPassword = customer.userCredentials.password;
    const userPassword = `Journal-Passw0rd!-${randomUUID().slice(0, 8)}`;
    const user = await emulator.send(`/v1/customers/${customer.id}/users`, {
      method: "POST",
      token,
      body: {
        userPrincipalName: `ada@${domain}`,
        firstName: "Ada",
        lastName: "Lovelace",
        displayName: "Ada Lovelace",
        usageLocation: "US",
        passwordProfile: { password: userPassword, forceChangePassword: true },
      },
      headers: { "ms-requestid": randomUUID() },
    });
    expect(user.status, JSON.stringify(user.body)).toBe(200);
    // within the run, the replay is the first answer, password included
    const replayedLive = await emulator.send("/v1/customers", {
      method: "POST",
      token,
      body,
      headers: { "ms-requestid": requestId },
    });
    expect((replayedLive.body as { userCredentials: { password: string } }).userCredentials.password).toBe(
      adminPassword,
    );
    // the compacted snapshot is scanned too, not only the journal
    await emulator.control.seed({});
    await emulator.send("/v1/customers", {
      method: "POST",
      token,
      body: { ...body, companyProfile: { domain: `x${domain}` } },
      headers: { "ms-requestid": randomUUID() },
    });

    const files = filesUnder(dir);
    expect(files.map((f) => f.source)).toEqual(
      expect.arrayContaining([`file ${STATE_FILE_NAME}`, `file ${JOURNAL_FILE_NAME}`, "file .gitignore"]),
    );
    expect(
      scanForSecrets(files, [
        { label: "admin password", value: adminPassword },
        { label: "user password", value: userPassword },
      ]),
    ).toEqual([]);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect(await readFile(join(dir, ".gitignore"), "utf8")).toBe("*\n");
    for (const name of [STATE_FILE_NAME, JOURNAL_FILE_NAME, "keys.json"])
      expect((await stat(join(dir, name))).mode & 0o077).toBe(0);

    await emulator.close();
    const restarted = await start(dir);
    const replayed = await restarted.send("/v1/customers", {
      method: "POST",
      token,
      body,
      headers: { "ms-requestid": requestId },
    });
    expect(replayed.status).toBe(201);
    expect((replayed.body as { id: string }).id).toBe(customer.id);
    expect((replayed.body as { userCredentials: Record<string, unknown> }).userCredentials).toEqual({
      userName: "admin",
    });
  });
});
