// examples/estate converges end to end against the emulator: link customers are invited once, wait,
// and run their steps once their admin accepts; afterwards a plan is empty and an apply writes nothing.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, type CspClient } from "../../../client/index.js";
import { EMULATOR_THROTTLE } from "../../../cli/connection.js";
import { demoLinkTenants } from "../../../cli/demo/link-tenants.js";
import { applyPlan } from "../../../reconciler/apply/apply-plan.js";
import type { CredentialRecord } from "../../../reconciler/apply/credentials.js";
import { readInvitationLog, recordInvitation } from "../../../reconciler/apply/invitation-log.js";
import { loadEstate } from "../../../reconciler/load/load-estate.js";
import type { DesiredEstate } from "../../../reconciler/model/desired-estate.js";
import { planEstate } from "../../../reconciler/plan-estate.js";
import type { Plan } from "../../../reconciler/plan/plan.js";
import { startEmulator, type TestEmulator } from "../../helpers/emulator.js";

let emulator: TestEmulator;
let client: CspClient;
let estate: DesiredEstate;
const log = join(mkdtempSync(join(tmpdir(), "cspctl-invitations-")), "invitations.json");
const saved: CredentialRecord[] = [];
const sink = {
  record: (c: CredentialRecord) => void saved.push(c),
  get count() {
    return saved.length;
  },
};

beforeAll(async () => {
  emulator = await startEmulator({ domainConfig: { provisioningDelaySeconds: 0 } });
  client = createClient({ env: emulator.env, poll: { intervalMs: 20 }, throttle: EMULATOR_THROTTLE });
  const loaded = await loadEstate("examples/estate", { env: { ...process.env } });
  if (!loaded.valid) throw new Error("examples/estate must be valid");
  estate = loaded.estate;
  // the link-mode customers' tenants exist already (that is what link means); one bought Exchange elsewhere
  await emulator.control.seed(demoLinkTenants());
});
afterAll(async () => {
  await client?.close();
  await emulator?.close();
});

const plan = async (): Promise<Plan> =>
  (await planEstate(client, estate, { invitations: readInvitationLog(log) })).plan;
const apply = async (p: Plan) => {
  const report = await applyPlan(p, { client, estate, credentials: sink, allowDestructive: true });
  for (const o of report.outcomes) {
    if (o.action === "send-invitation" && o.outcome === "applied") {
      const desired = estate.customers.find((c) => c.name === o.customer)!;
      recordInvitation(log, {
        customer: o.customer,
        domain: desired.company.domain,
        tenantId: desired.tenant.id ?? null,
        url: String(o.detail?.invitationUrl),
        sentAt: "2026-11-23T12:00:00Z",
      });
    }
  }
  return report;
};
const actions = (p: Plan, customer: string) =>
  p.steps.filter((s) => s.customer === customer).map((s) => `${s.action}:${s.status}`);

describe("examples/estate from an empty Partner Center", () => {
  it("invites link customers once, waits for them, converges after they accept, then writes nothing", async () => {
    const first = await plan();
    expect(actions(first, "adatum")).toEqual(["send-invitation:ready"]);
    const report = await apply(first);
    expect(report.summary.failed).toBe(0);
    const invitation = report.outcomes.find((o) => o.customer === "adatum" && o.action === "send-invitation")!;
    expect(String(invitation.detail?.invitationUrl)).toMatch(/^https:\/\/admin\.microsoft\.com\/.*invitationId=/);
    // every new tenant's admin and every generated password went to the sink, and nothing else did
    const secretSteps = first.steps.filter(
      (s) =>
        s.status === "ready" &&
        (s.action === "create-customer" || (s.action === "create-user" && s.after?.password === "(generated)")),
    );
    expect(secretSteps.length).toBeGreaterThan(0);
    expect([...new Set(saved.map((c) => c.address))].sort()).toEqual(secretSteps.map((s) => s.address).sort());
    expect(
      saved
        .filter((c) => c.status === undefined || c.status === "created")
        .map((c) => c.address)
        .sort(),
    ).toEqual(secretSteps.map((s) => s.address).sort());

    // the link is shown once: from now on the customer waits, with the link, and nothing is to do
    const waiting = await plan();
    expect(actions(waiting, "adatum")).toEqual(["send-invitation:waiting"]);
    expect(waiting.steps.find((s) => s.customer === "adatum")!.waitingFor).toContain(
      String(invitation.detail?.invitationUrl),
    );
    expect(waiting.steps.filter((s) => s.status === "ready" || s.status === "blocked").map((s) => s.id)).toEqual([]);
    await emulator.control.resetStats();
    expect((await apply(waiting)).summary).toMatchObject({ applied: 0, failed: 0 });
    expect((await emulator.control.stats()).writes).toBe(0);

    // the admins accept (the emulator's control API plays them); their customers' steps run now
    const invitationId = new URL(String(invitation.detail?.invitationUrl)).searchParams.get("invitationId")!;
    for (const tenant of demoLinkTenants().tenants)
      await emulator.control.acceptInvitation(invitationId, tenant.tenantId);
    const accepted = await plan();
    expect(actions(accepted, "adatum")).toEqual([
      "create-subscription:ready",
      "create-user:ready",
      "assign:ready",
      "assign:ready",
    ]);
    expect(accepted.steps.filter((s) => s.customer === "fabrikam").every((s) => s.status === "observe")).toBe(true);
    expect((await apply(accepted)).summary).toMatchObject({ failed: 0 });

    const converged = await plan();
    expect(converged.steps.filter((s) => s.status !== "observe").map((s) => s.id)).toEqual([]);
    await emulator.control.resetStats();
    expect((await apply(converged)).summary).toMatchObject({ applied: 0, failed: 0 });
    expect((await emulator.control.stats()).writes).toBe(0);
  });
});
