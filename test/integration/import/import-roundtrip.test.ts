// Import of an estate seeded straight into the emulator (as if made in the portal, never by cspctl)
// round-trips: importing, then planning the imported files, reports no changes and nothing unmanaged.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EMULATOR_THROTTLE } from "../../../cli/connection.js";
import { createClient, type CspClient } from "../../../client/index.js";
import { findLicenseSku } from "../../../core/catalog.js";
import { importEstate } from "../../../reconciler/import/import-estate.js";
import { loadEstate } from "../../../reconciler/load/load-estate.js";
import { planEstate } from "../../../reconciler/plan-estate.js";
import { startEmulator, type TestEmulator } from "../../helpers/emulator.js";

let emulator: TestEmulator;
let client: CspClient;
const seeded = { tenantA: randomUUID(), tenantB: randomUUID(), bp: randomUUID() };
const DAY = 86_400_000;

beforeAll(async () => {
  emulator = await startEmulator({ domainConfig: { provisioningDelaySeconds: 0 } });
  client = createClient({ env: emulator.env, poll: { intervalMs: 50 }, throttle: EMULATOR_THROTTLE });
  const spb = findLicenseSku("SPB")!;
  const teams1 = spb.servicePlans.find((p) => p.name === "TEAMS1")!.id;
  const now = Date.now();
  await emulator.control.seed({
    partners: [
      {
        tenantId: emulator.env.CSPCTL_TENANT_ID,
        customers: [
          {
            tenantId: seeded.tenantA,
            companyName: "Import Alpha",
            domain: "importalpha.onmicrosoft.com",
            country: "GB",
            subscriptions: [
              {
                id: seeded.bp,
                offerId: "CFQ7TTC0LCHC:0002",
                quantity: 10,
                termDuration: "P1Y",
                billingCycle: "monthly",
                friendlyName: "Alpha BP",
                purchasedAt: new Date(now - 40 * DAY).toISOString(),
              },
              {
                offerId: "CFQ7TTC0RM8K:0002",
                quantity: 3,
                termDuration: "P1Y",
                billingCycle: "monthly",
                parentSubscriptionId: seeded.bp,
                purchasedAt: new Date(now - 40 * DAY).toISOString(),
              },
              {
                offerId: "CFQ7TTC0LDPB:0001",
                quantity: 5,
                termDuration: "P1Y",
                billingCycle: "annual",
                status: "suspended",
                purchasedAt: new Date(now - 60 * DAY).toISOString(),
              },
              {
                offerId: "CFQ7TTC0LH18:0001",
                isTrial: true,
                autoRenewEnabled: false,
                purchasedAt: new Date(now - 5 * DAY).toISOString(),
              },
              {
                offerId: "CFQ7TTC0LF8R:0001",
                isTrial: true,
                autoRenewEnabled: true,
                purchasedAt: new Date(now - 2 * DAY).toISOString(),
              },
            ],
            subscribedSkus: [{ skuPartNumber: "EXCHANGESTANDARD", enabledUnits: 5 }],
            users: [
              {
                userPrincipalName: "ada@importalpha.onmicrosoft.com",
                firstName: "Ada",
                lastName: "Lovelace",
                displayName: "Ada Lovelace (Finance)",
                usageLocation: "GB",
                assignedLicenses: [
                  { skuId: "SPB", disabledPlans: [teams1] },
                  "Microsoft_Teams_Premium",
                  "EXCHANGESTANDARD",
                ],
              },
              {
                userPrincipalName: "Ben@importalpha.onmicrosoft.com",
                firstName: "Ben",
                lastName: "Bit",
                usageLocation: "GB",
                accountEnabled: false,
                assignedLicenses: ["SPB"],
              },
              { userPrincipalName: "cy@importalpha.onmicrosoft.com", firstName: "Cy", lastName: "Press" },
            ],
          },
          {
            tenantId: seeded.tenantB,
            companyName: "Import Beta",
            domain: "importbeta.onmicrosoft.com",
            country: "US",
            subscriptions: [
              {
                offerId: "CFQ7TTC0LH18:0001",
                quantity: 4,
                termDuration: "P1Y",
                billingCycle: "annual",
                autoRenewEnabled: false,
              },
            ],
            users: [
              {
                userPrincipalName: "dee@importbeta.onmicrosoft.com",
                firstName: "Dee",
                lastName: "Ray",
                usageLocation: "US",
                assignedLicenses: ["O365_BUSINESS_ESSENTIALS"],
              },
            ],
          },
        ],
      },
    ],
  });
});
afterAll(async () => {
  await client?.close();
  await emulator?.close();
});

