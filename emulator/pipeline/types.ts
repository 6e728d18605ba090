// The seam between the emulator's transport (server, pipeline, token, control) and its domain
// (handlers, rules, store). The pipeline authenticates, routes, replays idempotent writes, injects
// faults and serialises; handlers are business code over the store and never see sockets.
import type { Catalog } from "../../core/catalog.js";
import type { StoreDelta } from "../store/store-delta.js";

/** Who is calling, as established by the pipeline from a verified bearer token. */
export interface Principal {
  /** The partner (CSP) tenant the calling application belongs to. */
  partnerTenantId: string;
  clientId: string;
  /** app: client credentials; user: app+user (Secure Application Model, refresh-token grant). */
  kind: "app" | "user";
  /** The partner user behind an app+user token. */
  userObjectId?: string;
  audience: Face;
  /** For Graph tokens: the customer tenant the token was issued for (GDAP). */
  tenantId: string;
  /** Who the audit log names instead of the token's user and application (control API portal changes). */
  actor?: { userPrincipalName?: string; applicationId?: string };
}

/** Partner Center (`/v1`), Graph (`/graph/v1.0`), the Partner API host's files (`/v1.0`: price sheets) and blob files (`/blob`: billing exports, signed URLs). */
export type Face = "partner-center" | "graph" | "partner-api" | "blob";

export interface EmulatorRequest {
  method: string;
  /** Path after the face prefix (`/v1` or `/graph/v1.0`), e.g. `/customers/abc/subscriptions`. */
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** Parsed JSON body with keys normalised to camelCase; undefined when there is none. */
  body: unknown;
  /** Path parameters from the route template, e.g. `{customerId}`. */
  params: Record<string, string>;
  principal: Principal;
  requestId: string | undefined;
  correlationId: string | undefined;
  /** The request's own origin, for absolute links (`@odata.nextLink`). */
  origin: string;
}

export interface EmulatorResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Clock {
  now(): Date;
}

export interface HandlerContext {
  clock: Clock;
  catalog: Catalog;
  config: DomainConfig;
}

export type Handler = (
  request: EmulatorRequest,
  context: HandlerContext,
) => EmulatorResponse | Promise<EmulatorResponse>;

/**
 * `app-or-user`: any Partner Center token. `user`: app+user only (each operation's Prerequisites in the Partner Center docs; app-only gets the
 * documented 900316/900329 error). `graph`: a Graph token for the customer in `{customerTenantId}`
 * or for the tenant the token names.
 */
/** `sas`: no bearer token; the handler checks the URL's shared-access signature (blob files). */
export type RouteAuth = "app-or-user" | "user" | "graph" | "sas";

export interface Route {
  face: Face;
  method: "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Template with `{name}` parameters, relative to the face prefix: `/customers/{customerId}`. */
  template: string;
  auth: RouteAuth;
  /** Writes are replayed by MS-RequestId and counted as writes in the stats. */
  write: boolean;
  /** A read that records state (the reseller invitation is made on its first request): saved before the answer. */
  records?: boolean;
  /** A write that changes no record (it starts a billing export): what is derived from the records stays valid. */
  recordsUnchanged?: boolean;
  handler: Handler;
}

/** Settings the domain needs; the transport passes them through from the emulator's options. */
export interface DomainConfig {
  /** Seconds (emulator clock) from checkout until an order completes and its subscriptions exist. */
  provisioningDelaySeconds: number;
  /** Seconds (emulator clock) a new customer cannot place orders (fault: slow start). */
  slowStartSeconds: number;
  /** Page size for seek-paged collections when the caller sends none. */
  defaultPageSize: number;
  /** Day of the month (1–28) the partner's billing periods start on (R-BIL-5). */
  billingCycleDay: number;
  /** `Retry-After` seconds a running billing export answers with. */
  exportRetryAfterSeconds: number;
  /** Polls of a billing export operation that answer `running` before it succeeds. */
  exportRunningPolls: number;
}

/** Everything the transport needs from the domain. Created by `createDomain` in emulator/domain.ts. */
export interface EmulatorDomain {
  routes: Route[];
  /** Runs renewals, trial conversions and expiries that are due at `now`. */
  runDue(now: Date): void;
  reset(): void;
  /** Adds partners, tenants, customers, subscriptions and users as if made in the portal. */
  seed(body: unknown): unknown;
  /** `tenantId` names the accepting tenant (control body `{"tenantId": …}`); optional when only one could accept. */
  acceptInvitation(invitationId: string, tenantId?: string): unknown;
  /** The customer's side of a GDAP relationship: approving it (as the approval link would) or ending it. */
  gdapCustomerAction(relationshipId: string, action: "approve" | "terminate"): unknown;
  /** A write made outside cspctl, as a portal user would make it (control/portal-change.ts); audited like any write. */
  portalChange(body: unknown): Promise<{ status: number; body: unknown }>;
  /** The whole state as plain JSON (for persistence), and back. */
  snapshot(): unknown;
  restore(snapshot: unknown): void;
  /** The records changed since the last call, or undefined when only a whole snapshot says what changed. */
  takeDelta(): StoreDelta | undefined;
  /** Puts a delta from takeDelta back in place, onto the state it followed. */
  applyDelta(delta: StoreDelta): void;
  /** Looks up a registered partner application, for the token endpoint. */
  findApplication(clientId: string): PartnerApplication | undefined;
  /** The partner user a refresh token belongs to. */
  findRefreshToken(token: string): { partnerTenantId: string; userObjectId: string; clientId: string } | undefined;
  /** The tenant id an authority path segment names (a tenant id or one of the tenant's domains); undefined when no tenant has it. */
  resolveTenant(segment: string): string | undefined;
  /** True when `customerTenantId` is a customer (GDAP) of `partnerTenantId`. */
  isCustomerOf(partnerTenantId: string, customerTenantId: string): boolean;
}

export interface PartnerApplication {
  clientId: string;
  partnerTenantId: string;
  clientSecrets: string[];
  /** PEM certificates whose private keys may sign client assertions. */
  certificates: string[];
}

export type { Catalog };
