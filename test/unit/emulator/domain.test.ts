import { describe, expect, it } from "vitest";
import { basicSeed, createHarness, OTHER_PARTNER, PARTNER } from "./harness.js";

describe("createDomain registry", () => {
  it("finds applications, refresh tokens and customer relationships from the seed", () => {
    const { domain } = createHarness();
    domain.seed(basicSeed(2));
    expect(domain.findApplication("AAAAAAAA-0000-4000-8000-000000000001")).toEqual({
      clientId: "aaaaaaaa-0000-4000-8000-000000000001",
      partnerTenantId: PARTNER,
      clientSecrets: ["secret-a"],
      certificates: [],
    });
    expect(domain.findApplication("aaaaaaaa-0000-4000-8000-00000000dead")).toBeUndefined();
    expect(domain.findRefreshToken("rt-a")).toEqual({
      partnerTenantId: PARTNER,
      userObjectId: "bbbbbbbb-0000-4000-8000-000000000001",
      clientId: "aaaaaaaa-0000-4000-8000-000000000001",
    });
    expect(domain.findRefreshToken("nope")).toBeUndefined();
    expect(domain.isCustomerOf(PARTNER, "cccccccc-0000-4000-8000-000000000000")).toBe(true);
    expect(domain.isCustomerOf(OTHER_PARTNER, "cccccccc-0000-4000-8000-000000000000")).toBe(false);
    expect(domain.isCustomerOf(PARTNER, "dddddddd-0000-4000-8000-000000000001")).toBe(false);
  });

  it("snapshots to plain JSON and restores it; reset empties the state", async () => {
    const harness = createHarness();
    harness.domain.seed(basicSeed(2));
    const snapshot = JSON.parse(JSON.stringify(harness.domain.snapshot())) as unknown;
    harness.domain.reset();
    expect(harness.domain.findApplication("aaaaaaaa-0000-4000-8000-000000000001")).toBeUndefined();
    harness.domain.restore(snapshot);
    const list = await harness.call("GET", "/customers");
    expect((list.body as { totalCount: number }).totalCount).toBe(2);
  });

  it("rejects a seed that reuses a domain, naming the field", () => {
    const { domain } = createHarness();
    domain.seed(basicSeed(1));
    expect(() => domain.seed({ tenants: [{ domain: "contoso0.onmicrosoft.com" }] })).toThrowError(/emulator error 400/);
  });

  it("applies a seed all or nothing", () => {
    const { domain } = createHarness();
    domain.seed(basicSeed(1));
    const before = JSON.stringify(domain.snapshot());
    expect(() =>
      domain.seed({ tenants: [{ domain: "fresh.onmicrosoft.com" }, { domain: "contoso0.onmicrosoft.com" }] }),
    ).toThrowError();
    expect(JSON.stringify(domain.snapshot())).toBe(before);
  });
});

describe("GET /customers", () => {
  it("pages with seekOperation=Next and MS-ContinuationToken until links.next is absent", async () => {
    const harness = createHarness();
    harness.domain.seed(basicSeed(5));
    const first = (await harness.call("GET", "/customers?size=2")).body as {
      totalCount: number;
      items: { id: string }[];
      links: Record<string, { uri: string; headers: { key: string; value: string }[] }>;
      continuationToken?: string;
    };
    expect(first.totalCount).toBe(2);
    expect(first.links["next"]?.uri).toBe("/customers?size=2&seekOperation=Next");
    const header = first.links["next"]?.headers[0];
    expect(header?.key).toBe("MS-ContinuationToken");
    expect(first.continuationToken).toBe(header?.value);
    const ids = first.items.map((item) => item.id);
    let token = header?.value;
    while (token !== undefined) {
      const page = (
        await harness.call("GET", "/customers?size=2&seekOperation=Next", {
          headers: { "ms-continuationtoken": token },
        })
      ).body as typeof first;
      ids.push(...page.items.map((item) => item.id));
      token = page.links["next"]?.headers[0]?.value;
    }
    expect(ids).toHaveLength(5);
    expect(new Set(ids).size).toBe(5);
  });

  it("neither skips nor repeats a customer when customers are added between pages", async () => {
    const harness = createHarness();
    harness.domain.seed(basicSeed(6));
    const seen: string[] = [];
    type Page = { items: { id: string }[]; links: Record<string, { headers: { value: string }[] } | undefined> };
    let page = (await harness.call("GET", "/customers?size=2")).body as Page;
    for (let i = 0; ; i += 1) {
      seen.push(...page.items.map((item) => item.id));
      const billing = {
        email: "b@x.example",
        culture: "en-US",
        language: "en",
        companyName: `Added ${i}`,
        defaultAddress: { country: "US", addressLine1: "1 Main St" },
      };
      await harness.call("POST", "/customers", {
        body: { companyProfile: { domain: `added${i}.onmicrosoft.com` }, billingProfile: billing },
      });
      const token = page.links["next"]?.headers[0]?.value;
      if (token === undefined) break;
      page = (
        await harness.call("GET", "/customers?seekOperation=Next", { headers: { "ms-continuationtoken": token } })
      ).body as Page;
    }
    const seeded = Array.from({ length: 6 }, (_, i) => `cccccccc-0000-4000-8000-${String(i).padStart(12, "0")}`);
    for (const id of seeded) expect(seen.filter((s) => s === id)).toHaveLength(1);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("filters starts_with on CompanyName and Domain, case-insensitively, across pages", async () => {
    const harness = createHarness();
    harness.domain.seed(basicSeed(6));
    const filter = encodeURIComponent(JSON.stringify({ Field: "CompanyName", Value: "cont", Operator: "starts_with" }));
    const byName = (await harness.call("GET", `/customers?size=0&filter=${filter}`)).body as {
      items: { companyProfile: { companyName: string } }[];
    };
    expect(byName.items.map((c) => c.companyProfile.companyName)).toEqual(["Contoso 0", "Contoso 2", "Contoso 4"]);
    const domainFilter = encodeURIComponent(
      JSON.stringify({ Field: "Domain", Value: "FABRIKAM3", Operator: "starts_with" }),
    );
    const byDomain = (await harness.call("GET", `/customers?filter=${domainFilter}`)).body as { items: unknown[] };
    expect(byDomain.items).toHaveLength(1);
  });

  it("shows a partner only its own customers", async () => {
    const harness = createHarness();
    harness.domain.seed(basicSeed(2));
    const other = (await harness.call("GET", "/customers", { principal: { partnerTenantId: OTHER_PARTNER } })).body as {
      items: unknown[];
    };
    expect(other.items).toHaveLength(0);
    const error = await harness.fail("GET", "/customers/cccccccc-0000-4000-8000-000000000000", {
      principal: { partnerTenantId: OTHER_PARTNER },
    });
    expect(error.status).toBe(404);
  });

  it("returns a customer by id with billing and company profile", async () => {
    const harness = createHarness();
    harness.domain.seed(basicSeed(1));
    const customer = (await harness.call("GET", "/customers/cccccccc-0000-4000-8000-000000000000")).body as Record<
      string,
      unknown
    >;
    expect(customer).toMatchObject({
      id: "cccccccc-0000-4000-8000-000000000000",
      relationshipToPartner: "reseller",
      attributes: { objectType: "Customer" },
    });
    expect(customer["billingProfile"]).toMatchObject({ attributes: { objectType: "CustomerBillingProfile" } });
  });
});
