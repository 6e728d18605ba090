// Partner Center's tracing headers: one MS-CorrelationId for the whole run (so a plan's calls can be
// found together in Microsoft's logs), the locale, and who is calling.
import { randomUUID } from "node:crypto";
import type { Layer } from "./send.js";

export interface CorrelationOptions {
  /** One id per run; defaults to a new GUID per client. */
  correlationId?: string;
  locale: string;
  clientName?: string;
}

export function withCorrelation(options: CorrelationOptions): Layer & { correlationId: string } {
  const correlationId = options.correlationId ?? randomUUID();
  const clientName = options.clientName ?? "cspctl";
  const layer: Layer = (next) => (request) => {
    const headers =
      request.service === "partner-center"
        ? { "MS-CorrelationId": correlationId, "X-Locale": options.locale, "MS-PartnerCenter-Client": clientName, ...request.headers }
        : { "client-request-id": correlationId, ...request.headers };
    return next({ ...request, headers });
  };
  return Object.assign(layer, { correlationId });
}
