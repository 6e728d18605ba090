// A link-mode customer end to end with `--emulator-dir DIR`: apply (in-process) prints the reseller
// invitation, the customer's admin accepts it through a standalone `cspctl emulator --emulator-dir DIR`
// (the built CLI in its own process; its control API plays the admin), and the next apply makes the
// customer converge.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { Agent, request } from "undici";
import { describe, expect, it } from "vitest";
import { CLI_PATH } from "../helpers/cli-child.js";
import { runCliInProcess } from "../helpers/cli-in-process.js";

const TENANT = "6a0c3d9e-2b41-4f7a-8c5e-1d2f3a4b5c6d";
const DOMAIN = "linkco.onmicrosoft.com";

const run = (args: string[]) => runCliInProcess(args);

/** Starts `cspctl emulator --emulator-dir dir`, makes one control-API call, and stops it (SIGTERM). */
async function control(
  dir: string,
  path: string,
  body: unknown,
): Promise<{ status: number; body: { result?: unknown } }> {
  const child = spawn(process.execPath, [CLI_PATH, "emulator", "--emulator-dir", dir], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const closed = new Promise((resolve) => child.once("close", resolve));
  try {
    const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
    const first = await lines.next();
    const started = JSON.parse(String(first.value)) as {
      env: { CSPCTL_CA_FILE: string };
      controlUrl: string;
      adminKey: string;
    };
    const dispatcher = new Agent({ connect: { ca: readFileSync(started.env.CSPCTL_CA_FILE, "utf8") } });
    try {
      const response = await request(`${started.controlUrl}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-emulator-key": started.adminKey },
        body: JSON.stringify(body),
        dispatcher,
      });
      return { status: response.statusCode, body: (await response.body.json()) as { result?: unknown } };
    } finally {
      await dispatcher.close();
    }
  } finally {
    child.kill("SIGTERM");
    await closed;
  }
}

describe("link-mode invitation through --emulator-dir DIR", { timeout: 180_000 }, () => {
  it("the invitation apply prints is persisted, accepted through the standalone emulator's control API, and the customer converges", async () => {
    const data = mkdtempSync(join(tmpdir(), "cspctl-e2e-link-"));
    const estate = mkdtempSync(join(tmpdir(), "cspctl-e2e-link-estate-"));
    writeFileSync(
      join(estate, "linkco.yaml"),
      `apiVersion: cspctl/v1
kind: Customer
metadata: { name: linkco }
spec:
  company: { name: Link Co, domain: ${DOMAIN}, country: US }
  tenant: { mode: link }
  subscriptions:
    - { name: bp, offer: CFQ7TTC0LCHC:0002, term: P1Y, billing: monthly, quantity: 1 }
`,
    );
    // an existing Microsoft 365 tenant that is nobody's customer yet
    const seeded = await control(data, "/seed", {
      tenants: [{ tenantId: TENANT, companyName: "Link Co", domain: DOMAIN }],
    });
    expect(seeded.status, JSON.stringify(seeded.body)).toBe(200);

    const first = await run(["apply", estate, "--emulator-dir", data, "--yes"]);
    expect(first.status, first.stdout + first.stderr).toBe(2);
    const link = /invitation link for the customer's global admin: (\S+)/.exec(first.stdout)?.[1];
    expect(link).toBeDefined();
    const invitationId = new URL(link!).searchParams.get("invitationId");

    const accepted = await control(data, `/invitations/${invitationId}/accept`, { tenantId: TENANT });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.result).toMatchObject({ customerTenantId: TENANT, relationshipToPartner: "reseller" });

    const second = await run(["apply", estate, "--emulator-dir", data, "--yes", "--json"]);
    expect(second.status, second.stdout + second.stderr).toBe(0);
    const plan = await run(["plan", estate, "--emulator-dir", data, "--detailed-exitcode"]);
    expect(plan.status, plan.stdout + plan.stderr).toBe(0);
  });
});
