// locate() looks a customer's addresses up lazily, through the source index: every address of a
// loaded estate must still lead to the very position its node carries as `source`, whatever order the
// customers are asked about in, on the examples and on a generated estate.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateEstate, writeEstate } from "../../../bench/estate/generate-estate.js";
import { loadEstate, type DesiredEstate } from "../../../reconciler/index.js";

const repo = join(import.meta.dirname, "..", "..", "..");

/** Every located node (subscriptions, add-ons, users, licences) with the source it was built with. */
function locatedNodes(estate: DesiredEstate): { address: string; source: unknown }[] {
  return estate.customers.flatMap((c) =>
    [...c.subscriptions, ...c.users, ...c.users.flatMap((u) => u.licenses)].map(({ address, source }) => ({
      address,
      source,
    })),
  );
}

function expectEveryAddressLocated(estate: DesiredEstate): void {
  const nodes = locatedNodes(estate);
  expect(nodes.length).toBeGreaterThan(0);
  // last customer first: tables are built on first use, in any order
  for (const { address, source } of [...nodes].reverse()) expect(estate.locate(address), address).toEqual(source);
  for (const customer of estate.customers)
    expect(estate.locate(customer.address)).toMatchObject({ file: customer.source.file });
  for (const profile of estate.profiles)
    expect(estate.locate(profile.address)).toMatchObject({ file: profile.source.file });
}

describe("locate", () => {
  it("finds every address of the example estate where its node was written", async () => {
    const result = await loadEstate("examples/estate", { cwd: repo, env: {} });
    expectEveryAddressLocated(result.estate!);
    expect(result.estate!.locate("customer:contoso/user:nobody@contosoltd.onmicrosoft.com")).toBeUndefined();
    expect(result.estate!.locate("customer:contoso/subscription:nope")).toBeUndefined();
    expect(result.estate!.locate("profile:nope")).toBeUndefined();
    expect(result.estate!.locate("tenant:contoso")).toBeUndefined();
  });

  it("finds every address of a generated estate, and a field below a user", async () => {
    const root = mkdtempSync(join(tmpdir(), "cspctl-locate-"));
    try {
      writeEstate(generateEstate({ customers: 30, subscriptions: 3, usersPerCustomer: 5, seed: 11 }), root);
      const result = await loadEstate(root, { cwd: root, env: {} });
      expect(result.valid).toBe(true);
      expectEveryAddressLocated(result.estate!);
      const user = result.estate!.customers[3]!.users[2]!;
      expect(result.estate!.locate(user.address, "licenses[0]")).toEqual(user.licenses[0]!.source);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
