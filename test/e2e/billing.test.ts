// `cspctl billing` through the CLI (in-process): the example estate applied on the emulator, the emulator
// clock moved through two months (control API), then the report's cycles match the emulator's
// invoices to the cent, in every format.
import { cpSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { runCliInProcess } from "../helpers/cli-in-process.js";
import { startEmulator } from "../helpers/emulator.js";

const run = (args: string[]) => runCliInProcess(args);

interface ReportJson {
  currency: string;
  cycles: {
    period: string;
    invoiceId: string;
    costCents: number;
    resaleCents: number;
    invoiceTotalCents: number | null;
    customers: { name: string | null; subscriptions: { name: string | null; lines: unknown[] }[] }[];
    reconciliation: { undeclared: unknown[]; uncharged: unknown[] };
  }[];
}

describe("cspctl billing", { timeout: 180_000 }, () => {
  it("reports the example estate's billing cycles to the cent of the emulator's invoices", async () => {
    const estate = mkdtempSync(join(tmpdir(), "cspctl-e2e-billing-"));
    cpSync("examples/estate", estate, { recursive: true });
    const data = mkdtempSync(join(tmpdir(), "cspctl-e2e-billing-emu-"));
    const credentials = join(data, "credentials.jsonl");
    // contoso: the example customer that converges in one apply (adatum waits for an invitation)
    const only = ["--customer", "contoso", "--emulator-dir", data];
    const applied = await run(["apply", estate, ...only, "--yes", "--credentials-out", credentials]);
    expect(applied.status, applied.stdout + applied.stderr).toBe(0);

    // two months pass on the emulator clock
    const emulator = await startEmulator({ dataDir: data });
    const start = new Date((await emulator.control.clock()).now);
    await emulator.control.advanceClock("P62D");
    const app = await emulator.token({ audience: "partner-center", kind: "app" });
    const invoices = (await emulator.send("/v1/invoices", { token: app })).body as {
      items: { id: string; totalCharges: number; billingPeriodStartDate: string }[];
    };
    await emulator.close();
    expect(invoices.items.length).toBeGreaterThanOrEqual(2);

    const from = start.toISOString().slice(0, 7);
    const result = await run(["billing", estate, ...only, "--from", from, "--json"]);
    expect(result.status, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as ReportJson;
    const billed = report.cycles.filter((cycle) => cycle.invoiceId !== "");
    expect(billed.map((cycle) => [cycle.invoiceId, cycle.costCents]).sort()).toEqual(
      invoices.items.map((invoice) => [invoice.id, Math.round(invoice.totalCharges * 100)]).sort(),
    );
    for (const cycle of billed) expect(cycle.costCents).toBe(cycle.invoiceTotalCents);
    // grouped by the estate's names; the example estate's price lists put resale above cost
    const first = billed[0]!;
    expect(first.customers.every((customer) => customer.name !== null)).toBe(true);
    expect(first.customers.flatMap((c) => c.subscriptions).every((s) => s.name !== null)).toBe(true);
    expect(first.resaleCents).toBeGreaterThan(first.costCents);
    expect(first.reconciliation.undeclared).toEqual([]);

    for (const format of ["text", "csv", "markdown", "html"]) {
      const output = join(data, `billing.${format}`);
      const rendered = await run([
        "billing",
        estate,
        ...only,
        "--period",
        first.period,
        "--format",
        format,
        "--out",
        output,
      ]);
      expect(rendered.status, rendered.stderr).toBe(0);
      const text = readFileSync(output, "utf8");
      expect(text.length).toBeGreaterThan(0);
      if (format === "csv") {
        // streamed a line at a time into a private file: the rows add up to the cycle and the invoice
        const rows = parse(text, { columns: true }) as { cost: string; subscription: string }[];
        expect(rows.reduce((sum, row) => sum + Math.round(Number(row.cost) * 100), 0)).toBe(first.costCents);
        expect(rows.every((row) => row.subscription !== "")).toBe(true);
        expect(statSync(output).mode & 0o777).toBe(0o600);
        const piped = await run(["billing", estate, ...only, "--period", first.period, "--format", "csv"]);
        expect(piped.stdout).toBe(text);
        // the same lines as JSON lines, one object each
        const jsonl = await run(["billing", estate, ...only, "--period", first.period, "--format", "jsonl"]);
        expect(jsonl.status, jsonl.stderr).toBe(0);
        const objects = jsonl.stdout
          .trimEnd()
          .split("\n")
          .map((line) => JSON.parse(line) as { costCents: number });
        expect(objects).toHaveLength(rows.length);
        expect(objects.reduce((sum, o) => sum + o.costCents, 0)).toBe(first.costCents);
      }
      if (format === "html") expect(text).toContain("<svg");
    }
    const bad = await run(["billing", estate, ...only, "--period", "2026-13"]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("cli.usage");
  });
});
