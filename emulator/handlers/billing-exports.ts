// The Graph face of billing (Microsoft Graph docs: partners-billing) and the blob files its manifests
// point at. Only the partner's own tenant may export (a token for a customer tenant is refused).
import { gzipSync } from "node:zlib";
import { BillingExports, type ExportOperation, type ExportScope, ROWS_PER_BLOB } from "../billing/exports.js";
import type { PartnerLedger } from "../billing/invoices.js";
import { cachedPartnerLedger } from "../billing/ledger-cache.js";
import type { Charge } from "../billing/ledger.js";
import { reconRow } from "../billing/recon-rows.js";
import { graphBadRequest, graphError, graphNotFound, partnerCenterError } from "../errors.js";
import type { EmulatorRequest, Handler, HandlerContext } from "../pipeline/types.js";
import { FACE_PREFIXES } from "../pipeline/api-pipeline.js";
import type { Store } from "../store/memory-store.js";
import type { BillingManifest, BillingOperation } from "../wire/billing.js";
import { bodyObject, optionalText } from "./body.js";

const BASE = "/reports/partners/billing";
const TYPE = "#microsoft.graph.partners.billing.";

export interface BillingExportHandlers {
  exportBilled: Handler;
  exportUnbilled: Handler;
  getOperation: Handler;
  getManifest: Handler;
  getBlob: Handler;
}

