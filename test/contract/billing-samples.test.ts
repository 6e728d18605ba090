// Contract: the emulator's invoices, reconciliation line items and Graph billing export answers have
// the shapes of Microsoft's samples in samples-2/ (field names, casing, nesting, value kinds), the
// v2 flow included: POST → 202 + Location → running (Retry-After) → succeeded → manifest.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type HttpResult, type TestEmulator } from "../helpers/emulator.js";
import { fabrikamBillingSeed, integrationSeed, PARTNER_A } from "../integration/emulator-domain/fixture.js";
import { type Allowances, shapeDifferences } from "./shape.js";

const sample = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../fixtures/partner-center/samples-2/${name}`, import.meta.url), "utf8"));

const NO_TAX = "the emulator bills no tax and keeps no payments: there are no tax receipts to list";
const ROW: Allowances = {
  ignored: { "items[].productQualifiers": "these offers have no qualifiers (AddOn, Trial): an empty list" },
  omitted: {
    "items[].attributes/objectType":
      "a stray key in Microsoft's doc sample beside attributes.objectType (Partner Center docs: invoice line items)",
  },
  retyped: {
    "items[].reservationOrderId": "licence-based rows belong to no reservation: the emulator writes an empty string",
  },
};
const LEGACY_INVOICE = "legacy (pre-NCE) invoice fields: amendments and void notes are not emulated";

let emulator: TestEmulator;
let app: string;
let user: string;
let graph: string;
let invoiceId = "";

beforeAll(async () => {
  emulator = await startEmulator({ seed: integrationSeed(), domainConfig: { exportRetryAfterSeconds: 0 } });
  app = await emulator.token({ audience: "partner-center", kind: "app" });
  user = await emulator.token({ audience: "partner-center", kind: "user" });
  graph = await emulator.token({ audience: "graph", kind: "user", tenant: PARTNER_A });
  await emulator.control.seed(fabrikamBillingSeed(3));
  // the seeded Business Basic subscription is charged from today; two months on, a period is invoiced
  await emulator.control.advanceClock("P62D");
  const list = (await emulator.send("/v1/invoices", { token: app })).body as { items: { id: string }[] };
  invoiceId = list.items[0]!.id;
});
afterAll(async () => emulator.close());

async function body(
  path: string,
  token: string,
  options: { method?: string; body?: unknown } = {},
): Promise<HttpResult> {
  return emulator.send(path, { token, ...options });
}

describe("billing answers match Microsoft's samples", () => {
  const check = (name: string, answer: unknown, allow?: Allowances) =>
    expect(shapeDifferences(sample(name), answer, allow)).toEqual([]);

  it("invoices.list ← GET /v1/invoices", async () => {
    const answer = (await body("/v1/invoices", app)).body as { items: unknown[] };
    check("invoices.list.response.json", answer, {
      ignored: { "items[].taxReceipts": NO_TAX },
      omitted: {
        "items[].pdfDownloadLink": "get-by-id only (Partner Center docs: invoice resources)",
        "items[].amendments": LEGACY_INVOICE,
        "links.next": "NCE invoices are returned in one page (size/offset are ignored for them)",
      },
      extra: {
        "items[].billingPeriodStartDate": "as in the get-invoice sample",
        "items[].billingPeriodEndDate": "as in the get-invoice sample",
      },
    });
  });

  it("invoice.get ← GET /v1/invoices/{id}", async () => {
    check("invoice.get.response.json", (await body(`/v1/invoices/${invoiceId}`, user)).body, {
      ignored: { taxReceipts: NO_TAX },
    });
  });

  it("refuses GET /v1/invoices/{id} to an app-only token", async () => {
    expect((await body(`/v1/invoices/${invoiceId}`, app)).status).toBe(403);
  });

  it("invoices.summaries ← GET /v1/invoices/summaries", async () => {
    check("invoices.summaries.response.json", (await body("/v1/invoices/summaries", user)).body, {
      retyped: {
        "items[].lastPaymentDate": "the emulator writes .NET's empty date as the sample's other summaries do",
      },
      extra: { links: "the list's self link" },
    });
  });

  it("invoice.lineitems.onetime.billing ← GET /v1/invoices/{id}/lineitems (seek paging)", async () => {
    const first = await body(
      `/v1/invoices/${invoiceId}/lineitems?provider=onetime&invoicelineitemtype=billinglineitems&size=1`,
      app,
    );
    check("invoice.lineitems.onetime.billing.response.json", first.body, ROW);
  });

  it("invoice.lineitems.unbilled.onetime ← GET /v1/invoices/unbilled/lineitems", async () => {
    const answer = await body(
      "/v1/invoices/unbilled/lineitems?provider=onetime&invoicelineitemtype=billinglineitems&currencycode=USD&period=current&size=1",
      app,
    );
    check("invoice.lineitems.unbilled.onetime.response.json", answer.body, {
      ...ROW,
      extra: { continuationToken: "a seek page that has a next page carries its token in the body too" },
    });
  });

  it("graph.partnerbilling.* ← the v2 billed export flow", async () => {
    const started = await body("/graph/v1.0/reports/partners/billing/reconciliation/billed/export", graph, {
      method: "POST",
      body: sample("graph.partnerbilling.billedreconciliation.export.request.json") as object,
    });
    // the sample's invoice id is not this partner's: the export fails as Microsoft's sample shows
    const failedLocation = started.headers.location!;
    expect(started.status).toBe(202);
    await body(failedLocation, graph);
    check("graph.partnerbilling.operation.failed.response.json", (await body(failedLocation, graph)).body);

    const ours = await body("/graph/v1.0/reports/partners/billing/reconciliation/billed/export", graph, {
      method: "POST",
      body: { invoiceId, attributeSet: "full" },
    });
    expect(ours.status).toBe(202);
    expect(ours.body).toBeUndefined();
    const running = await body(ours.headers.location!, graph);
    expect(running.headers["retry-after"]).toBeDefined();
    check("graph.partnerbilling.operation.running.response.json", running.body);
    const succeeded = (await body(ours.headers.location!, graph)).body as Record<string, string>;
    check("graph.partnerbilling.operation.succeeded.response.json", succeeded);
    const manifest = await body(succeeded["resourceLocation@odata.navigationLink"]!, graph);
    check("graph.partnerbilling.manifest.get.response.json", manifest.body);
  });

  it("accepts the unbilled export request sample", async () => {
    const started = await body("/graph/v1.0/reports/partners/billing/reconciliation/unbilled/export", graph, {
      method: "POST",
      body: sample("graph.partnerbilling.unbilledreconciliation.export.request.json") as object,
    });
    expect(started.status).toBe(202);
  });
});
