// The invariant checker is the judge of every fault and crash run, so it is tested first: after a
// clean apply it reports nothing, and after a second purchase of a declared offer, a changed
// quantity and a removed licence (made behind cspctl's back) it reports exactly those.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createClient } from "../../client/index.js";
import { applyPlan, loadEstate, planEstate, type CredentialSink } from "../../reconciler/index.js";
import { startEmulator, type TestEmulator } from "../helpers/emulator.js";
import { checkEstateInvariants } from "../helpers/estate-invariants.js";
import { writeGeneratedEstate } from "../helpers/generated-estate.js";

let emu: TestEmulator | undefined;
afterAll(async () => emu?.close());

describe("the estate invariant checker", { timeout: 120_000 }, () => {
  it("sees nothing after a clean apply, then each duplicate and lost change made behind cspctl's back", async () => {
    emu = await startEmulator({ domainConfig: { provisioningDelaySeconds: 0 } });
    const client = createClient({ env: { ...emu.env }, poll: { intervalMs: 50 } });
    try {
      const dir = mkdtempSync(join(tmpdir(), "cspctl-chaos-estate-"));
      const declared = writeGeneratedEstate(dir, { customers: 2, tag: "ctl", usersPerCustomer: 2 });
      const loaded = await loadEstate(dir, { cwd: dir, env: {} });
      if (!loaded.valid) throw new Error(JSON.stringify(loaded.diagnostics));
      const sink: CredentialSink = { record: () => undefined, count: 0 };
      const { plan } = await planEstate(client, loaded.estate, {});
      const report = await applyPlan(plan, { client, estate: loaded.estate, credentials: sink });
      expect(report.summary.failed).toBe(0);
      expect(await checkEstateInvariants(emu, declared)).toMatchObject({
        duplicates: [],
        lost: [],
        checked: { customers: 2, subscriptions: 4, users: 4, licenses: 6 },
      });

      const first = declared[0]!;
      const second = declared[1]!;
      const customers = await emu.send("/v1/customers", {
        token: await emu.token({ audience: "partner-center", kind: "app" }),
      });
      const idOf = (domain: string) =>
        (customers.body as { items: { id: string; companyProfile: { domain: string } }[] }).items.find(
          (c) => c.companyProfile.domain === domain,
        )!.id;
      const bp = first.subscriptions[0]!;
      await client.partnerCenter.orders.purchase(
        idOf(first.domain),
        [{ productId: bp.productId, skuId: bp.skuId, quantity: 1, termDuration: bp.term, billingCycle: "monthly" }],
        { country: "US" },
      );
      const secondId = idOf(second.domain);
      const exo = (await client.partnerCenter.subscriptions.list(secondId)).find((s) =>
        s.offerId?.startsWith("CFQ7TTC0LH16"),
      )!;
      await client.partnerCenter.subscriptions.update(secondId, exo.id, { quantity: exo.quantity + 1 });
      const user = second.users[0]!;
      await client.graph.users.assignLicense(secondId, user.userPrincipalName, {
        add: [],
        remove: [user.licenseSkuIds[1]!],
      });

      const found = await checkEstateInvariants(emu, declared);
      expect(found.duplicates).toEqual([expect.stringContaining(`${first.name}/subscription:bp`)]);
      expect(found.lost).toEqual([
        expect.stringMatching(
          new RegExp(`^${second.name}/subscription:exo quantity ${exo.quantity + 1}, declared ${exo.quantity}$`),
        ),
        `${second.name}/user:${user.userPrincipalName}/license:${user.licenseSkuIds[1]}`,
      ]);
    } finally {
      await client.close();
    }
  });
});