export function billingExportHandlers(store: Store): BillingExportHandlers {
  const exports = new BillingExports();

  const partnerOf = (request: EmulatorRequest) => {
    const partner = store.partner(request.principal.partnerTenantId.toLowerCase());
    if (partner === undefined || request.principal.tenantId.toLowerCase() !== partner.tenantId.toLowerCase())
      throw graphError(
        403,
        "Forbidden",
        "Partner billing is read with a token for the partner's own tenant (PartnerBilling.Read.All).",
      );
    return partner;
  };
  const accepted = (request: EmulatorRequest, operation: ExportOperation) => ({
    status: 202,
    headers: { location: `${request.origin}${FACE_PREFIXES.graph}${BASE}/operations/${operation.id}` },
  });
  const attributeSet = (body: Record<string, unknown>): "full" | "basic" => {
    const value = (optionalText(body, "attributeSet") ?? "full").toLowerCase();
    if (value !== "full" && value !== "basic") throw graphBadRequest("attributeSet must be full or basic.");
    return value;
  };
  const chargesOf = (ledger: PartnerLedger, operation: ExportOperation): Charge[] | undefined => {
    if (operation.scope.kind === "unbilled") return operation.scope.period === "current" ? ledger.current.charges : [];
    const { invoiceId } = operation.scope;
    return ledger.invoices.find((invoice) => invoice.id === invoiceId)?.charges;
  };
  const ledgerFor = (operation: ExportOperation, context: HandlerContext): PartnerLedger => {
    const partner = store.partner(operation.partnerTenantId)!;
    return cachedPartnerLedger(partner, context.catalog, context.clock.now(), context.config.billingCycleDay);
  };

  return {
    exportBilled: (request, context) => {
      const partner = partnerOf(request);
      const body = bodyObject(request.body);
      const invoiceId = optionalText(body, "invoiceId");
      if (invoiceId === undefined || invoiceId === "") throw graphBadRequest("invoiceId is required.");
      const scope = { kind: "billed" as const, invoiceId: invoiceId.toUpperCase() };
      return accepted(request, exports.start(partner.tenantId, scope, attributeSet(body), context.clock.now()));
    },
    exportUnbilled: (request, context) => {
      const partner = partnerOf(request);
      const body = bodyObject(request.body);
      const currency = optionalText(body, "currencyCode");
      const period = optionalText(body, "billingPeriod")?.toLowerCase();
      if (currency === undefined || currency === "") throw graphBadRequest("currencyCode is required.");
      if (period !== "current" && period !== "last") throw graphBadRequest("billingPeriod must be current or last.");
      const scope: ExportScope = { kind: "unbilled", period: currency.toUpperCase() === "USD" ? period : "last" };
      return accepted(request, exports.start(partner.tenantId, scope, attributeSet(body), context.clock.now()));
    },
    getOperation: (request, context) => {
      const partner = partnerOf(request);
      const operation = exports.operation(partner.tenantId, request.params.operationId ?? "");
      if (operation === undefined) throw graphNotFound("operation");
      operation.polls += 1;
      const common = { id: operation.id, createdDateTime: operation.createdDateTime };
      if (operation.polls <= context.config.exportRunningPolls) {
        const body: BillingOperation = {
          "@odata.type": `${TYPE}runningOperation`,
          ...common,
          status: "running",
          lastActionDateTime: operation.lastActionDateTime,
        };
        return { status: 200, body, headers: { "retry-after": String(context.config.exportRetryAfterSeconds) } };
      }
      operation.lastActionDateTime = context.clock.now().toISOString();
      if (chargesOf(ledgerFor(operation, context), operation) === undefined) {
        const body: BillingOperation = {
          "@odata.type": `${TYPE}failedOperation`,
          ...common,
          status: "failed",
          lastActionDateTime: operation.lastActionDateTime,
          error: { message: "No data available", code: "5000" },
        };
        return { status: 200, body };
      }
      const body: BillingOperation = {
        "@odata.type": `${TYPE}exportSuccessOperation`,
        ...common,
        status: "succeeded",
        lastActionDateTime: operation.lastActionDateTime,
        "resourceLocation@odata.navigationLink": `${request.origin}${FACE_PREFIXES.graph}${BASE}/manifests/${operation.manifestId}`,
      };
      return { status: 200, body };
    },
    getManifest: (request, context) => {
      const partner = partnerOf(request);
      const operation = exports.byManifest(request.params.manifestId ?? "");
      if (operation === undefined || operation.partnerTenantId !== partner.tenantId.toLowerCase())
        throw graphNotFound("manifest");
      const ledger = ledgerFor(operation, context);
      const charges = chargesOf(ledger, operation) ?? [];
      const blobCount = Math.max(1, Math.ceil(charges.length / ROWS_PER_BLOB));
      const month =
        operation.scope.kind === "billed"
          ? (ledger.invoices.find((i) => i.id === (operation.scope as { invoiceId: string }).invoiceId)?.period.month ??
            "")
          : ledger.current.period.month;
      const folder = `PartnerTenantId=${partner.tenantId}/BillingMonth=${month}/${operation.scope.kind === "billed" ? `InvoiceId=${operation.scope.invoiceId}` : "Unbilled"}/Fragment=${operation.attributeSet}/PartitionType=default`;
      const body: BillingManifest = {
        id: operation.manifestId,
        schemaVersion: "1",
        dataFormat: "compressedJSON",
        createdDateTime: operation.lastActionDateTime,
        eTag: `${operation.manifestId.slice(0, 8)}${charges.length}`,
        partnerTenantId: partner.tenantId,
        rootDirectory: `${request.origin}${FACE_PREFIXES.blob}/billing/${operation.manifestId}/${folder}`,
        sasToken: `sv=2021-08-06&sr=d&sp=rl&sig=${operation.signature}`,
        partitionType: "Default",
        blobCount,
        blobs: Array.from({ length: blobCount }, (_, index) => ({
          name: `part-${String(index).padStart(5, "0")}-${operation.manifestId}.c000.json.gz`,
          partitionValue: "default",
        })),
      };
      return { status: 200, body };
    },
    getBlob: (request, context) => {
      const operation = exports.byManifest(request.params.manifestId ?? "");
      const part = /^part-(\d{5})-/.exec(request.params.blobName ?? "");
      if (operation === undefined || part === null || request.query.get("sig") !== operation.signature)
        throw partnerCenterError(
          403,
          "AuthenticationFailed",
          "Server failed to authenticate the request: the SAS signature does not match.",
        );
      const partner = store.partner(operation.partnerTenantId)!;
      const ledger = ledgerFor(operation, context);
      const charges = chargesOf(ledger, operation) ?? [];
      const invoiceNumber = operation.scope.kind === "billed" ? operation.scope.invoiceId : "";
      const rows = { state: store.state, partner, catalog: context.catalog, invoiceNumber };
      const index = Number(part[1]);
      const lines = charges
        .slice(index * ROWS_PER_BLOB, (index + 1) * ROWS_PER_BLOB)
        .map((charge) => JSON.stringify(reconRow(charge, rows, "number")));
      const text = lines.length === 0 ? "" : `${lines.join("\n")}\n`;
      return {
        status: 200,
        headers: { "content-type": "application/octet-stream", "x-ms-blob-type": "BlockBlob" },
        body: gzipSync(text),
      };
    },
  };
}
