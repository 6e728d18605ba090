// Audits every write route at the one place all of them pass (the domain's wrapper around each
// handler): the API's writes and the control API's portal changes alike. The resource before the
// change is read with the route's own GET where the table asks for it; after the change it is the
// write's answer. A rejected write is logged as `failed` when it named a customer of the partner.
import { EmulatorHttpError } from "../errors.js";
import { RouteTable } from "../pipeline/route-table.js";
import type { EmulatorRequest, EmulatorResponse, HandlerContext, Route } from "../pipeline/types.js";
import { own, type Store } from "../store/memory-store.js";
import { type AuditActor, appendAuditRecord } from "./audit-log.js";
import { AUDIT_OPERATIONS, type AuditOperation } from "./audit-operations.js";

export type WriteOutcome = { response: EmulatorResponse } | { error: unknown };

export class WriteAuditor {
  private readonly gets: RouteTable;

  constructor(
    private readonly store: Store,
    routes: readonly Route[],
  ) {
    this.gets = new RouteTable(routes.filter((route) => route.method === "GET"));
  }

  /** The audit table's entry for a write route; throws for a write route the table does not list. */
  static operation(route: Route): AuditOperation | undefined {
    const entry = AUDIT_OPERATIONS[`${route.face} ${route.method} ${route.template}`];
    if (entry === undefined) throw new Error(`write route ${route.method} ${route.template} has no audit entry`);
    return "notAudited" in entry ? undefined : entry;
  }

  /** The resource before the write, where the table asks for it (undefined when there is none yet). */
  /** Read synchronously (the emulator's handlers are), so no other write can come between it and the write. */
  before(route: Route, request: EmulatorRequest, context: HandlerContext): unknown {
    if (!WriteAuditor.operation(route)?.oldFromGet) return undefined;
    const get = this.gets.match(route.face, "GET", request.path);
    if (get === undefined) return undefined;
    try {
      const answer = get.route.handler({ ...request, method: "GET", body: undefined }, context);
      return !(answer instanceof Promise) && answer.status === 200 ? answer.body : undefined;
    } catch {
      return undefined;
    }
  }

  record(
    route: Route,
    request: EmulatorRequest,
    before: unknown,
    outcome: WriteOutcome,
    context: HandlerContext,
  ): void {
    const operation = WriteAuditor.operation(route);
    if (operation === undefined) return;
    const now = context.clock.now();
    const { principal } = request;
    const partner = this.store.partner(principal.partnerTenantId.toLowerCase());
    if (partner === undefined) return;
    const failed = "error" in outcome;
    if (failed && !(outcome.error instanceof EmulatorHttpError)) return;
    // A write that answers no body (Graph's 204) is read back where its resource can be read.
    const body = failed
      ? undefined
      : (outcome.response.body ?? (operation.oldFromGet ? this.before(route, request, context) : undefined));
    const resources = body === undefined ? [undefined] : (operation.resources?.(body) ?? [body]);
    for (const resource of resources) {
      const values = (resource ?? {}) as Record<string, unknown>;
      const customerId = (
        request.params["customerId"] ??
        (route.face === "graph" ? principal.tenantId : undefined) ??
        (typeof values["id"] === "string" ? values["id"] : "")
      ).toLowerCase();
      const customer = own(partner.customers, customerId);
      if (customer === undefined) continue;
      const objectId =
        request.params["subscriptionId"] ??
        request.params["userId"] ??
        (typeof values["id"] === "string" ? values["id"] : undefined) ??
        customerId;
      appendAuditRecord(this.store.state, {
        partnerTenantId: partner.tenantId,
        customerId,
        customerName: customer.billingProfile.companyName || this.store.tenant(customerId)?.companyName,
        objectId,
        actor: actorOf(request, partner.users),
        correlationId:
          request.correlationId ?? (route.face === "graph" ? request.headers["client-request-id"] : undefined),
        operationType: operation.operationType,
        resourceType: operation.resourceType,
        oldValue: before,
        newValue: resource,
        status: failed ? "failed" : "succeeded",
        date: now,
        details: operation.details?.(values, request.params, request.body) ?? [],
      });
    }
  }
}

/** The portal user the control API names, or the partner user behind an app+user token, and the application. */
function actorOf(request: EmulatorRequest, users: { objectId: string; userPrincipalName: string }[]): AuditActor {
  const { principal } = request;
  if (principal.actor !== undefined) return principal.actor;
  const user =
    principal.userObjectId === undefined ? undefined : users.find((u) => u.objectId === principal.userObjectId);
  return {
    ...(user === undefined ? {} : { userPrincipalName: user.userPrincipalName }),
    applicationId: principal.clientId,
  };
}
