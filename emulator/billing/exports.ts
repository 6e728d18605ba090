// Microsoft Graph's asynchronous billing exports (Microsoft Graph docs: partners-billing-reconciliation
// billed/unbilled export, operation, manifest): POST → 202 + Location → operation polled with
// Retry-After → manifest → gzipped JSON-lines blobs. Operations live in memory (an emulator restart
// forgets them, as an expired operation would be).
import { randomBytes, randomUUID } from "node:crypto";

export type ExportScope = { kind: "billed"; invoiceId: string } | { kind: "unbilled"; period: "current" | "last" };

export interface ExportOperation {
  id: string;
  manifestId: string;
  partnerTenantId: string;
  scope: ExportScope;
  attributeSet: "full" | "basic";
  createdDateTime: string;
  lastActionDateTime: string;
  /** Polls answered so far. */
  polls: number;
  /** The shared-access signature the blob URLs must carry. */
  signature: string;
}

/** Rows per blob file: large exports come in several `part-…json.gz` files, as Microsoft's do. */
export const ROWS_PER_BLOB = 5000;

export class BillingExports {
  private readonly operations = new Map<string, ExportOperation>();

  start(partnerTenantId: string, scope: ExportScope, attributeSet: "full" | "basic", now: Date): ExportOperation {
    if (this.operations.size >= 10_000) this.operations.delete(this.operations.keys().next().value!);
    const stamp = now.toISOString();
    const operation: ExportOperation = {
      id: randomUUID(),
      manifestId: randomUUID(),
      partnerTenantId: partnerTenantId.toLowerCase(),
      scope,
      attributeSet,
      createdDateTime: stamp,
      lastActionDateTime: stamp,
      polls: 0,
      signature: randomBytes(18).toString("base64url"),
    };
    this.operations.set(operation.id, operation);
    return operation;
  }

  operation(partnerTenantId: string, id: string): ExportOperation | undefined {
    const operation = this.operations.get(id.toLowerCase());
    return operation?.partnerTenantId === partnerTenantId.toLowerCase() ? operation : undefined;
  }

  byManifest(manifestId: string): ExportOperation | undefined {
    for (const operation of this.operations.values())
      if (operation.manifestId === manifestId.toLowerCase()) return operation;
    return undefined;
  }
}
