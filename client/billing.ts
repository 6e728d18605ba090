// Partner billing: invoices (Partner Center v1) and reconciliation line items, read from the API
// Microsoft serves each period through (API choice in docs/billing.md): billed NCE reconciliation for
// periods from February 2024 comes only from Graph's asynchronous export (v2: POST → 202 + Location →
// operation polled with Retry-After → manifest → gzipped JSON-lines blobs), older periods from v1.
// Rows are streamed: a blob is gunzipped and parsed line by line, so memory does not grow with the
// number of lines.
import { createInterface } from "node:readline";
import { createGunzip } from "node:zlib";
import { request } from "undici";
import { PartnerCenterError } from "./errors.js";
import { type ServiceCaller, segment } from "./service.js";
import type { Invoice, ReconciliationLine } from "./types.js";
import { invoiceFromWire, reconciliationLineFromWire } from "./wire/billing.js";
import { record, type WireRecord } from "./wire-read.js";

/** Billing periods starting on or after this date are served by the v2 export only (API-2 §1.1; docs/billing.md). */
const V2_ONLY_FROM = "2024-02-01";

export type ReconciliationScope =
  | { invoiceId: string }
  /** `YYYY-MM`: the invoice whose billing period starts in that month. */
  | { period: string }
  /** The open period's charges so far. */
  | { unbilled: "current"; currency?: string };

export interface ReconciliationOptions {
  /** Force the API (tests, partners whose tenant still has v1 access); default: by period. */
  api?: "v1" | "v2";
  signal?: AbortSignal;
}

const LINES = { provider: "onetime", invoicelineitemtype: "billinglineitems" } as const;
const EXPORTS = "/reports/partners/billing/reconciliation";

