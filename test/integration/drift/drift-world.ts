// A customer seeded straight into the emulator (as if made in the portal), the estate that declares
// it exactly, and an independent raw-HTTP client for out-of-band changes (never cspctl's client).
import { randomUUID } from "node:crypto";
import { createClient, type CspClient } from "../../../client/index.js";
import { EMULATOR_THROTTLE } from "../../../cli/connection.js";
import { driftEstate, type DriftEstateOptions } from "../../../reconciler/drift/drift-estate.js";
import type { DriftReport } from "../../../reconciler/drift/drift-report.js";
import type { DesiredEstate } from "../../../reconciler/model/desired-estate.js";
import type { Plan } from "../../../reconciler/plan/plan.js";
import { planEstate } from "../../../reconciler/plan-estate.js";
import { estateFromYaml } from "../../helpers/estate-fixtures.js";
import { startEmulator, type TestEmulator } from "../../helpers/emulator.js";

const BP = "CFQ7TTC0LCHC:0002";

export interface EstateExtra {
  dropBob?: boolean;
  bp?: string;
  subscriptions?: string;
  users?: string;
  policy?: string;
  customers?: string;
}

export interface DriftWorld {
  emulator: TestEmulator;
  client: CspClient;
  tenantId: string;
  domain: string;
  subscriptionId: string;
  /** The estate YAML: what was seeded, plus `extra`. */
  yaml(extra?: EstateExtra): string;
  estate(extra?: EstateExtra): Promise<DesiredEstate>;
  drift(estate: DesiredEstate, options?: DriftEstateOptions): Promise<DriftReport>;
  /** The plan of `estate` against the emulator, by the emulator's clock. */
  plan(estate: DesiredEstate): Promise<Plan>;
  /** Partner Center API with an app+user token: another client than cspctl's. */
  // biome-ignore lint/suspicious/noExplicitAny: raw Partner Center JSON, read field by field by each test
  pc(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  /** Microsoft Graph in the customer's tenant, app-only, the same way. */
  // biome-ignore lint/suspicious/noExplicitAny: raw Graph JSON, read field by field by each test
  graph(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export async function startDriftWorld(): Promise<DriftWorld> {
  const emulator = await startEmulator({ domainConfig: { provisioningDelaySeconds: 0 } });
  const client = createClient({
    env: emulator.env,
    poll: { intervalMs: 50 },
    throttle: EMULATOR_THROTTLE,
    retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
  });
  const tenantId = randomUUID();
  const domain = "driftco.onmicrosoft.com";
  const subscriptionId = randomUUID();
  await emulator.control.seed({
    partners: [
      {
        tenantId: emulator.env.CSPCTL_TENANT_ID,
        customers: [
          {
            tenantId,
            companyName: "Drift Co",
            domain,
            country: "US",
            subscriptions: [
              {
                id: subscriptionId,
                offerId: BP,
                quantity: 2,
                termDuration: "P1Y",
                billingCycle: "monthly",
                autoRenewEnabled: true,
                purchasedAt: new Date(Date.now() - 30 * 86_400_000).toISOString(),
              },
            ],
            users: [
              {
                userPrincipalName: `alice@${domain}`,
                firstName: "Alice",
                lastName: "Smith",
                usageLocation: "US",
                assignedLicenses: ["SPB"],
              },
              {
                userPrincipalName: `bob@${domain}`,
                firstName: "Bob",
                lastName: "Jones",
                usageLocation: "US",
                assignedLicenses: ["SPB"],
              },
            ],
          },
        ],
      },
    ],
  });
  const token = await emulator.token({ audience: "partner-center", kind: "user" });
  return {
    emulator,
    client,
    tenantId,
    domain,
    subscriptionId,
    yaml: (extra = {}) => estateYaml(domain, tenantId, extra),
    estate: (extra = {}) => estateFromYaml(estateYaml(domain, tenantId, extra)),
    drift: async (estate, options = {}) =>
      driftEstate(client, estate, { now: async () => new Date((await emulator.control.clock()).now), ...options }),
    plan: async (estate) =>
      (await planEstate(client, estate, { now: async () => new Date((await emulator.control.clock()).now) })).plan,
    pc: async (method, path, body) => {
      const result = await emulator.send(`/v1${path}`, { method, token, ...(body === undefined ? {} : { body }) });
      return { status: result.status, body: result.body };
    },
    graph: async (method, path, body) => {
      const graphToken = await emulator.token({ audience: "graph", kind: "app", tenant: tenantId });
      const result = await emulator.send(`/graph/v1.0${path}`, {
        method,
        token: graphToken,
        ...(body === undefined ? {} : { body }),
      });
      return { status: result.status, body: result.body };
    },
    close: async () => {
      await client.close();
      await emulator.close();
    },
  };
}

export function categories(report: DriftReport): string[] {
  return report.findings.map((f) => `${f.category} ${f.address}`);
}

function estateYaml(domain: string, tenantId: string, extra: EstateExtra): string {
  return `apiVersion: cspctl/v1
kind: Customer
metadata: { name: driftco }
spec:
  company: { name: Drift Co, domain: ${domain}, country: US }
  tenant: { mode: link, id: ${tenantId} }
  subscriptions:
    - { name: bp, offer: ${BP}, term: P1Y, billing: monthly, quantity: 2${extra.bp ?? ""} }
${extra.subscriptions ?? ""}  users:
    - { userPrincipalName: alice@${domain}, firstName: Alice, lastName: Smith, usageLocation: US, licenses: [{ subscription: bp }] }
${extra.dropBob ? "" : `    - { userPrincipalName: bob@${domain}, firstName: Bob, lastName: Jones, usageLocation: US, licenses: [{ subscription: bp }] }\n`}${extra.users ?? ""}${extra.policy ? `  policy:\n${extra.policy}` : ""}
${extra.customers ?? ""}`;
}
