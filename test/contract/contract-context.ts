// The emulator the contract suite talks to, seeded so that every emulated sample has something to
// answer with: a customer with a base subscription, an add-on, a trial, an old subscription whose
// reduction window has closed, users, and a licence bought through another channel.
import { startEmulator, type HttpResult, type SendOptions, type TestEmulator } from "../helpers/emulator.js";

const PARTNER = "a0000000-0000-4000-8000-0000000000c0";
export const CUSTOMER = "c0000000-0000-4000-8000-0000000000c1";
export const IDS = {
  basic: "5b000000-0000-4000-8000-0000000000c1",
  addon: "5b000000-0000-4000-8000-0000000000c2",
  trial: "5b000000-0000-4000-8000-0000000000c3",
  old: "5b000000-0000-4000-8000-0000000000c4",
  cancel: "5b000000-0000-4000-8000-0000000000c5",
  premium: "5b000000-0000-4000-8000-0000000000c6",
  licensed: "e0000000-0000-4000-8000-0000000000c1",
  unlicensed: "e0000000-0000-4000-8000-0000000000c2",
  spare: "e0000000-0000-4000-8000-0000000000c3",
  powerBi: "f8a1db68-be16-40ed-86d5-cb42ce701560",
};

export interface ContractContext {
  emulator: TestEmulator;
  app: string;
  user: string;
  graph: string;
  /** Sends and fails the test unless the status is the expected one; returns the body. */
  call(path: string, options?: SendOptions & { expect?: number }): Promise<unknown>;
  raw(path: string, options?: SendOptions): Promise<HttpResult>;
}

export async function startContractEmulator(): Promise<ContractContext> {
  const emulator = await startEmulator({
    seed: {
      partners: [
        {
          tenantId: PARTNER,
          name: "Contract Partner",
          applications: [
            { clientId: "a1111111-0000-4000-8000-0000000000c0", clientSecrets: ["contract-secret"], certificates: [] },
          ],
          users: [
            {
              objectId: "a2222222-0000-4000-8000-0000000000c0",
              userPrincipalName: "admin@contractpartner.onmicrosoft.com",
              refreshTokens: ["contract-refresh"],
            },
          ],
        },
      ],
    },
    domainConfig: { provisioningDelaySeconds: 30 },
  });
  const now = Date.parse((await emulator.control.clock()).now);
  await emulator.control.seed({
    partners: [
      {
        tenantId: PARTNER,
        customers: [
          {
            tenantId: CUSTOMER,
            companyName: "Contoso",
            domain: "contosocontract.onmicrosoft.com",
            subscriptions: [
              { id: IDS.basic, offerId: "CFQ7TTC0LH18:0001", quantity: 10 },
              { id: IDS.addon, offerId: "CFQ7TTC0RM8K:0002", quantity: 2, parentSubscriptionId: IDS.basic },
              { id: IDS.trial, offerId: "CFQ7TTC0LCHC:0002", isTrial: true },
              {
                id: IDS.old,
                offerId: "CFQ7TTC0LDPB:0001",
                quantity: 10,
                purchasedAt: new Date(now - 30 * 86_400_000).toISOString(),
              },
              { id: IDS.cancel, offerId: "CFQ7TTC0LDPB:0001", quantity: 3, termDuration: "P1Y" },
              { id: IDS.premium, offerId: "CFQ7TTC0LCHC:0002", quantity: 5, termDuration: "P1Y" },
            ],
            subscribedSkus: [{ skuPartNumber: "POWER_BI_PRO", enabledUnits: 1 }],
            users: [
              {
                id: IDS.licensed,
                userPrincipalName: "daniel@contosocontract.onmicrosoft.com",
                firstName: "Daniel",
                lastName: "Tsai",
                displayName: "Daniel Tsai",
                usageLocation: "US",
                assignedLicenses: ["O365_BUSINESS_ESSENTIALS"],
              },
              {
                id: IDS.unlicensed,
                userPrincipalName: "ferdinand@contosocontract.onmicrosoft.com",
                firstName: "Ferdinand",
                lastName: "Filibuster",
                displayName: "Ferdinand",
                usageLocation: "US",
              },
              {
                id: IDS.spare,
                userPrincipalName: "spare@contosocontract.onmicrosoft.com",
                firstName: "Sam",
                lastName: "Spare",
                displayName: "Sam Spare",
                usageLocation: "US",
              },
            ],
          },
        ],
      },
    ],
  });
  const app = await emulator.token({ audience: "partner-center", kind: "app" });
  const user = await emulator.token({ audience: "partner-center", kind: "user" });
  const graph = await emulator.token({ audience: "graph", kind: "user", tenant: CUSTOMER });
  const raw = (path: string, options: SendOptions = {}) => emulator.send(path, { token: user, ...options });
  const call = async (path: string, options: SendOptions & { expect?: number } = {}) => {
    const result = await raw(path, options);
    const expected = options.expect ?? (options.method === "POST" ? 201 : 200);
    if (result.status !== expected)
      throw new Error(
        `${options.method ?? "GET"} ${path} answered ${result.status} (expected ${expected}): ${JSON.stringify(result.body)}`,
      );
    return result.body;
  };
  return { emulator, app, user, graph, call, raw };
}