describe("cspctl import against a seeded emulator", () => {
  it("writes one file per customer that plans to no changes (add-ons, trials, suspended, multi-channel SKUs)", async () => {
    const files = await importEstate(client, { all: true });
    expect(files.map((f) => f.name)).toEqual(["importalpha", "importbeta"]);
    const dir = mkdtempSync(join(tmpdir(), "cspctl-import-"));
    for (const f of files) writeFileSync(join(dir, `${f.name}.yaml`), f.yaml);

    const loaded = await loadEstate(dir, { cwd: dir, env: {} });
    expect(loaded.valid ? [] : loaded.diagnostics).toEqual([]);
    if (!loaded.valid) return;
    const { plan } = await planEstate(client, loaded.estate);
    expect(plan.steps).toEqual([]);
    expect(plan.findings).toEqual([]);
    // the emulator prices only the US market: a GB customer's plan says it has no money, nothing else
    expect(plan.warnings.filter((w) => w.code !== "client.price_sheet_unavailable")).toEqual([]);

    const alpha = readFileSync(join(dir, "importalpha.yaml"), "utf8");
    expect(alpha).toMatch(/^# Imported by `cspctl import` from Partner Center on /);
    expect(alpha).toContain("addons:");
    expect(alpha).toContain("state: suspended");
    expect(alpha).toContain("convert: never");
    expect(alpha).toContain("convert: auto");
    expect(alpha).toContain("sku: EXCHANGESTANDARD");
    expect(alpha).toContain("- TEAMS1");
    expect(alpha).toContain("enabled: false");
    expect(alpha).not.toMatch(/^\s*password:/m);
    expect(loaded.estate.customers.find((c) => c.name === "importalpha")!.policy.mode).toBe("observe");
  });

  it("with password placeholders, each user names a ${env:…} variable and the files still plan to no changes", async () => {
    const files = await importEstate(client, { customers: ["importbeta.onmicrosoft.com"], passwordPlaceholders: true });
    expect(files[0]!.yaml).toContain("password: ${env:CSPCTL_PASSWORD_IMPORTBETA_DEE}");
    const dir = mkdtempSync(join(tmpdir(), "cspctl-import-"));
    writeFileSync(join(dir, "importbeta.yaml"), files[0]!.yaml);
    const missing = await loadEstate(dir, { cwd: dir, env: {} });
    expect(missing.valid).toBe(false);
    const loaded = await loadEstate(dir, { cwd: dir, env: { CSPCTL_PASSWORD_IMPORTBETA_DEE: "x" } });
    if (!loaded.valid) throw new Error(JSON.stringify(loaded.diagnostics));
    expect((await planEstate(client, loaded.estate)).plan.steps).toEqual([]);
  });

  it("is deterministic, selects by domain or tenant id, and never writes a secret", async () => {
    const first = await importEstate(client, {
      customers: ["importbeta.onmicrosoft.com", seeded.tenantA],
      now: new Date("2026-11-23T00:00:00Z"),
    });
    const again = await importEstate(client, {
      customers: [seeded.tenantA, "IMPORTBETA.onmicrosoft.com"],
      now: new Date("2026-11-23T00:00:00Z"),
    });
    expect(again.map((f) => f.yaml)).toEqual(first.map((f) => f.yaml));
    const text = first.map((f) => f.yaml).join("\n");
    for (const secret of [emulator.env.CSPCTL_CLIENT_SECRET, emulator.env.CSPCTL_REFRESH_TOKEN])
      expect(text).not.toContain(secret);
    expect(text).not.toMatch(/password: (?!\$\{env:)/);
  });

  it("names a customer that is not the partner's instead of importing nothing", async () => {
    // a usage error that lists the partner's customers, so the typo is found at once
    await expect(importEstate(client, { customers: ["nobody.onmicrosoft.com"] })).rejects.toMatchObject({
      code: "cli.usage",
      message: expect.stringMatching(
        /^--customer nobody\.onmicrosoft\.com: not a customer of this partner \(customers: .*importbeta\.onmicrosoft\.com/,
      ),
    });
    await expect(importEstate(client, {})).rejects.toThrow(/--customer DOMAIN\|TENANT_ID/);
  });
});

describe("cspctl import of what Partner Center fills in itself", () => {
  it("accepts made-up names of nameless users and keeps a trial's scheduled conversion: the files plan to no changes", async () => {
    const tenantId = randomUUID();
    const trialId = randomUUID();
    const domain = "importgamma.onmicrosoft.com";
    await emulator.control.seed({
      partners: [
        {
          tenantId: emulator.env.CSPCTL_TENANT_ID,
          customers: [
            {
              tenantId,
              companyName: "Import Gamma",
              domain,
              country: "US",
              subscriptions: [
                {
                  id: trialId,
                  offerId: "CFQ7TTC0LH18:0001",
                  isTrial: true,
                  autoRenewEnabled: true,
                  purchasedAt: new Date(Date.now() - 3 * DAY).toISOString(),
                },
              ],
              // the global admin Partner Center creates with a tenant has a display name and nothing else
              users: [{ userPrincipalName: `admin@${domain}`, displayName: "admin" }],
            },
          ],
        },
      ],
    });
    // the trial is scheduled to convert to 5 paid seats, not Partner Center's default 25 (R-TRI-3)
    const token = await emulator.token({ audience: "partner-center", kind: "user" });
    const path = `/v1/customers/${tenantId}/subscriptions/${trialId}`;
    const trial = (await emulator.send(path, { token })).body as Record<string, unknown> & { offerId: string };
    const [productId, skuId, availabilityId] = trial.offerId.split(":");
    const patched = await emulator.send(path, {
      method: "PATCH",
      token,
      body: {
        ...trial,
        scheduledNextTermInstructions: {
          product: { productId, skuId, availabilityId, billingCycle: "monthly", termDuration: "P1Y" },
          quantity: 5,
        },
      },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);

    const [file] = await importEstate(client, { customers: [domain] });
    expect(file!.yaml).toContain("convertTo:");
    expect(file!.yaml).toMatch(/path: users\[admin@importgamma\.onmicrosoft\.com\]\.firstName/);
    const dir = mkdtempSync(join(tmpdir(), "cspctl-import-"));
    writeFileSync(join(dir, `${file!.name}.yaml`), file!.yaml);
    const loaded = await loadEstate(dir, { cwd: dir, env: {} });
    if (!loaded.valid) throw new Error(JSON.stringify(loaded.diagnostics));
    const { plan } = await planEstate(client, loaded.estate);
    expect(plan.steps).toEqual([]);
    expect(plan.findings.map((f) => `${f.kind} ${f.address} ${String(f.detail?.field)}`)).toEqual([
      `accepted customer:importgamma/user:admin@${domain} firstName`,
      `accepted customer:importgamma/user:admin@${domain} lastName`,
    ]);
  });
});
