// The emulator's domain half: the store, the route table and the registry the token endpoint uses.
// The transport (server.ts) calls these through the EmulatorDomain seam and nothing else.
import { invalidInput } from "./errors.js";
import type {
  Catalog,
  Clock,
  DomainConfig,
  EmulatorDomain,
  EmulatorRequest,
  EmulatorResponse,
  Handler,
  PartnerApplication,
  Route,
} from "./pipeline/types.js";
import { auditSeed } from "./audit/audit-seed.js";
import { WriteAuditor } from "./audit/audit-writes.js";
import { portalChange } from "./control/portal-change.js";
import { RouteTable } from "./pipeline/route-table.js";
import { buildRoutes } from "./routes.js";
import { customerAction } from "./handlers/gdap.js";
import { customerOfRelationship } from "./rules/gdap.js";
import { acceptInvitation } from "./rules/invitations.js";
import { nextDueTime, nextDueTimeIn, runDueWork, type WriteScope } from "./rules/lifecycle.js";
import { MemoryStore } from "./store/memory-store.js";
import { recordsMayHaveChanged, writeEnded, writeStarted } from "./store/record-index.js";
import { applySeed } from "./store/seed.js";
import { applyDelta, ChangeSet } from "./store/store-delta.js";
import type { EmulatorState } from "./store/state.js";

export interface CreateDomainOptions {
  clock: Clock;
  catalog: Catalog;
  config: DomainConfig;
}

