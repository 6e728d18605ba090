// Licence capacity per SKU during a plan: what the tenant has (all channels), what the plan adds
// or removes, and which steps provide or free seats, so the ordering can keep it non-negative.
import { lowerCase } from "./lower-case.js";

export interface SkuCapacity {
  active: number;
  consumed: number;
  /** Steps that add seats (creates, increases, reactivations): assignments wait for them. */
  providers: string[];
  /** Steps that free seats (unassignments): decreases and assignments wait for them. */
  releasers: string[];
  /** Steps that remove seats (decreases, cancellations, suspensions). */
  consumers: string[];
  /** Seats of orders still provisioning: not assignable yet, but assignments may wait for them. */
  pending: number;
  /** The orders those seats come from. */
  pendingOrders: string[];
}

export class CapacityLedger {
  private readonly skus = new Map<string, SkuCapacity>();

  constructor(subscribedSkus: readonly { skuId: string; activeUnits: number; consumedUnits: number }[]) {
    for (const sku of subscribedSkus) {
      const capacity = this.get(sku.skuId);
      capacity.active += sku.activeUnits;
      capacity.consumed += sku.consumedUnits;
    }
  }

  get(skuId: string): SkuCapacity {
    const key = lowerCase(skuId);
    let entry = this.skus.get(key);
    if (entry === undefined) {
      entry = { active: 0, consumed: 0, providers: [], releasers: [], consumers: [], pending: 0, pendingOrders: [] };
      this.skus.set(key, entry);
    }
    return entry;
  }

  addSeats(skuId: string, seats: number, stepId: string): void {
    const entry = this.get(skuId);
    entry.active += seats;
    entry.providers.push(stepId);
  }

  removeSeats(skuId: string, seats: number, stepId: string): void {
    const entry = this.get(skuId);
    entry.active -= seats;
    entry.consumers.push(stepId);
  }

  release(skuId: string, stepId: string): void {
    const entry = this.get(skuId);
    entry.consumed -= 1;
    entry.releasers.push(stepId);
  }

  /** Takes one seat if one is free; false when the SKU would go over capacity. */
  take(skuId: string): boolean {
    const entry = this.get(skuId);
    if (entry.consumed + 1 > entry.active) return false;
    entry.consumed += 1;
    return true;
  }

  addPending(skuId: string, seats: number, orderId: string): void {
    const entry = this.get(skuId);
    entry.pending += seats;
    if (!entry.pendingOrders.includes(orderId)) entry.pendingOrders.push(orderId);
  }

  /** Takes one seat of a provisioning order; false when none is left. */
  takePending(skuId: string): boolean {
    const entry = this.get(skuId);
    if (entry.pending <= 0) return false;
    entry.pending -= 1;
    return true;
  }

  /** Seats that stay assigned after every planned unassignment (declared or not). */
  assigned(skuId: string): number {
    return this.get(skuId).consumed;
  }
}
