// Declared customer fields reach Partner Center: the billing address is compared and written (a
// linked tenant's partial billing profile is read, merged and written whole), and a government
// qualification is sent with its validation code.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyPlan } from "../../../reconciler/apply/apply-plan.js";
import type { DesiredEstate } from "../../../reconciler/model/desired-estate.js";
import { estateFromYaml } from "../../helpers/estate-fixtures.js";
import { startDriftWorld, type DriftWorld } from "../drift/drift-world.js";

let w: DriftWorld;
beforeAll(async () => {
  w = await startDriftWorld();
});
afterAll(async () => {
  await w?.close();
});

const plan = (estate: DesiredEstate) => w.plan(estate);

async function converge(estate: DesiredEstate): Promise<void> {
  const report = await applyPlan(await plan(estate), { client: w.client, estate, allowDestructive: true });
  expect(report.outcomes.filter((o) => o.outcome !== "applied")).toEqual([]);
  expect((await plan(estate)).steps).toEqual([]);
}

function customer(name: string, domain: string, tenant: string, company = "", city = "Seattle"): string {
  return `apiVersion: cspctl/v1
kind: Customer
metadata: { name: ${name} }
spec:
  company: { name: ${name}, domain: ${domain}, country: US${company} }
  tenant: ${tenant}
  billing: { email: ap@${domain}, firstName: Ada, lastName: Lovelace, address: { line1: 2 Pike Street, city: ${city}, state: WA, postalCode: "98101", country: US } }
`;
}

describe("declared customer fields reach Partner Center", () => {
  it("a billing address change is planned, applied and read back", async () => {
    const yaml = (city: string) => customer("driftco", w.domain, `{ mode: link, id: ${w.tenantId} }`, "", city);
    await converge(await estateFromYaml(yaml("Seattle")));
    const moved = await estateFromYaml(yaml("Tacoma"));
    const steps = (await plan(moved)).steps;
    expect(steps.map((s) => [s.action, s.changedFields])).toEqual([["update-customer", ["billing.address"]]]);
    expect(steps[0]).toMatchObject({
      before: { address: { city: "Seattle" } },
      after: { address: { city: "Tacoma" } },
    });
    await converge(moved);
    const profile = await w.pc("GET", `/customers/${w.tenantId}/profiles/billing`);
    expect(profile.body.defaultAddress).toMatchObject({
      addressLine1: "2 Pike Street",
      city: "Tacoma",
      postalCode: "98101",
    });
  });

  it("a linked tenant's partial billing profile (a country only) is merged with the declaration and written whole", async () => {
    const tenantId = randomUUID();
    const domain = "partialco.onmicrosoft.com";
    await w.emulator.control.seed({ tenants: [{ tenantId, companyName: "Partial Co", domain }] });
    const link = (await w.pc("GET", "/customers/relationshiprequests")).body.url as string;
    await w.emulator.control.acceptInvitation(new URL(link).searchParams.get("invitationId")!, tenantId);
    const before = await w.pc("GET", `/customers/${tenantId}/profiles/billing`);
    expect(before.body.defaultAddress.addressLine1).toBeUndefined();

    const estate = await estateFromYaml(customer("partialco", domain, `{ mode: link, id: ${tenantId} }`));
    const [update] = (await plan(estate)).steps;
    expect(update).toMatchObject({ action: "update-customer", before: { address: { country: "US" } } });
    await converge(estate);
    const after = await w.pc("GET", `/customers/${tenantId}/profiles/billing`);
    expect(after.body).toMatchObject({
      email: "ap@partialco.onmicrosoft.com",
      firstName: "Ada",
      defaultAddress: { addressLine1: "2 Pike Street", city: "Seattle", state: "WA", country: "US" },
    });
  });

  it("a government customer is created and qualified with its validation code", async () => {
    const domain = "govco.onmicrosoft.com";
    const estate = await estateFromYaml(
      customer("govco", domain, "{ mode: create }", ', qualification: government, validationCode: "540321"'),
    );
    const steps = (await plan(estate)).steps;
    expect(steps.find((s) => s.reason === "qualification_missing")?.after).toEqual({
      qualification: "GovernmentCommunityCloud",
      validationCode: "540321",
    });
    await converge(estate);
    const customers = (await w.pc("GET", "/customers")).body.items as {
      id: string;
      companyProfile: { domain: string };
    }[];
    const id = customers.find((c) => c.companyProfile.domain === domain)!.id;
    const qualifications = (await w.pc("GET", `/customers/${id}/qualifications`)).body;
    expect(qualifications).toEqual([expect.objectContaining({ qualification: "GovernmentCommunityCloud" })]);
  });

  it("a government qualification without its validation code is refused at load, with the way to get one", async () => {
    await expect(
      estateFromYaml(customer("govco2", "govcotwo.onmicrosoft.com", "{ mode: create }", ", qualification: government")),
    ).rejects.toThrow(/estate\.qualification_detail_missing/);
    await expect(
      estateFromYaml(customer("govco3", "govcothree.onmicrosoft.com", "{ mode: create }", ', validationCode: "1"')),
    ).rejects.toThrow(/estate\.qualification_detail_unused/);
  });
});
