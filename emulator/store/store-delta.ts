// The part of the state a write changed, as plain JSON: every record of the customers and tenants
// it touched. Writes only ever add or replace records under their id (a tenant's users live inside
// its record), so putting a delta's records back in place onto the state it was taken from gives
// the state after the write, at a cost that follows the size of the customer, not of the state.
// Invitations are only ever added (a read of the relationship request link makes the partner's
// first; accepting one is a control call, saved whole), so new ones are those past the last count;
// the audit log is only appended to, so its new records are likewise those past the last count.
import { own } from "./memory-store.js";
import { ordersByCustomer, RecordIndex, subscriptionsByCustomer } from "./record-index.js";
import type {
  CartRecord,
  CustomerRecord,
  EmulatorState,
  InvitationRecord,
  OrderRecord,
  SubscriptionRecord,
  TenantRecord,
} from "./state.js";
import type { AuditRecord } from "../wire/audit.js";

/** Which customers (of which partner) and which tenants changed since the last delta was taken. */
export class ChangeSet {
  private readonly customers = new Map<string, { partnerTenantId: string; customerId: string }>();
  private readonly tenantIds = new Set<string>();
  /** Something changed that no scope describes (a seed, a reset): only a whole snapshot says it. */
  private everything = false;
  /** Invitations the last delta or snapshot covered. */
  private invitationCount = 0;
  /** Audit records the last delta or snapshot covered (the log is only appended to). */
  private auditCount = 0;

  customer(partnerTenantId: string, customerId: string): void {
    const scope = { partnerTenantId: partnerTenantId.toLowerCase(), customerId: customerId.toLowerCase() };
    this.customers.set(`${scope.partnerTenantId} ${scope.customerId}`, scope);
  }

  tenant(tenantId: string): void {
    this.tenantIds.add(tenantId.toLowerCase());
  }

  all(): void {
    this.everything = true;
  }

  /** The records that changed, or undefined when only a whole snapshot can say what changed; then starts afresh. */
  take(state: EmulatorState): StoreDelta | undefined {
    const invitationIds = Object.keys(state.invitations);
    const delta = this.everything
      ? undefined
      : captureDelta(
          state,
          [...this.customers.values()],
          [...this.tenantIds],
          invitationIds.slice(this.invitationCount),
          state.auditRecords.slice(this.auditCount),
        );
    this.invitationCount = invitationIds.length;
    this.auditCount = state.auditRecords.length;
    this.customers.clear();
    this.tenantIds.clear();
    this.everything = false;
    return delta;
  }
}

export interface CustomerDelta {
  partnerTenantId: string;
  customerId: string;
  /** null: the partner has no such customer. */
  customer: CustomerRecord | null;
  carts: CartRecord[];
  orders: OrderRecord[];
  subscriptions: SubscriptionRecord[];
}

export interface StoreDelta {
  customers: CustomerDelta[];
  /** null record: no such tenant. */
  tenants: { tenantId: string; tenant: TenantRecord | null }[];
  /** Invitations made since the last delta (absent when none). */
  invitations?: InvitationRecord[];
  /** Audit records appended since the last delta (absent when none). */
  auditRecords?: AuditRecord[];
}

const cartsByCustomer = new RecordIndex<CartRecord>("customerId");

function captureDelta(
  state: EmulatorState,
  customers: { partnerTenantId: string; customerId: string }[],
  tenantIds: string[],
  newInvitationIds: string[],
  newAuditRecords: AuditRecord[],
): StoreDelta {
  const delta: StoreDelta = {
    customers: [],
    tenants: [],
    ...(newInvitationIds.length > 0 ? { invitations: newInvitationIds.map((id) => state.invitations[id]!) } : {}),
    ...(newAuditRecords.length > 0 ? { auditRecords: newAuditRecords } : {}),
  };
  for (const { partnerTenantId, customerId } of customers) {
    const partner = own(state.partners, partnerTenantId);
    if (partner === undefined) continue;
    delta.customers.push({
      partnerTenantId,
      customerId,
      customer: own(partner.customers, customerId) ?? null,
      carts: cartsByCustomer.select(partner.carts, customerId),
      orders: ordersByCustomer.select(partner.orders, customerId),
      subscriptions: subscriptionsByCustomer.select(partner.subscriptions, customerId),
    });
  }
  for (const tenantId of tenantIds) delta.tenants.push({ tenantId, tenant: own(state.tenants, tenantId) ?? null });
  // Copied now: the records go on changing after this returns.
  return structuredClone(delta);
}

/** Puts a delta's records in place; returns false when it names a partner the state does not have. */
export function applyDelta(state: EmulatorState, delta: StoreDelta): boolean {
  for (const change of delta.customers) {
    const partner = own(state.partners, change.partnerTenantId);
    if (partner === undefined) return false;
    if (change.customer === null) delete partner.customers[change.customerId];
    else partner.customers[change.customerId] = change.customer;
    for (const cart of change.carts) partner.carts[cart.id] = cart;
    for (const order of change.orders) partner.orders[order.id] = order;
    for (const subscription of change.subscriptions) partner.subscriptions[subscription.id] = subscription;
  }
  for (const { tenantId, tenant } of delta.tenants) {
    if (tenant === null) delete state.tenants[tenantId];
    else state.tenants[tenantId] = tenant;
  }
  for (const invitation of delta.invitations ?? []) state.invitations[invitation.id] = invitation;
  state.auditRecords.push(...(delta.auditRecords ?? []));
  return true;
}
