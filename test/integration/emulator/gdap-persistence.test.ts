// GDAP writes are saved with --data-dir as a delta of the customer their relationship names (not
// the whole state), and a relationship the customer approved is still there after a restart.
import { randomUUID } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { JOURNAL_FILE_NAME } from "../../../emulator/persistence/journal.js";
import { startEmulator } from "../../helpers/emulator.js";

const R = "/graph/v1.0/tenantRelationships/delegatedAdminRelationships";
let parent = "";
afterAll(async () => rm(parent, { recursive: true, force: true }));

describe("GDAP with --data-dir", () => {
  it("journals a relationship under its customer and keeps it, approved, across a restart", async () => {
    parent = await mkdtemp(join(tmpdir(), "cspctl-gdap-data-"));
    const dir = join(parent, "emulator-data");
    const first = await startEmulator({ dataDir: dir, minCompactionBytes: Number.MAX_SAFE_INTEGER });
    const customerId = randomUUID();
    await first.control.seed({
      partners: [
        {
          tenantId: first.env.CSPCTL_TENANT_ID,
          customers: [
            { tenantId: customerId, domain: `gdapdata${customerId.slice(0, 8)}.onmicrosoft.com`, gdap: false },
          ],
        },
      ],
    });
    const graph = await first.token({ audience: "graph", kind: "user" });
    const created = await first.send(R, {
      method: "POST",
      token: graph,
      body: {
        displayName: "persisted",
        duration: "P30D",
        customer: { tenantId: customerId },
        accessDetails: { unifiedRoles: [{ roleDefinitionId: "fe930be7-5e62-47db-91af-98c3a49a38b1" }] },
      },
    });
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;
    const lines = (await readFile(join(dir, JOURNAL_FILE_NAME), "utf8")).split("\n").filter(Boolean);
    const last = JSON.parse(lines.at(-1)!) as { delta?: { customers: { customerId: string }[] } };
    expect(last.delta?.customers.map((c) => c.customerId)).toEqual([customerId]);
    await first.send(`${R}/${id}/requests`, { method: "POST", token: graph, body: { action: "lockForApproval" } });
    await first.control.gdap(id, "approve");
    await first.close();

    const second = await startEmulator({ dataDir: dir });
    try {
      await second.control.advanceClock("PT1M");
      const token = await second.token({ audience: "graph", kind: "user" });
      const after = await second.send(`${R}/${id}`, { token });
      expect(after.status).toBe(200);
      expect((after.body as { status: string }).status).toBe("active");
    } finally {
      await second.close();
    }
  });
});
