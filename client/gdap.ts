// GDAP through Microsoft Graph on the partner tenant's own token (Microsoft Graph docs:
// delegatedAdminRelationship and its requests and accessAssignments). Writes carry the relationship's
// or assignment's ETag in If-Match, as Graph requires.
import { segment, type ServiceCaller } from "./service.js";
import type * as Wire from "./wire/gdap.js";
import {
  delegatedAdminAccessAssignmentFromWire,
  delegatedAdminRelationshipFromWire,
  delegatedAdminRequestFromWire,
  unifiedRolesToWire,
} from "./wire/gdap.mappers.js";

export interface GdapRelationship {
  id: string;
  displayName: string;
  status: string;
  duration: string;
  /** Role template ids, lower case. */
  roles: string[];
  autoExtendDuration: string;
  customerTenantId?: string;
  activatedAt?: string;
  endsAt?: string;
  etag?: string;
}

export interface GdapAccessAssignment {
  id: string;
  status: string;
  groupId: string;
  roles: string[];
  etag?: string;
}

export interface GdapRelationshipRequest {
  id: string;
  action: string;
  status: string;
}

export interface NewGdapRelationship {
  displayName: string;
  duration: string;
  customerTenantId: string;
  roles: readonly string[];
  autoExtend: boolean;
}

/** The customer's Global Administrator approves a locked relationship at this address. */
export const approvalLink = (relationshipId: string): string =>
  `https://admin.microsoft.com/AdminPortal/Home#/partners/invitation/granularAdminRelationships/${encodeURIComponent(relationshipId)}`;

const R = "/tenantRelationships/delegatedAdminRelationships";

export function createGdap(caller: ServiceCaller, partnerTenantId: string) {
  const at = (id: string) => `${R}/${segment(id)}`;
  return {
    /** Every relationship with `customerTenantId` (or with every customer), 300 per page. */
    async *list(customerTenantId?: string): AsyncGenerator<GdapRelationship> {
      const query =
        customerTenantId === undefined
          ? { $top: 300 }
          : { $top: 300, $filter: `customer/tenantId eq '${customerTenantId.replace(/'/g, "''")}'` };
      for await (const item of caller.graphItems("gdap.relationships.list", partnerTenantId, R, { query }))
        yield delegatedAdminRelationshipFromWire(item);
    },

    async get(id: string): Promise<GdapRelationship> {
      const response = await caller.graph("gdap.relationships.get", "GET", partnerTenantId, at(id));
      return delegatedAdminRelationshipFromWire(response.body);
    },

    async create(relationship: NewGdapRelationship): Promise<GdapRelationship> {
      const body: Wire.DelegatedAdminRelationshipCreate = {
        displayName: relationship.displayName,
        duration: relationship.duration,
        customer: { tenantId: relationship.customerTenantId },
        accessDetails: unifiedRolesToWire(relationship.roles),
        autoExtendDuration: relationship.autoExtend ? "P180D" : "PT0S",
      };
      const response = await caller.graph("gdap.relationships.create", "POST", partnerTenantId, R, { body });
      return delegatedAdminRelationshipFromWire(response.body);
    },

    /** Turns auto-extend on or off (the one change Graph allows once a relationship is active). */
    async setAutoExtend(relationship: GdapRelationship, autoExtend: boolean): Promise<GdapRelationship> {
      const response = await caller.graph("gdap.relationships.update", "PATCH", partnerTenantId, at(relationship.id), {
        body: { autoExtendDuration: autoExtend ? "P180D" : "PT0S" },
        headers: { "if-match": relationship.etag ?? "*" },
        idempotent: true,
      });
      return delegatedAdminRelationshipFromWire(response.body);
    },

    /** `lockForApproval` (a `created` relationship, then awaiting the customer) or `terminate` (an active one). */
    async request(id: string, action: "lockForApproval" | "terminate"): Promise<GdapRelationshipRequest> {
      const response = await caller.graph("gdap.relationships.request", "POST", partnerTenantId, `${at(id)}/requests`, {
        body: { action },
      });
      return delegatedAdminRequestFromWire(response.body);
    },

    accessAssignments: {
      async list(relationshipId: string): Promise<GdapAccessAssignment[]> {
        const found: GdapAccessAssignment[] = [];
        const path = `${at(relationshipId)}/accessAssignments`;
        for await (const item of caller.graphItems("gdap.accessAssignments.list", partnerTenantId, path))
          found.push(delegatedAdminAccessAssignmentFromWire(item));
        return found;
      },

      async create(relationshipId: string, groupId: string, roles: readonly string[]): Promise<GdapAccessAssignment> {
        const body: Omit<Wire.DelegatedAdminAccessAssignment, "id" | "status"> = {
          accessContainer: { accessContainerId: groupId, accessContainerType: "securityGroup" },
          accessDetails: unifiedRolesToWire(roles),
        };
        const path = `${at(relationshipId)}/accessAssignments`;
        const response = await caller.graph("gdap.accessAssignments.create", "POST", partnerTenantId, path, { body });
        return delegatedAdminAccessAssignmentFromWire(response.body);
      },

      /** Sets the roles; Graph answers 202 and an operation (its Location) to poll, or 200 when nothing changes. */
      async update(
        relationshipId: string,
        assignment: GdapAccessAssignment,
        roles: readonly string[],
      ): Promise<{ operation?: string }> {
        const path = `${at(relationshipId)}/accessAssignments/${segment(assignment.id)}`;
        const response = await caller.graph("gdap.accessAssignments.update", "PATCH", partnerTenantId, path, {
          body: { accessDetails: unifiedRolesToWire(roles) },
          headers: { "if-match": assignment.etag ?? "*" },
          idempotent: true,
        });
        return response.status === 202 && response.headers["location"] !== undefined
          ? { operation: response.headers["location"] }
          : {};
      },

      async remove(relationshipId: string, assignment: GdapAccessAssignment): Promise<void> {
        const path = `${at(relationshipId)}/accessAssignments/${segment(assignment.id)}`;
        await caller.graph("gdap.accessAssignments.delete", "DELETE", partnerTenantId, path, {
          headers: { "if-match": assignment.etag ?? "*" },
          idempotent: true,
        });
      },
    },
  };
}

export type Gdap = ReturnType<typeof createGdap>;
