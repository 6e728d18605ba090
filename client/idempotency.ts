// Every logical Partner Center operation gets one MS-RequestId, assigned here once, before the retry
// layer, so every retry of a write resends the same id and Partner Center replays instead of
// repeating it. A write without such a key is never marked idempotent, so it is never resent after
// it may have reached the server.
//
// Inside `withWriteKeys(meaning, run)` a write's id is not random: it is derived from what the write
// means (the caller's `meaning`: customer, address, action, the values read before and wanted after),
// the partner tenant, the method, the path and the body sent. Two processes that read the same state
// and make the same write send the same id, so Partner Center treats the second as a replay of the
// first instead of buying twice. Why two different intended writes never share an id: see
// docs/idempotency.md.
import { AsyncLocalStorage } from "node:async_hooks";
import { createHash, randomUUID } from "node:crypto";
import { isRead, type ClientRequest, type Layer } from "./send.js";

export interface IdempotencyOptions {
  newRequestId?: () => string;
  /** Part of every derived key: the same write for two partners is two writes. */
  partnerTenantId?: string;
}

const requestIdHeader = "MS-RequestId";

interface WriteKeyScope {
  meaning: string;
  /** (method, path, body) → how many times this scope sent it, so a deliberate repeat gets its own key. */
  sent: Map<string, number>;
}

const scopes = new AsyncLocalStorage<WriteKeyScope>();

/**
 * Runs `run` with derived MS-RequestIds for its Partner Center writes. `meaning` (canonical text, the
 * same in every process for the same write) must hold everything that makes this write differ from
 * another one, and no secret worth guessing: the key derived from it is sent and logged.
 */
export function withWriteKeys<T>(meaning: string, run: () => Promise<T>): Promise<T> {
  return scopes.run({ meaning, sent: new Map() }, run);
}

/** A UUID (RFC 9562 version 8: the name-based layout of version 5, with SHA-256) of `text`. */
export function derivedRequestId(text: string): string {
  const bytes = createHash("sha256").update(text).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function withIdempotency(options: IdempotencyOptions = {}): Layer {
  const newRequestId = options.newRequestId ?? randomUUID;
  return (next) => (request) => {
    if (request.service !== "partner-center") {
      // Graph has no replay key: reads are safe, writes only when the façade says so (assignLicense).
      return next({ ...request, idempotent: isRead(request.method) || request.idempotent === true });
    }
    const existing = Object.keys(request.headers).find((name) => name.toLowerCase() === "ms-requestid");
    const headers =
      existing === undefined
        ? { ...request.headers, [requestIdHeader]: keyFor(request, options.partnerTenantId) ?? newRequestId() }
        : request.headers;
    return next({ ...request, headers, idempotent: true });
  };
}

/** The derived key of a write inside a `withWriteKeys` scope; undefined for reads and outside one. */
function keyFor(request: ClientRequest, partnerTenantId: string | undefined): string | undefined {
  const scope = scopes.getStore();
  if (scope === undefined || isRead(request.method)) return undefined;
  // The path, never the host: two processes may reach the same Partner Center through different URLs.
  const url = new URL(request.url);
  // The body as the façade built it: the same code from the same reads builds the same JSON.
  const write = JSON.stringify([request.method, url.pathname + url.search, request.body ?? null]);
  const repeat = scope.sent.get(write) ?? 0;
  scope.sent.set(write, repeat + 1);
  return derivedRequestId(JSON.stringify([(partnerTenantId ?? "").toLowerCase(), scope.meaning, write, repeat]));
}
