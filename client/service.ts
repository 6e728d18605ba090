// What the façades use to talk to a service: URL building, the auth a call needs, paging and
// polling. Façades say *what* to call; this file and the layers decide *how*.
import { PartnerCenterError } from "./errors.js";
import { paginateGraph, paginatePartnerCenter, resolvePartnerCenterLink } from "./paginate.js";
import type { ClientRequest, ClientResponse, HttpMethod } from "./send.js";
import type { Transport } from "./transport.js";

export type Query = Record<string, string | number | boolean | readonly string[] | undefined>;

export interface CallOptions {
  query?: Query;
  body?: unknown;
  /** `user` for the calls Partner Center only allows with app+user tokens (each operation's Prerequisites in the Partner Center docs). */
  auth?: "app" | "user";
  headers?: Record<string, string>;
  acceptStatuses?: readonly number[];
  signal?: AbortSignal;
  /** Graph writes that may be resent safely (assignLicense). */
  idempotent?: boolean;
}

export interface PollPolicy {
  intervalMs: number;
  timeoutMs: number;
}

export const defaultPollPolicy: PollPolicy = { intervalMs: 5_000, timeoutMs: 15 * 60_000 };

function buildQuery(query: Query | undefined): string {
  if (query === undefined) return "";
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value as readonly string[]) params.append(name, item);
    else params.append(name, String(value));
  }
  const text = params.toString();
  return text === "" ? "" : `?${text}`;
}

/** Encodes one path segment: ids come from users and estates, never trust them in a path. */
export const segment = (value: string): string => encodeURIComponent(value);

export class ServiceCaller {
  constructor(
    readonly transport: Transport,
    readonly options: { partnerCenterAuth: "app" | "user"; graphAuth: "app" | "user"; poll: PollPolicy },
  ) {}

  partnerCenterRequest(operation: string, method: HttpMethod, path: string, options: CallOptions = {}): ClientRequest {
    return {
      service: "partner-center",
      method,
      url: `${this.transport.config.partnerCenterUrl}/v1${path}${buildQuery(options.query)}`,
      headers: { ...options.headers },
      auth: { kind: options.auth ?? this.options.partnerCenterAuth },
      operation,
      ...(options.body === undefined ? {} : { body: options.body }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.acceptStatuses === undefined ? {} : { acceptStatuses: options.acceptStatuses }),
    };
  }

  partnerCenter(
    operation: string,
    method: HttpMethod,
    path: string,
    options: CallOptions = {},
  ): Promise<ClientResponse> {
    return this.transport.send(this.partnerCenterRequest(operation, method, path, options));
  }

  /** Every item of a (possibly seek-paged) Partner Center collection. */
  partnerCenterItems(operation: string, path: string, options: CallOptions = {}): AsyncGenerator<unknown> {
    return paginatePartnerCenter(
      this.transport.send,
      this.partnerCenterRequest(operation, "GET", path, options),
      this.transport.config.partnerCenterUrl,
    );
  }

  /** GET of a host-relative Partner Center link (`Location`, `links.self`), adding /v1 only when missing. */
  followLink(operation: string, uri: string, options: CallOptions = {}): Promise<ClientResponse> {
    const request = this.partnerCenterRequest(operation, "GET", "", options);
    return this.transport.send({
      ...request,
      url: resolvePartnerCenterLink(this.transport.config.partnerCenterUrl, uri),
    });
  }

  graphRequest(
    operation: string,
    method: HttpMethod,
    tenantId: string,
    path: string,
    options: CallOptions = {},
  ): ClientRequest {
    return {
      service: "graph",
      method,
      url: `${this.transport.config.graphUrl}${path}${buildQuery(options.query)}`,
      headers: { ...options.headers },
      auth: { kind: options.auth ?? this.options.graphAuth, tenantId },
      operation,
      ...(options.body === undefined ? {} : { body: options.body }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.idempotent === undefined ? {} : { idempotent: options.idempotent }),
    };
  }

  graph(
    operation: string,
    method: HttpMethod,
    tenantId: string,
    path: string,
    options: CallOptions = {},
  ): Promise<ClientResponse> {
    return this.transport.send(this.graphRequest(operation, method, tenantId, path, options));
  }

  graphItems(operation: string, tenantId: string, path: string, options: CallOptions = {}): AsyncGenerator<unknown> {
    return paginateGraph(this.transport.send, this.graphRequest(operation, "GET", tenantId, path, options));
  }

  /** Calls `check` until it returns a value, sleeping between tries; times out with client.operation_timeout. */
  async poll<T>(what: string, check: () => Promise<T | undefined>, signal?: AbortSignal): Promise<T> {
    const { timer } = this.transport;
    const deadline = timer.now() + this.options.poll.timeoutMs;
    for (;;) {
      const result = await check();
      if (result !== undefined) return result;
      if (timer.now() >= deadline) {
        throw new PartnerCenterError({
          code: "client.operation_timeout",
          message: `${what} did not finish within ${Math.round(this.options.poll.timeoutMs / 1000)}s.`,
          hint: "Partner Center may still complete it; run the command again later — it re-reads the state before acting.",
          service: "partner-center",
          retryable: true,
        });
      }
      await timer.sleep(this.options.poll.intervalMs, signal);
    }
  }
}
