import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type TestEmulator } from "../../helpers/emulator.js";
import { CONTOSO, FABRIKAM, integrationSeed, NORTHWIND, PARTNER_A, PARTNER_B } from "./fixture.js";

let emulator: TestEmulator;
let appToken: string;
let userToken: string;

beforeAll(async () => {
  emulator = await startEmulator({ seed: integrationSeed() });
  appToken = await emulator.token({ audience: "partner-center", kind: "app" });
  userToken = await emulator.token({ audience: "partner-center", kind: "user" });
});
afterAll(async () => emulator.close());

describe("customers over HTTPS", () => {
  it("lists with seek paging: next link, MS-ContinuationToken header and body token", async () => {
    const first = await emulator.send("/v1/customers?size=1", { token: appToken });
    expect(first.status).toBe(200);
    const body = first.body as {
      items: { id: string }[];
      links: { next?: { uri: string; headers: { key: string; value: string }[] } };
      continuationToken?: string;
    };
    expect(body.items).toHaveLength(1);
    // Relative to the versioned base, as Microsoft's links are: a client appends it to https://…/v1.
    expect(body.links.next?.uri).toBe("/customers?size=1&seekOperation=Next");
    const header = body.links.next!.headers[0]!;
    expect(body.continuationToken).toBe(header.value);
    const second = await emulator.send(`/v1${body.links.next!.uri}`, {
      token: appToken,
      headers: { [header.key]: header.value },
    });
    const secondBody = second.body as { items: { id: string }[]; links: { next?: unknown } };
    expect(secondBody.links.next).toBeUndefined();
    expect([...body.items, ...secondBody.items].map((c) => c.id).sort()).toEqual([CONTOSO, FABRIKAM]);
  });

  it("creates a customer with PascalCase input, returns the admin credentials once, and takes the domain globally", async () => {
    const free = await emulator.send("/v1/domains/newco.onmicrosoft.com", { method: "HEAD", token: appToken });
    expect(free.status).toBe(404);
    const request = {
      CompanyProfile: { Domain: "newco.onmicrosoft.com" },
      BillingProfile: {
        Email: "billing@newco.example",
        Culture: "en-US",
        Language: "en",
        CompanyName: "NewCo",
        DefaultAddress: {
          Country: "US",
          City: "Redmond",
          State: "WA",
          AddressLine1: "One Microsoft Way",
          PostalCode: "98052",
          FirstName: "Ada",
          LastName: "Lovelace",
        },
      },
    };
    const created = await emulator.send("/v1/customers", {
      method: "POST",
      token: appToken,
      body: request,
      headers: { "ms-requestid": "0c8e6c5e-0000-4000-8000-000000000001" },
    });
    expect(created.status).toBe(201);
    const customer = created.body as {
      id: string;
      userCredentials: { userName: string; password: string };
      companyProfile: { domain: string };
    };
    expect(customer.userCredentials.userName).toBe("admin");
    expect(customer.userCredentials.password.length).toBeGreaterThanOrEqual(8);
    expect(customer.companyProfile.domain).toBe("newco.onmicrosoft.com");
    const taken = await emulator.send("/v1/domains/NEWCO.onmicrosoft.com", { method: "HEAD", token: appToken });
    expect(taken.status).toBe(200);
    const again = await emulator.send("/v1/customers", { method: "POST", token: appToken, body: request });
    expect(again.status).toBe(400);
    const fetched = await emulator.send(`/v1/customers/${customer.id}`, { token: appToken });
    expect(fetched.body).not.toHaveProperty("userCredentials");
  });

  it("takes a seeded customer's billing profile PUT back unchanged", async () => {
    const current = await emulator.send(`/v1/customers/${FABRIKAM}/profiles/billing`, { token: appToken });
    const profile = current.body as { defaultAddress: Record<string, string>; attributes: { etag: string } };
    expect(profile.defaultAddress).toMatchObject({
      country: "US",
      addressLine1: expect.any(String),
      city: expect.any(String),
      postalCode: expect.any(String),
    });
    const putBack = await emulator.send(`/v1/customers/${FABRIKAM}/profiles/billing`, {
      method: "PUT",
      token: appToken,
      body: profile,
      headers: { "if-match": `"${profile.attributes.etag}"` },
    });
    expect(putBack.status).toBe(200);
    const { attributes: after, ...rest } = putBack.body as { attributes: { etag: string } };
    const { attributes: before, ...unchanged } = profile;
    expect(rest).toEqual(unchanged);
    expect(after.etag).not.toBe(before.etag);
  });

  it("updates the billing profile only with the current ETag", async () => {
    const current = await emulator.send(`/v1/customers/${CONTOSO}/profiles/billing`, { token: appToken });
    const profile = current.body as Record<string, unknown> & { attributes: { etag: string } };
    const missing = await emulator.send(`/v1/customers/${CONTOSO}/profiles/billing`, {
      method: "PUT",
      token: appToken,
      body: { ...profile, email: "x@contoso.example" },
    });
    expect(missing.status).toBe(400);
    const updated = await emulator.send(`/v1/customers/${CONTOSO}/profiles/billing`, {
      method: "PUT",
      token: appToken,
      body: { ...profile, email: "x@contoso.example" },
      headers: { "if-match": `"${profile.attributes.etag}"` },
    });
    expect(updated.status).toBe(200);
    const next = updated.body as { email: string; attributes: { etag: string } };
    expect(next.email).toBe("x@contoso.example");
    expect(next.attributes.etag).not.toBe(profile.attributes.etag);
    const stale = await emulator.send(`/v1/customers/${CONTOSO}/profiles/billing`, {
      method: "PUT",
      token: appToken,
      body: profile,
      headers: { "if-match": `"${profile.attributes.etag}"` },
    });
    expect(stale.status).toBe(400);
    expect((stale.body as { code: number }).code).toBe(2055);
  });

  it("records qualifications, refusing Nonprofit", async () => {
    const created = await emulator.send(`/v1/customers/${FABRIKAM}/qualifications`, {
      method: "POST",
      token: userToken,
      body: { qualification: "Education", educationSegment: "HigherEducation", website: "fabrikam.edu" },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ qualification: "Education", vettingStatus: "InReview" });
    const listed = await emulator.send(`/v1/customers/${FABRIKAM}/qualifications`, { token: appToken });
    expect(listed.body).toEqual([expect.objectContaining({ qualification: "Education", vettingStatus: "InReview" })]);
    const nonprofit = await emulator.send(`/v1/customers/${FABRIKAM}/qualifications`, {
      method: "POST",
      token: userToken,
      body: { qualification: "Nonprofit" },
    });
    expect(nonprofit.status).toBe(400);
  });

  it("turns an existing tenant into a customer only when it accepts the invitation (multi-channel)", async () => {
    expect((await emulator.send(`/v1/customers/${NORTHWIND}`, { token: appToken })).status).toBe(404);
    const invitation = await emulator.send("/v1/customers/relationshiprequests", { token: userToken });
    expect(invitation.status).toBe(200);
    const url = new URL((invitation.body as { url: string }).url);
    expect(url.searchParams.get("partnerId")).toBe(PARTNER_A);
    await emulator.control.acceptInvitation(url.searchParams.get("invitationId")!, NORTHWIND);
    const customer = await emulator.send(`/v1/customers/${NORTHWIND}`, { token: appToken });
    expect(customer.status).toBe(200);
    const skus = await emulator.send(`/v1/customers/${NORTHWIND}/subscribedskus`, { token: userToken });
    expect((skus.body as { items: { productSku: { skuPartNumber: string }; activeUnits: number }[] }).items).toEqual([
      expect.objectContaining({ productSku: expect.objectContaining({ skuPartNumber: "SPB" }), activeUnits: 5 }),
    ]);
    const subscriptions = await emulator.send(`/v1/customers/${NORTHWIND}/subscriptions`, { token: appToken });
    expect((subscriptions.body as { items: unknown[] }).items).toEqual([]);
  });

  it("keeps partners apart: partner B neither lists nor reads partner A's customers", async () => {
    const form = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: "b1111111-0000-4000-8000-000000000001",
      client_secret: "secret-of-b",
      scope: "https://api.partnercenter.microsoft.com/.default",
    });
    const issued = await emulator.send(`/${PARTNER_B}/oauth2/v2.0/token`, {
      method: "POST",
      rawBody: form.toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    const tokenOfB = (issued.body as { access_token: string }).access_token;
    const list = await emulator.send("/v1/customers", { token: tokenOfB });
    expect(list.status).toBe(200);
    expect((list.body as { items: unknown[] }).items).toEqual([]);
    const read = await emulator.send(`/v1/customers/${CONTOSO}`, { token: tokenOfB });
    expect(read.status).toBe(404);
    const subscriptions = await emulator.send(`/v1/customers/${CONTOSO}/subscriptions`, { token: tokenOfB });
    expect(subscriptions.status).toBe(404);
  });
});
