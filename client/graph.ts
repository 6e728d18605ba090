// The Microsoft Graph façade, per customer tenant (tokens come from that tenant's authority, GDAP).
import { readUserDelta } from "./graph-delta.js";
import { collect } from "./paginate.js";
import { MICROSOFT_GRAPH_APP_ID } from "./partner-center/application-consents.js";
import { segment, type ServiceCaller } from "./service.js";
import type {
  GraphApplicationConsent,
  GraphSubscribedSku,
  GraphUser,
  GraphUserChange,
  GraphUserDelta,
} from "./types.js";
import type * as Wire from "./wire/graph.js";
import {
  assignLicenseToWire,
  graphUserChangeToWire,
  assignedLicensesFromWire,
  graphSubscribedSkuFromWire,
  graphUserFromWire,
  graphUserSelect,
  servicePrincipalFromWire,
  tenantGrantFromWire,
  verifiedDomainFromWire,
} from "./wire/graph.mappers.js";

export function createGraph(caller: ServiceCaller) {
  return {
    users: {
      /** Every user of the tenant, 999 per page, with the licence and location fields Graph omits by default. */
      async *list(tenantId: string, options: { signal?: AbortSignal } = {}): AsyncGenerator<GraphUser> {
        const items = caller.graphItems("graph.users.list", tenantId, "/users", {
          query: { $select: graphUserSelect.join(","), $top: 999 },
          ...(options.signal === undefined ? {} : { signal: options.signal }),
        });
        for await (const item of items) yield graphUserFromWire(item as Wire.GraphUser);
      },

      /**
       * One round of change tracking (GET /users/delta, the same properties as `list`): without
       * `deltaLink` every user, as changed; with the link a previous round returned, the users
       * created or changed since and the ids of those deleted. Throws `graph.delta_expired` when
       * Graph no longer has that round (links expire after seven days): read the users in full.
       */
      delta(tenantId: string, options: { deltaLink?: string; signal?: AbortSignal } = {}): Promise<GraphUserDelta> {
        return readUserDelta(caller, tenantId, options);
      },

      /** Changes sign-in (accountEnabled) and profile fields of a user; Graph answers 204. */
      async update(tenantId: string, userId: string, change: GraphUserChange): Promise<void> {
        await caller.graph("graph.users.update", "PATCH", tenantId, `/users/${segment(userId)}`, {
          body: graphUserChangeToWire(change),
          idempotent: true,
        });
      },

      /**
       * Adds and removes licences. Safe to resend (the result is the same), so it is retried on
       * Directory_ConcurrencyViolation and transient failures although Graph has no idempotency key.
       * Graph answers with the user's default properties, which do not include assignedLicenses:
       * read them with `licences` to see the result.
       */
      async assignLicense(
        tenantId: string,
        userId: string,
        change: { add: Array<{ skuId: string; disabledPlans?: string[] }>; remove: string[] },
      ): Promise<void> {
        await caller.graph("graph.users.assignLicense", "POST", tenantId, `/users/${segment(userId)}/assignLicense`, {
          body: assignLicenseToWire(change.add, change.remove),
          idempotent: true,
        });
      },

      /** The user's licences now, read with `$select` (assignedLicenses is not a default property). */
      async licences(tenantId: string, userId: string): Promise<GraphUser["assignedLicenses"]> {
        const response = await caller.graph("graph.users.licences", "GET", tenantId, `/users/${segment(userId)}`, {
          query: { $select: "id,assignedLicenses" },
        });
        return assignedLicensesFromWire(response.body as Wire.GraphUser);
      },
    },

    domains: {
      /** The tenant's domains: the names verified in it (GET /domains, Domain.Read.All). */
      async listVerified(tenantId: string): Promise<string[]> {
        const items = await collect(caller.graphItems("graph.domains.list", tenantId, "/domains"));
        return items.flatMap((item) => verifiedDomainFromWire(item as Wire.GraphDomain) ?? []);
      },
    },

    applicationConsents: {
      /**
       * What each of `applicationIds` is consented to in the tenant: its tenant-wide delegated
       * permissions per resource application (Graph: servicePrincipals and oauth2PermissionGrants;
       * Partner Center cannot read a consent back). `resources` names the resource applications whose
       * ids to resolve (Microsoft Graph always is); an application without a service principal in the
       * tenant is absent. One read for the service principals, one per application found.
       */
      async list(
        tenantId: string,
        applicationIds: readonly string[],
        resources: readonly string[] = [],
      ): Promise<GraphApplicationConsent[]> {
        const wanted = [
          ...new Set([...applicationIds, ...resources, MICROSOFT_GRAPH_APP_ID].map((id) => id.toLowerCase())),
        ];
        const principals = (
          await collect(
            caller.graphItems("graph.servicePrincipals.list", tenantId, "/servicePrincipals", {
              query: { $filter: `appId in (${wanted.map((id) => `'${id}'`).join(",")})` },
            }),
          )
        ).map((item) => servicePrincipalFromWire(item as Wire.GraphServicePrincipal));
        const appIdOf = new Map(principals.map((p) => [p.id, p.appId]));
        const consents: GraphApplicationConsent[] = [];
        for (const applicationId of applicationIds.map((id) => id.toLowerCase())) {
          const principal = principals.find((p) => p.appId === applicationId);
          if (principal === undefined) continue;
          const grants = await collect(
            caller.graphItems("graph.oauth2PermissionGrants.list", tenantId, "/oauth2PermissionGrants", {
              query: { $filter: `clientId eq '${principal.id}'` },
            }),
          );
          consents.push({
            applicationId,
            grants: grants.flatMap((item) => {
              const grant = tenantGrantFromWire(item as Wire.GraphPermissionGrant);
              return grant === undefined
                ? []
                : [{ resource: appIdOf.get(grant.resourceId) ?? grant.resourceId, scopes: grant.scopes }];
            }),
          });
        }
        return consents;
      },
    },

    subscribedSkus: {
      async list(tenantId: string): Promise<GraphSubscribedSku[]> {
        const items = await collect(caller.graphItems("graph.subscribedSkus.list", tenantId, "/subscribedSkus"));
        return items.map((item) => graphSubscribedSkuFromWire(item as Wire.GraphSubscribedSku));
      },
    },
  };
}

export type Graph = ReturnType<typeof createGraph>;
