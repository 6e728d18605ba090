// Every logical Partner Center operation gets one MS-RequestId, assigned here once, before the retry
// layer, so every retry of a write resends the same id and Partner Center replays instead of
// repeating it. A write without such a key is never marked idempotent, so it is never resent after
// it may have reached the server.
import { randomUUID } from "node:crypto";
import { isRead, type Layer } from "./send.js";

export interface IdempotencyOptions {
  newRequestId?: () => string;
}

export const requestIdHeader = "MS-RequestId";

export function withIdempotency(options: IdempotencyOptions = {}): Layer {
  const newRequestId = options.newRequestId ?? randomUUID;
  return (next) => (request) => {
    if (request.service !== "partner-center") {
      // Graph has no replay key: reads are safe, writes only when the façade says so (assignLicense).
      return next({ ...request, idempotent: isRead(request.method) || request.idempotent === true });
    }
    const existing = Object.keys(request.headers).find((name) => name.toLowerCase() === "ms-requestid");
    const headers = existing === undefined ? { ...request.headers, [requestIdHeader]: newRequestId() } : request.headers;
    return next({ ...request, headers, idempotent: true });
  };
}
