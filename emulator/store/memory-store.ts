// The in-memory store: one plain-JSON EmulatorState plus the lookups handlers need.
// Persistence (owned by the transport) snapshots `state` and restores it with `replace`.
import { emptyState, STATE_VERSION, type EmulatorState, type PartnerRecord, type TenantRecord } from "./state.js";

export interface Store {
  readonly state: EmulatorState;
  reset(): void;
  replace(state: EmulatorState): void;
  partner(partnerTenantId: string): PartnerRecord | undefined;
  tenant(tenantId: string): TenantRecord | undefined;
  /** The tenant that owns `domain` (any of its domains, case-insensitive). */
  tenantByDomain(domain: string): TenantRecord | undefined;
}

export class MemoryStore implements Store {
  #state: EmulatorState = emptyState();

  get state(): EmulatorState {
    return this.#state;
  }

  reset(): void {
    this.#state = emptyState();
  }

  replace(state: EmulatorState): void {
    if (state.version !== STATE_VERSION) throw new Error(`unsupported emulator state version ${String(state.version)}`);
    // States saved before the activity log existed have none.
    state.auditRecords ??= [];
    this.#state = state;
  }

  partner(partnerTenantId: string): PartnerRecord | undefined {
    return own(this.#state.partners, partnerTenantId);
  }

  tenant(tenantId: string): TenantRecord | undefined {
    return own(this.#state.tenants, tenantId);
  }

  tenantByDomain(domain: string): TenantRecord | undefined {
    const wanted = domain.toLowerCase();
    return Object.values(this.#state.tenants).find((tenant) => tenant.domains.some((d) => d.toLowerCase() === wanted));
  }
}

/** Own-property lookup: ids come from URLs and must never reach `__proto__`. */
export function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