export function createDomain(options: CreateDomainOptions): EmulatorDomain {
  const store = new MemoryStore();
  const handlerContext = { clock: options.clock, catalog: options.catalog, config: options.config };
  // What persistence has not yet saved: the customers and tenants writes and due work touched.
  const unsaved = new ChangeSet();
  // When due work next has something to do; -Infinity = unknown (after any write), so reads stay
  // cheap until then.
  let nextDue = Number.NEGATIVE_INFINITY;
  const changed = (): void => {
    nextDue = Number.NEGATIVE_INFINITY;
    recordsMayHaveChanged();
    unsaved.all();
  };
  const runDue = (now: Date): void => {
    if (now.getTime() < nextDue) return;
    const due = runDueWork(store.state, now, options.catalog);
    for (const { partnerTenantId, customerId } of due.customers) unsaved.customer(partnerTenantId, customerId);
    for (const tenantId of due.tenantIds) unsaved.tenant(tenantId);
    recordsMayHaveChanged();
    nextDue = nextDueTime(store.state);
  };
  // A write can only schedule due work where it happened, so only that scope is rescanned
  // (rescanning everything after each write made a large apply quadratic: finding
  // bench-emulator-due-work-scan). Control-API changes still forget nextDue.
  // A write that threw had no effect (the replay store relies on that too): nothing to save.
  const afterWrite = (route: Route, request: EmulatorRequest, response: EmulatorResponse | undefined): void => {
    const scope = writeScope(route, request, response);
    if (scope === undefined) {
      if (response !== undefined) changed();
      else nextDue = Number.NEGATIVE_INFINITY;
      return;
    }
    nextDue = Math.min(nextDue, nextDueTimeIn(store.state, scope));
    if (response === undefined) return;
    unsaved.customer(scope.partnerTenantId!, scope.customerId!);
    unsaved.tenant(scope.tenantId!);
  };
  // Due work (order completion, renewals, trial ends) also runs before each request, so state is
  // right whether or not the transport called runDue after the clock moved.
  // Every write, whichever way it came, is audited here (audit/audit-writes.ts).
  const plainRoutes = buildRoutes(store);
  const auditor = new WriteAuditor(store, plainRoutes);
  const settleFirst =
    (route: Route): Handler =>
    async (request, context) => {
      runDue(context.clock.now());
      let response: EmulatorResponse | undefined;
      const before = route.write ? auditor.before(route, request, context) : undefined;
      // a write that changes no record leaves the record index and the cached ledger valid
      const changesRecords = route.write && route.recordsUnchanged !== true;
      if (changesRecords) writeStarted();
      try {
        response = await route.handler(request, context);
        return response;
      } catch (error) {
        if (route.write) auditor.record(route, request, before, { error }, context);
        throw error;
      } finally {
        // A Graph read that records (users/delta keeps its round in the tenant) is saved with the tenant.
        if (route.records === true && route.face === "graph" && response !== undefined)
          unsaved.tenant(request.principal.tenantId);
        if (route.write) {
          if (changesRecords) writeEnded();
          if (response !== undefined) auditor.record(route, request, before, { response }, context);
          afterWrite(route, request, response);
        }
      }
    };
  const routes: Route[] = plainRoutes.map((route) => ({ ...route, handler: settleFirst(route) }));
  const routeTable = new RouteTable(routes);

  return {
    routes,
    runDue,
    reset: () => {
      store.reset();
      changed();
    },
    seed: (body) => {
      // All or nothing: a seed that fails half-way leaves the state as it was.
      const draft = new MemoryStore();
      draft.replace(structuredClone(store.state));
      const summary = applySeed(draft, body, { catalog: options.catalog, now: options.clock.now() });
      auditSeed(store.state, draft, body, options.clock.now());
      store.replace(draft.state);
      changed();
      return summary;
    },
    // Runs through the wrapped handlers, which record what it changed like any write.
    portalChange: (body) => portalChange({ store, routes: routeTable, context: handlerContext, body }),
    acceptInvitation: (invitationId: string, tenantId?: string) => {
      changed();
      return acceptInvitation(store, invitationId, options.clock.now(), tenantId);
    },
    gdapCustomerAction: (relationshipId, action) => {
      changed();
      return customerAction(store, relationshipId, action, options.clock.now());
    },
    snapshot: () => JSON.parse(JSON.stringify(store.state)) as unknown,
    takeDelta: () => unsaved.take(store.state),
    applyDelta: (delta) => {
      if (!applyDelta(store.state, delta))
        throw invalidInput("The saved change names a partner the saved state does not have.");
      changed();
    },
    restore: (snapshot) => {
      if (typeof snapshot !== "object" || snapshot === null) throw invalidInput("The snapshot must be an object.");
      store.replace(JSON.parse(JSON.stringify(snapshot)) as EmulatorState);
      changed();
    },
    findApplication: (clientId) => findApplication(store, clientId),
    findRefreshToken: (token) => {
      for (const partner of Object.values(store.state.partners)) {
        for (const user of partner.users) {
          if (user.refreshTokens.includes(token)) {
            const clientId = partner.applications[0]?.clientId ?? "";
            return { partnerTenantId: partner.tenantId, userObjectId: user.objectId, clientId };
          }
        }
      }
      return undefined;
    },
    resolveTenant: (segment) => resolveTenant(store, segment),
    isCustomerOf: (partnerTenantId, customerTenantId) => {
      const partner = store.partner(partnerTenantId.toLowerCase());
      return partner !== undefined && Object.hasOwn(partner.customers, customerTenantId.toLowerCase());
    },
  };
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The tenant id an authority path names: a tenant id, or a domain of the tenant (Entra accepts
 * either). A customer tenant's domains are its own; a partner tenant's are the domains of its users'
 * sign-in names, which Entra only allows on verified domains.
 */
function resolveTenant(store: MemoryStore, segment: string): string | undefined {
  const wanted = segment.toLowerCase();
  if (GUID.test(wanted)) return store.partner(wanted)?.tenantId ?? store.tenant(wanted)?.tenantId;
  for (const tenant of Object.values(store.state.tenants)) {
    if (
      tenant.defaultDomain.toLowerCase() === wanted ||
      tenant.domains.some((domain) => domain.toLowerCase() === wanted)
    )
      return tenant.tenantId;
  }
  for (const partner of Object.values(store.state.partners)) {
    if (partner.users.some((user) => user.userPrincipalName.toLowerCase().endsWith(`@${wanted}`)))
      return partner.tenantId;
  }
  return undefined;
}

function findApplication(store: MemoryStore, clientId: string): PartnerApplication | undefined {
  const wanted = clientId.toLowerCase();
  for (const partner of Object.values(store.state.partners)) {
    const app = partner.applications.find((a) => a.clientId === wanted);
    if (app !== undefined)
      return {
        clientId: app.clientId,
        partnerTenantId: partner.tenantId,
        clientSecrets: [...app.clientSecrets],
        certificates: [...app.certificates],
      };
  }
  return undefined;
}

/**
 * The customer a write concerns: the `{customerId}` in its path, the Graph token's tenant, or the
 * customer a POST /customers created (its response's id). undefined = unknown, rescan everything.
 */
function writeScope(
  route: Route,
  request: EmulatorRequest,
  response: EmulatorResponse | undefined,
): WriteScope | undefined {
  const partnerTenantId = request.principal.partnerTenantId.toLowerCase();
  const customerId = route.template.startsWith("/tenantRelationships/")
    ? gdapCustomer(request)
    : route.face === "graph"
      ? request.principal.tenantId
      : (request.params["customerId"] ?? (route.template === "/customers" ? createdId(response) : undefined));
  if (customerId === undefined || customerId === "") return undefined;
  const id = customerId.toLowerCase();
  return { partnerTenantId, customerId: id, tenantId: id };
}

/** The customer a GDAP write concerns: the one its relationship id names, or the one a new relationship names. */
function gdapCustomer(request: EmulatorRequest): string | undefined {
  const id = request.params["relationshipId"];
  if (id !== undefined) return customerOfRelationship(id);
  const tenantId = (request.body as { customer?: { tenantId?: unknown } } | undefined)?.customer?.tenantId;
  return typeof tenantId === "string" ? tenantId : undefined;
}

function createdId(response: EmulatorResponse | undefined): string | undefined {
  const body = response?.body;
  if (typeof body !== "object" || body === null) return undefined;
  const id = (body as { id?: unknown }).id;
  return typeof id === "string" ? id : undefined;
}
