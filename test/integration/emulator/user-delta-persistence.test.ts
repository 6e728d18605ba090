// Graph users/delta rounds are kept with the tenant under --data-dir: a delta link taken before a
// restart still works after it and reports what changed in between.
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../helpers/emulator.js";

let parent = "";
afterAll(async () => rm(parent, { recursive: true, force: true }));

type Page = { value: Array<{ id: string; displayName?: string }>; "@odata.deltaLink"?: string };

describe("users/delta with --data-dir", () => {
  it("a delta link taken before a restart reports the changes made after it", async () => {
    parent = await mkdtemp(join(tmpdir(), "cspctl-delta-data-"));
    const dir = join(parent, "emulator-data");
    const customerId = randomUUID();
    const userId = randomUUID();
    const domain = `deltadata${customerId.slice(0, 8)}.onmicrosoft.com`;
    const first = await startEmulator({ dataDir: dir });
    await first.control.seed({
      partners: [
        {
          tenantId: first.env.CSPCTL_TENANT_ID,
          customers: [{ tenantId: customerId, domain, users: [{ id: userId, userPrincipalName: `ada@${domain}` }] }],
        },
      ],
    });
    const token = await first.token({ audience: "graph", kind: "user", tenant: customerId });
    const round = (await first.send("/graph/v1.0/users/delta", { token })).body as Page;
    expect(round.value.map((user) => user.id)).toEqual([userId]);
    const link = new URL(round["@odata.deltaLink"]!);
    await first.close();

    const second = await startEmulator({ dataDir: dir });
    try {
      const graph = await second.token({ audience: "graph", kind: "user", tenant: customerId });
      const patched = await second.send(`/graph/v1.0/users/${userId}`, {
        method: "PATCH",
        token: graph,
        body: { displayName: "Ada after the restart" },
      });
      expect(patched.status).toBe(204);
      const next = await second.send(`${link.pathname}${link.search}`, { token: graph });
      expect(next.status).toBe(200);
      expect((next.body as Page).value).toEqual([
        expect.objectContaining({ id: userId, displayName: "Ada after the restart" }),
      ]);
    } finally {
      await second.close();
    }
  });
});
