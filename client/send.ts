// The one request/response shape every layer passes along. Layers are `(next: Send) => Send`
// wrappers (Octokit's hook.wrap); each lives in its own file and can be removed alone.

export type HttpMethod = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";
/** `partner-api`: the Partner API host (api.partner.microsoft.com) that serves price sheets. */
export type ServiceName = "partner-center" | "graph" | "partner-api";

/** Which token a call needs: app-only, app+user (Secure Application Model), or none. */
export type AuthRequirement =
  | { kind: "app" | "user" /** Graph: the customer tenant; default the partner. */; tenantId?: string }
  | { kind: "none" };

export interface ClientRequest {
  service: ServiceName;
  method: HttpMethod;
  /** Absolute URL. */
  url: string;
  headers: Record<string, string>;
  body?: unknown;
  signal?: AbortSignal;
  auth: AuthRequirement;
  /** Façade operation name, for logs (`subscriptions.update`). */
  operation: string;
  /** Statuses besides 2xx that are answers, not errors (HEAD /domains → 404 = free). */
  acceptStatuses?: readonly number[];
  /**
   * True when sending this request twice has the effect of sending it once: reads, writes that
   * carry an MS-RequestId, and writes that are idempotent by nature. Set by the idempotency layer.
   */
  idempotent?: boolean;
}

export interface ClientResponse {
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** Parsed JSON, the raw text when it is not JSON, undefined when empty. */
  body: unknown;
}

export type Send = (request: ClientRequest) => Promise<ClientResponse>;
export type Layer = (next: Send) => Send;

export function isRead(method: HttpMethod): boolean {
  return method === "GET" || method === "HEAD";
}
