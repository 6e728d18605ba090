// A trial's end as Partner Center makes it happen (the emulator clock moves past day 30): a converted
// trial satisfies its declaration, an expired `convert: never` trial is complete, and every YAML
// suggestion drift makes on the way loads back through the loader.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyPlan } from "../../../reconciler/apply/apply-plan.js";
import type { DriftFinding } from "../../../reconciler/drift/drift-report.js";
import type { DesiredEstate } from "../../../reconciler/model/desired-estate.js";
import { estatesWithSuggestion } from "../../helpers/accept-suggestion.js";
import { estateFromYaml } from "../../helpers/estate-fixtures.js";
import { categories, startDriftWorld, type DriftWorld, type EstateExtra } from "./drift-world.js";

const BASIC = "CFQ7TTC0LH18:0001";
const EXO = "CFQ7TTC0LH16:0001";
const STANDARD = "CFQ7TTC0LDPB:0001";

let w: DriftWorld;
/** Every finding drift reported in this file, with the estate it was reported against. */
const seen: { yaml: string; finding: DriftFinding }[] = [];
beforeAll(async () => {
  w = await startDriftWorld();
});
afterAll(async () => {
  await w?.close();
});

async function seed(subscription: Record<string, unknown>, daysAgo: number): Promise<void> {
  const now = new Date((await w.emulator.control.clock()).now);
  await w.emulator.control.seed({
    partners: [
      {
        tenantId: w.emulator.env.CSPCTL_TENANT_ID,
        customers: [
          {
            tenantId: w.tenantId,
            domain: w.domain,
            subscriptions: [
              {
                id: randomUUID(),
                ...subscription,
                purchasedAt: new Date(now.getTime() - daysAgo * 86_400_000).toISOString(),
              },
            ],
          },
        ],
      },
    ],
  });
}

const plan = (estate: DesiredEstate) => w.plan(estate);

/** Drift findings other than seat utilisation (the trials' seats are not assigned to anyone here). */
async function drift(extra: EstateExtra): Promise<string[]> {
  const report = await w.drift(await w.estate(extra));
  for (const finding of report.findings) seen.push({ yaml: w.yaml(extra), finding });
  return categories(report).filter((c) => !c.startsWith("utilisation"));
}

describe("trial lifecycle on the emulator clock", () => {
  it("a converted trial is satisfied by the paid subscription it became, on its conversion terms", async () => {
    await seed({ offerId: BASIC, isTrial: true, autoRenewEnabled: true }, 25);
    // declared paid terms (annual billing) differ from the scheduled conversion (10 seats, monthly)
    const extra = {
      subscriptions: `    - { name: basic-trial, offer: ${BASIC}, term: P1Y, billing: annual, quantity: 25, trial: { convert: auto, convertTo: { quantity: 10, term: P1Y, billing: monthly } } }\n`,
    };
    const estate = await w.estate(extra);
    const before = await plan(estate);
    expect(before.steps.map((s) => [s.address, s.action])).toEqual([
      ["customer:driftco/subscription:basic-trial", "schedule-renewal"],
    ]);
    const report = await applyPlan(before, { client: w.client, estate });
    expect(report.outcomes.map((o) => o.outcome)).toEqual(["applied"]);

    await w.emulator.control.advanceClock("P10D"); // day 35: converted to 10 paid seats, monthly
    const converted = (await w.pc("GET", `/customers/${w.tenantId}/subscriptions`)).body.items.find(
      (s: { offerId: string }) => s.offerId.startsWith(BASIC),
    );
    expect(converted).toMatchObject({ isTrial: false, quantity: 10, billingCycle: "monthly" });
    expect((await plan(estate)).steps).toEqual([]);
    expect(await drift(extra)).toEqual([]);
  });

  it("an expired convert: never trial is complete while expired, disabled and after Partner Center deletes it", async () => {
    await seed({ offerId: EXO, isTrial: true, autoRenewEnabled: false }, 25);
    const extra = {
      subscriptions: `    - { name: exo-trial, offer: ${EXO}, term: P1Y, billing: monthly, quantity: 25, trial: { convert: never } }\n`,
    };
    const estate = await w.estate(extra);
    for (const [advance, status] of [
      ["P10D", "expired"],
      ["P40D", "disabled"],
      ["P100D", "deleted"],
    ] as const) {
      await w.emulator.control.advanceClock(advance);
      const held = (await w.pc("GET", `/customers/${w.tenantId}/subscriptions`)).body.items.find(
        (s: { offerId: string }) => s.offerId.startsWith(EXO),
      );
      if (status === "deleted") expect(held?.status ?? "deleted").toBe("deleted");
      else expect(held).toMatchObject({ status });
      expect((await plan(estate)).steps.filter((s) => s.address.endsWith(":exo-trial"))).toEqual([]);
      expect((await drift(extra)).filter((c) => c.includes(":exo-trial"))).toEqual([]);
    }
  });

  it("an ended paid subscription is reported with a suggestion that loads", async () => {
    await seed(
      { offerId: STANDARD, quantity: 1, termDuration: "P1Y", billingCycle: "monthly", autoRenewEnabled: false },
      360,
    );
    const extra = {
      subscriptions: `    - { name: standard, offer: ${STANDARD}, term: P1Y, billing: monthly, quantity: 1, autoRenew: false }\n`,
    };
    await w.emulator.control.advanceClock("P10D");
    expect((await drift(extra)).filter((c) => !c.startsWith("unmanaged"))).toEqual([
      "changed customer:driftco/subscription:standard",
    ]);
  });

  it("every YAML suggestion drift made above loads back through the loader", async () => {
    const suggested = seen.filter((s) => s.finding.fix.yaml !== undefined);
    expect(suggested.map((s) => s.finding.category).sort()).toEqual(expect.arrayContaining(["changed", "unmanaged"]));
    for (const { yaml, finding } of suggested) {
      for (const text of estatesWithSuggestion(yaml, finding)) {
        await expect(estateFromYaml(text), `${finding.id}: ${finding.fix.yaml}`).resolves.toBeDefined();
      }
    }
  });
});