export function createBilling(caller: ServiceCaller) {
  const tenantId = caller.transport.config.tenantId;

  async function invoices(): Promise<Invoice[]> {
    const result: Invoice[] = [];
    for await (const item of caller.partnerCenterItems("invoices.list", "/invoices"))
      result.push(invoiceFromWire(item));
    return result.sort((a, b) => a.billingPeriodStart.localeCompare(b.billingPeriodStart));
  }

  async function* v1Lines(path: string, query: Record<string, string>): AsyncGenerator<ReconciliationLine> {
    const items = caller.partnerCenterItems("invoices.lineitems", path, {
      query: { ...LINES, ...query, size: "2000" },
    });
    for await (const item of items) yield reconciliationLineFromWire(item);
  }

  async function* v2Lines(kind: "billed" | "unbilled", body: WireRecord, signal?: AbortSignal) {
    const started = await caller.graph(`billing.${kind}.export`, "POST", tenantId, `${EXPORTS}/${kind}/export`, {
      body,
      ...(signal === undefined ? {} : { signal }),
    });
    const location = started.headers.location;
    if (location === undefined) throw exportFailed(`the ${kind} export answered ${started.status} without a Location`);
    const manifest = record(await follow(await operationResult(location, signal), signal), "billing manifest");
    const root = String(manifest.rootDirectory ?? "");
    const sas = String(manifest.sasToken ?? "");
    const blobs = Array.isArray(manifest.blobs) ? (manifest.blobs as WireRecord[]) : [];
    for (const blob of blobs) yield* blobLines(`${root}/${String(blob.name)}${sas === "" ? "" : `?${sas}`}`, signal);
  }

  /** Polls the export operation, honouring Retry-After, until it succeeds; returns where the manifest is. */
  async function operationResult(location: string, signal?: AbortSignal): Promise<unknown> {
    const { timer } = caller.transport;
    const deadline = timer.now() + caller.options.poll.timeoutMs;
    for (;;) {
      const response = await caller.transport.send({
        ...caller.graphRequest("billing.operation", "GET", tenantId, "", signal === undefined ? {} : { signal }),
        url: location,
      });
      const operation = record(response.body, "billing export operation");
      const status = String(operation.status ?? "").toLowerCase();
      if (status === "succeeded" || status === "completed") {
        // Microsoft's docs give a navigation link; its own C# sample reads an inline manifest.
        return operation["resourceLocation@odata.navigationLink"] ?? operation.resourceLocation;
      }
      if (status === "failed") {
        const error = record(operation.error ?? {}, "billing export error");
        throw exportFailed(
          `the export failed: ${String(error.message ?? "no message")} (code ${String(error.code ?? "")})`,
        );
      }
      if (timer.now() >= deadline) throw exportFailed("the export did not finish within the polling limit");
      const seconds = Number(response.headers["retry-after"] ?? "5");
      await timer.sleep(Number.isFinite(seconds) ? Math.max(0, seconds) * 1000 : 5000, signal);
    }
  }

  async function follow(resource: unknown, signal?: AbortSignal): Promise<unknown> {
    if (typeof resource !== "string") return resource;
    const response = await caller.transport.send({
      ...caller.graphRequest("billing.manifest", "GET", tenantId, "", signal === undefined ? {} : { signal }),
      url: resource,
    });
    return response.body;
  }

  /** One blob: downloaded, gunzipped and parsed a line at a time. The URL is signed; no token goes with it. */
  async function* blobLines(url: string, signal?: AbortSignal): AsyncGenerator<ReconciliationLine> {
    const response = await request(url, { dispatcher: caller.transport.dispatcher, ...(signal ? { signal } : {}) });
    if (response.statusCode !== 200) {
      await response.body.dump();
      throw exportFailed(`a blob of the export answered HTTP ${response.statusCode}`);
    }
    const lines = createInterface({ input: response.body.pipe(createGunzip()), crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of lines) {
      if (line.trim() === "") continue;
      yield reconciliationLineFromWire(JSON.parse(line));
    }
  }

  return {
    /** Every invoice, oldest billing period first. */
    invoices,

    /** One invoice (app+user only, as Partner Center requires). */
    async invoice(invoiceId: string): Promise<Invoice> {
      const response = await caller.partnerCenter("invoices.get", "GET", `/invoices/${segment(invoiceId)}`, {
        auth: "user",
      });
      return invoiceFromWire(response.body);
    },

    /** v1 billed line items of an invoice. */
    invoiceLines: (invoiceId: string): AsyncGenerator<ReconciliationLine> =>
      v1Lines(`/invoices/${segment(invoiceId)}/lineitems`, {}),

    /** v1 unbilled line items of the open period. */
    unbilledLines: (currency = "USD"): AsyncGenerator<ReconciliationLine> =>
      v1Lines("/invoices/unbilled/lineitems", { currencycode: currency, period: "current" }),

    /**
     * The reconciliation line items of an invoice, a billing month or the open period, through the
     * API Microsoft serves them by (v2 from February 2024, v1 before), streamed.
     */
    async *reconciliationLines(
      scope: ReconciliationScope,
      options: ReconciliationOptions = {},
    ): AsyncGenerator<ReconciliationLine> {
      if ("unbilled" in scope) {
        const currency = scope.currency ?? "USD";
        if (options.api === "v1")
          yield* v1Lines("/invoices/unbilled/lineitems", { currencycode: currency, period: "current" });
        else
          yield* v2Lines(
            "unbilled",
            { currencyCode: currency, billingPeriod: "current", attributeSet: "full" },
            options.signal,
          );
        return;
      }
      const all = await invoices();
      const invoice =
        "invoiceId" in scope
          ? all.find((candidate) => candidate.id.toUpperCase() === scope.invoiceId.toUpperCase())
          : all.find((candidate) => candidate.billingPeriodStart.slice(0, 7) === scope.period);
      if (invoice === undefined) return;
      const api = options.api ?? (invoice.billingPeriodStart.slice(0, 10) >= V2_ONLY_FROM ? "v2" : "v1");
      if (api === "v1") yield* v1Lines(`/invoices/${segment(invoice.id)}/lineitems`, {});
      else yield* v2Lines("billed", { invoiceId: invoice.id, attributeSet: "full" }, options.signal);
    },
  };
}

export type Billing = ReturnType<typeof createBilling>;

function exportFailed(detail: string): PartnerCenterError {
  return new PartnerCenterError({
    code: "client.billing_export_failed",
    message: `Billing reconciliation export: ${detail}.`,
    hint: "Run the command again later; Microsoft builds exports asynchronously. With --log-level debug the operation id is logged.",
    service: "graph",
    retryable: true,
  });
}
