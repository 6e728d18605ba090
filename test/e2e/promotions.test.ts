// Promotions through the CLI (in-process) on the emulator (docs/onboarding.md, Promotions): a purchase with
// `promotion: auto` is checked at plan time, priced at the promotion's 15% off the partner price,
// and bought with promotionId on the cart line (the order and the subscription carry it); a named
// promotion the customer is not eligible for is a blocked step naming Microsoft's reason, and the
// rest of the customer is applied.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCliInProcess } from "../helpers/cli-in-process.js";

const run = (args: string[]) => runCliInProcess(args);

const SEED = "39NFJQT1EMU1:0002:39NFJQT1Q5KN";
const F3 = "39NFJQT1SNC7:0001:39NFJQT1Q5KM";

function customer(subscriptions: string[]): string {
  return [
    "apiVersion: cspctl/v1",
    "kind: Customer",
    "metadata: { name: promoco }",
    "spec:",
    "  company: { name: Promo Co, domain: promoco.onmicrosoft.com, country: US }",
    "  tenant: { mode: create }",
    "  billing:",
    "    email: ap@promoco.example",
    "    firstName: Pat",
    "    lastName: Romo",
    "    address: { line1: 1 Main St, city: Redmond, state: WA, postalCode: '98052', country: US }",
    "  subscriptions:",
    "    - { name: basic, offer: CFQ7TTC0LH18:0001, term: P1Y, billing: monthly, quantity: 1 }",
    ...subscriptions,
    "",
  ].join("\n");
}

interface StepJson {
  action: string;
  address: string;
  after?: Record<string, unknown>;
  money?: { unit: { cost: number }; monthly: { cost: number } };
  blocked?: { code: string; message: string; hint: string };
}

describe("promotions through plan and apply", { timeout: 180_000 }, () => {
  it("applies an eligible promotion at its discount and blocks an ineligible one with Microsoft's reason", async () => {
    const estate = mkdtempSync(join(tmpdir(), "cspctl-e2e-promo-"));
    const data = mkdtempSync(join(tmpdir(), "cspctl-e2e-promo-emu-"));
    const file = join(estate, "promoco.yaml");
    const credentials = join(data, "credentials.jsonl");
    const only = ["--emulator-dir", data];
    writeFileSync(file, customer([]));
    const first = await run(["apply", estate, ...only, "--yes", "--credentials-out", credentials]);
    expect(first.status, first.stdout + first.stderr).toBe(0);

    const premium = "    - { name: premium, offer: CFQ7TTC0LCHC:0002, term: P1Y, billing: monthly, quantity: 10";
    const f3 = `    - { name: f3, offer: CFQ7TTC0LH05:0001, term: P1Y, billing: annual, quantity: 20, promotion: ${F3} }`;
    const plan = async (lines: string[]) => {
      writeFileSync(file, customer(lines));
      const result = await run(["plan", estate, ...only, "--json"]);
      expect(result.status, result.stderr).toBe(0);
      return (JSON.parse(result.stdout) as { steps: StepJson[] }).steps;
    };
    const full = (await plan([`${premium} }`])).find((s) => s.address.endsWith("subscription:premium"))!;
    // auto with no promotion the customer can have: bought at the full price, never blocked
    const f3Auto =
      "    - { name: f3, offer: CFQ7TTC0LH05:0001, term: P1Y, billing: annual, quantity: 20, promotion: auto }";
    const fullPrice = (await plan([f3Auto])).find((s) => s.address.endsWith("subscription:f3"))!;
    expect(fullPrice.blocked).toBeUndefined();
    expect(fullPrice.after).not.toHaveProperty("promotionId");
    const steps = await plan([`${premium}, promotion: auto }`, f3]);
    const discounted = steps.find((s) => s.address.endsWith("subscription:premium"))!;
    expect(discounted.action).toBe("create-subscription");
    // auto: the larger of the two eligible discounts (15% over the 10% one)
    expect(discounted.after).toMatchObject({ promotionId: SEED, promotionDiscount: 0.15 });
    expect(discounted.blocked).toBeUndefined();
    expect(discounted.money!.unit.cost).toBeCloseTo(full.money!.unit.cost * 0.85, 2);
    expect(discounted.money!.monthly.cost).toBeCloseTo(full.money!.monthly.cost * 0.85, 1);
    const blocked = steps.find((s) => s.address.endsWith("subscription:f3"))!;
    expect(blocked.blocked).toMatchObject({ code: "plan.promotion_ineligible" });
    expect(blocked.blocked!.message).toContain(`promotion ${F3}`);
    expect(blocked.blocked!.message).toContain("PrerequisiteProductOwnership");

    const human = await run(["plan", estate, ...only]);
    expect(human.stdout).toContain("plan.promotion_ineligible");

    const applied = await run(["apply", estate, ...only, "--yes", "--json", "--credentials-out", credentials]);
    expect(applied.status, applied.stdout + applied.stderr).toBe(2);
    const report = JSON.parse(applied.stdout) as { outcomes: { address: string; action: string; outcome: string }[] };
    const outcome = (name: string) => report.outcomes.find((o) => o.address.endsWith(`subscription:${name}`))?.outcome;
    expect(outcome("premium")).toBe("applied");
    expect(outcome("f3")).not.toBe("applied");
    // the emulator's saved state (snapshot and journal): the order line and the subscription of the
    // premium offer carry the promotion
    const saved = readdirSync(data)
      .filter((name) => name.endsWith(".json") || name.endsWith(".jsonl"))
      .map((name) => readFileSync(join(data, name), "utf8"))
      .join("\n");
    expect(saved).toMatch(new RegExp(`"offerId":"CFQ7TTC0LCHC:0002[^{}]*"promotionId":"${SEED}"`));
    // converged except the blocked purchase
    const after = await run(["plan", estate, ...only, "--json"]);
    const left = (JSON.parse(after.stdout) as { steps: StepJson[] }).steps.map((s) => s.address);
    expect(left).toEqual(["customer:promoco/subscription:f3"]);
  });
});
