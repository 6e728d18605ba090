// Multi-channel (NCE-RULES R-CUS-4): an existing tenant becomes a partner's customer only when it
// accepts the partner's reseller relationship request; its subscriptions elsewhere stay where they are.
import { randomUUID } from "node:crypto";
import { invalidInput, resourceNotFound } from "../errors.js";
import { addDefaultRelationship } from "./gdap.js";
import type { Store } from "../store/memory-store.js";
import type { InvitationRecord, PartnerRecord } from "../store/state.js";

/** The partner's reusable invitation, created on first request. */
export function invitationFor(store: Store, partner: PartnerRecord, now: Date): InvitationRecord {
  const existing = Object.values(store.state.invitations).find(
    (invitation) => invitation.partnerTenantId === partner.tenantId,
  );
  if (existing !== undefined) return existing;
  const invitation: InvitationRecord = {
    id: randomUUID(),
    partnerTenantId: partner.tenantId,
    acceptedByTenantIds: [],
    createdAt: now.toISOString(),
  };
  store.state.invitations[invitation.id] = invitation;
  return invitation;
}

/**
 * The customer's admin accepts: `tenantId` names the accepting tenant. Without it, the one tenant
 * that is nobody's customer yet accepts; when there are several, the caller must say which.
 */
export function acceptInvitation(store: Store, invitationId: string, now: Date, tenantId?: string): unknown {
  const invitation = Object.hasOwn(store.state.invitations, invitationId)
    ? store.state.invitations[invitationId]
    : undefined;
  if (invitation === undefined) throw resourceNotFound(`Invitation ${invitationId}`);
  const partner = store.partner(invitation.partnerTenantId);
  if (partner === undefined) throw resourceNotFound(`Partner ${invitation.partnerTenantId}`);
  const tenant = tenantId === undefined ? onlyUnlinkedTenant(store) : store.tenant(tenantId.toLowerCase());
  if (tenant === undefined) throw resourceNotFound(`Tenant ${tenantId ?? ""}`);
  if (tenant.tenantId === partner.tenantId)
    throw invalidInput("A partner's own tenant cannot become its customer (R-CUS-6).");
  if (!Object.hasOwn(partner.customers, tenant.tenantId)) {
    partner.customers[tenant.tenantId] = {
      id: tenant.tenantId,
      commerceId: randomUUID(),
      relationshipToPartner: "reseller",
      enableGDAPByDefault: false,
      billingProfile: {
        id: randomUUID(),
        email: `billing@${tenant.defaultDomain}`,
        culture: "en-US",
        language: "en",
        companyName: tenant.companyName,
        defaultAddress: { country: "US" },
        version: 1,
      },
      qualifications: [],
      createdAt: now.toISOString(),
      createdThroughApi: false,
    };
  }
  // The emulator's invitation link carries the default GDAP request, accepted with it.
  addDefaultRelationship(partner.customers[tenant.tenantId]!, tenant.companyName, now);
  if (!invitation.acceptedByTenantIds.includes(tenant.tenantId)) invitation.acceptedByTenantIds.push(tenant.tenantId);
  return {
    invitationId: invitation.id,
    partnerTenantId: partner.tenantId,
    customerTenantId: tenant.tenantId,
    relationshipToPartner: "reseller",
  };
}

function onlyUnlinkedTenant(store: Store) {
  const linked = new Set(Object.values(store.state.partners).flatMap((partner) => Object.keys(partner.customers)));
  const candidates = Object.values(store.state.tenants).filter(
    (tenant) => !linked.has(tenant.tenantId) && store.partner(tenant.tenantId) === undefined,
  );
  if (candidates.length !== 1)
    throw invalidInput("Say which tenant accepts: several tenants could accept this invitation (pass tenantId).");
  return candidates[0];
}
