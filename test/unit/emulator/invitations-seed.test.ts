import { describe, expect, it } from "vitest";
import { EmulatorHttpError } from "../../../emulator/errors.js";
import { basicSeed, createHarness, PARTNER } from "./harness.js";

const NORTHWIND = "dddddddd-0000-4000-8000-000000000001";

async function invitationId(harness: ReturnType<typeof createHarness>): Promise<string> {
  const answer = (await harness.call("GET", "/customers/relationshiprequests")).body as { url: string };
  return new URL(answer.url).searchParams.get("invitationId")!;
}

describe("reseller invitations (multi-channel, R-CUS-4)", () => {
  it("reuses one invitation per partner and links the accepting tenant once", async () => {
    const harness = createHarness();
    harness.domain.seed(basicSeed(1));
    const id = await invitationId(harness);
    expect(await invitationId(harness)).toBe(id);
    expect(harness.domain.isCustomerOf(PARTNER, NORTHWIND)).toBe(false);
    expect(harness.domain.acceptInvitation(id, NORTHWIND)).toMatchObject({
      customerTenantId: NORTHWIND,
      partnerTenantId: PARTNER,
    });
    harness.domain.acceptInvitation(id, NORTHWIND);
    expect(harness.domain.isCustomerOf(PARTNER, NORTHWIND)).toBe(true);
    expect(((await harness.call("GET", "/customers")).body as { items: unknown[] }).items).toHaveLength(2);
  });

  it("needs the tenant named when several could accept, and refuses unknown invitations", async () => {
    const harness = createHarness();
    harness.domain.seed({
      ...basicSeed(1),
      tenants: [{ domain: "one.onmicrosoft.com" }, { domain: "two.onmicrosoft.com" }],
    });
    const id = await invitationId(harness);
    expect(() => harness.domain.acceptInvitation(id)).toThrowError(EmulatorHttpError);
    expect(() => harness.domain.acceptInvitation("no-such-invitation", NORTHWIND)).toThrowError(EmulatorHttpError);
  });

  it("accepts for the only unlinked tenant when none is named", async () => {
    const harness = createHarness();
    harness.domain.seed(basicSeed(1));
    const id = await invitationId(harness);
    expect(harness.domain.acceptInvitation(id)).toMatchObject({ customerTenantId: NORTHWIND });
  });
});

describe("seed validation", () => {
  it.each([
    [{ partners: [{}] }, "seed.partners[0].tenantId must be a non-empty string"],
    [
      {
        partners: [
          {
            tenantId: PARTNER,
            customers: [{ tenantId: "x", domain: "x.onmicrosoft.com", subscriptions: [{ offerId: "NOPE:0001" }] }],
          },
        ],
      },
      "seed.partners[0].customers[0].subscriptions[0].offerId NOPE:0001 is not in the embedded catalog",
    ],
    [
      {
        tenants: [
          {
            domain: "t.onmicrosoft.com",
            users: [{ userPrincipalName: "a@t.onmicrosoft.com", assignedLicenses: ["NOT_A_SKU"] }],
          },
        ],
      },
      "is neither a licence skuId GUID nor a known skuPartNumber",
    ],
    [
      {
        partners: [
          { tenantId: PARTNER, applications: [{ clientId: "c" }] },
          { tenantId: "other", applications: [{ clientId: "C" }] },
        ],
      },
      "clientId c is already registered",
    ],
  ])("names the bad field: %j", (seed, message) => {
    const { domain } = createHarness();
    try {
      domain.seed(seed);
      expect.unreachable();
    } catch (error) {
      expect((error as EmulatorHttpError).body).toMatchObject({
        code: 800002,
        description: expect.stringContaining(message),
      });
    }
  });
});
