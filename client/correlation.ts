// Tracing headers. Partner Center: one MS-CorrelationId for the whole run (so a plan's calls can be
// found together in Microsoft's logs), the locale, and who is calling. Graph: a fresh
// client-request-id per request (Graph's guidance: one per request, so Microsoft support can find
// that request), kept across its retries because this layer sits outside the retry layer. Both get a
// User-Agent naming cspctl and its version.
import { randomUUID } from "node:crypto";
import type { Layer } from "./send.js";
import { userAgent } from "./version.js";

export interface CorrelationOptions {
  /** One id per run; defaults to a new GUID per client. */
  correlationId?: string;
  locale: string;
  clientName?: string;
  /** Graph's per-request id; a new GUID by default (tests inject their own). */
  newClientRequestId?: () => string;
}

export function withCorrelation(options: CorrelationOptions): Layer & { correlationId: string } {
  const correlationId = options.correlationId ?? randomUUID();
  const clientName = options.clientName ?? "cspctl";
  const newClientRequestId = options.newClientRequestId ?? randomUUID;
  const layer: Layer = (next) => (request) => {
    const headers =
      request.service !== "graph"
        ? {
            "User-Agent": userAgent,
            "MS-CorrelationId": correlationId,
            "X-Locale": options.locale,
            "MS-PartnerCenter-Client": clientName,
            ...request.headers,
          }
        : { "User-Agent": userAgent, "client-request-id": newClientRequestId(), ...request.headers };
    return next({ ...request, headers });
  };
  return Object.assign(layer, { correlationId });
}
