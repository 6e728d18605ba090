// Spend approval through the CLI (in-process) on the emulator (docs/money.md): the example estate's contoso
// has policy.approval thresholds; growing its Teams Premium from 5 to 5,000 seats is priced in the
// plan, refused by apply without --approve-spend (exit 2, the amount in the message and in the JSON
// report), refused with too small an amount, and applied with enough.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCliInProcess } from "../helpers/cli-in-process.js";

const run = (args: string[]) => runCliInProcess(args);

interface StepJson {
  action: string;
  address: string;
  money?: { currency: string; seats: number; monthly: { cost: number; resale?: number }; term: { cost: number } };
  approval?: { status: string; reasons: string[] };
}

describe("cspctl apply --approve-spend", { timeout: 180_000 }, () => {
  it("refuses a 5 → 5000 resize without approval, with the amount, and applies it with enough", async () => {
    const estate = mkdtempSync(join(tmpdir(), "cspctl-e2e-spend-"));
    cpSync("examples/estate", estate, { recursive: true });
    const data = mkdtempSync(join(tmpdir(), "cspctl-e2e-spend-emu-"));
    const credentials = join(data, "credentials.jsonl");
    const only = ["--customer", "contoso", "--emulator-dir", data];
    const first = await run(["apply", estate, ...only, "--yes", "--credentials-out", credentials]);
    expect(first.status, first.stdout + first.stderr).toBe(0);

    // a plan of the example estate shows money on every costed step
    const contosoFile = join(estate, "customers", "contoso.yaml");
    const yaml = readFileSync(contosoFile, "utf8");
    writeFileSync(
      contosoFile,
      yaml.replace(/(offer: CFQ7TTC0RM8K:0002[^\n]*\n(?:[^\n]*\n){2}\s+quantity: )5\b/, "$15000"),
    );
    const planned = await run(["plan", estate, ...only, "--json"]);
    expect(planned.status, planned.stderr).toBe(0);
    const plan = JSON.parse(planned.stdout) as {
      steps: StepJson[];
      approval: { required: { currency: string; amount: number }[] };
      money: { customers: { customer: string; monthly: { cost: number } }[] };
    };
    const resize = plan.steps.find((s) => s.action === "resize")!;
    expect(resize.address).toBe("customer:contoso/subscription:teams-premium");
    expect(resize.money).toMatchObject({ currency: "USD", seats: 4995 });
    expect(resize.money!.monthly.cost).toBeGreaterThan(1000);
    // contoso's own rule: Teams Premium P1Y monthly at 20% over cost
    expect(resize.money!.monthly.resale).toBeCloseTo(resize.money!.monthly.cost * 1.2, 0);
    expect(resize.approval?.status).toBe("needs-approval");
    expect(resize.approval?.reasons).toEqual(
      expect.arrayContaining([
        "adds 4995 seats, over maxSeatIncrease 100",
        "reaches 5000 seats, over maxQuantity 500",
        expect.stringMatching(/^contoso's monthly cost rises by [\d.]+ USD, over maxMonthlyIncrease 1000\.00 USD$/),
      ]),
    );
    const amount = plan.approval.required[0]!.amount;
    expect(plan.approval.required).toEqual([{ currency: "USD", amount: resize.money!.monthly.cost }]);
    expect(plan.money.customers).toEqual([expect.objectContaining({ customer: "contoso" })]);
    const human = await run(["plan", estate, ...only]);
    expect(human.stdout).toContain("[needs-approval]");
    expect(human.stdout).toMatch(/money: \+[\d,]+\.\d\d USD\/month at cost/);
    expect(human.stdout).toContain(`apply refuses them without --approve-spend ${amount.toFixed(2)}`);

    // without approval: skipped, not converged (exit 2), the amount named
    const refused = await run(["apply", estate, ...only, "--yes", "--json", "--credentials-out", credentials]);
    expect(refused.status, refused.stderr).toBe(2);
    const report = JSON.parse(refused.stdout) as {
      outcomes: { action: string; outcome: string; reason?: string }[];
      convergence: { objects: { kind: string; reason: string }[] };
      approval: { required: { amount: number }[]; approved?: unknown };
    };
    const skipped = report.outcomes.find((o) => o.action === "resize")!;
    expect(skipped.outcome).toBe("skipped");
    expect(skipped.reason).toContain(`--approve-spend ${amount.toFixed(2)}`);
    expect(report.convergence.objects).toEqual([
      expect.objectContaining({ kind: "needs-approval", reason: expect.stringContaining(amount.toFixed(2)) }),
    ]);
    expect(report.approval).toEqual({ required: [{ currency: "USD", amount }] });

    const tooLittle = await run([
      "apply",
      estate,
      ...only,
      "--yes",
      "--approve-spend",
      "1000",
      "--credentials-out",
      credentials,
    ]);
    expect(tooLittle.status).toBe(2);
    expect(tooLittle.stdout).toContain("(approved: 1000.00)");

    const approved = await run([
      "apply",
      estate,
      ...only,
      "--yes",
      "--json",
      "--approve-spend",
      String(Math.ceil(amount)),
      "--credentials-out",
      credentials,
    ]);
    expect(approved.status, approved.stdout + approved.stderr).toBe(0);
    const done = JSON.parse(approved.stdout) as typeof report;
    expect(done.outcomes.find((o) => o.action === "resize")?.outcome).toBe("applied");
    expect(done.approval).toEqual({
      required: [{ currency: "USD", amount }],
      approved: { amount: Math.ceil(amount), by: "--approve-spend" },
    });
    const after = await run(["plan", estate, ...only, "--detailed-exitcode"]);
    expect(after.status, after.stdout).toBe(0);
  });
});
