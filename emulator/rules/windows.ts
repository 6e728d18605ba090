// NCE cancellation and seat-reduction windows (NCE-RULES R-CAN-1, R-CAN-2, R-CAN-3, R-QTY-1, R-QTY-3, R-QTY-4). Pure.
import type { SeatBatchRecord, SubscriptionRecord } from "../store/state.js";
import { addHours } from "./terms.js";

/** R-CAN-2: 7 days measured to the clock, i.e. 168 hours. */
export const WINDOW_HOURS = 168;
/** R-CAN-3: a full refund within 24 hours, prorated after that. */
export const FULL_REFUND_HOURS = 24;

/** R-CAN-1/R-CAN-6: cancellation is allowed until 168 h after the current term started (purchase or renewal). */
export function cancellationAllowedUntil(subscription: SubscriptionRecord): Date {
  return addHours(subscription.termStartDate, WINDOW_HOURS);
}

export function canCancel(subscription: SubscriptionRecord, now: Date): boolean {
  return now.getTime() < cancellationAllowedUntil(subscription).getTime();
}

export interface RefundableBatch {
  quantity: number;
  allowedUntil: Date;
}

/** R-QTY-3/R-QTY-4: each batch of added seats may be removed until 168 h after it was added. */
export function refundableBatches(batches: SeatBatchRecord[], now: Date): RefundableBatch[] {
  return batches
    .map((batch) => ({ quantity: batch.quantity, allowedUntil: addHours(batch.addedAt, WINDOW_HOURS) }))
    .filter((batch) => batch.quantity > 0 && now.getTime() < batch.allowedUntil.getTime());
}

export function refundableQuantity(batches: SeatBatchRecord[], now: Date): number {
  return refundableBatches(batches, now).reduce((sum, batch) => sum + batch.quantity, 0);
}

/** R-QTY-1: an increase is always allowed and opens its own window. */
export function addSeats(batches: SeatBatchRecord[], quantity: number, now: Date): SeatBatchRecord[] {
  return [...batches, { quantity, addedAt: now.toISOString() }];
}

/**
 * R-QTY-3: a decrease of `quantity` seats, or undefined when fewer seats are still refundable.
 * Seats come off the most recently added refundable batches first.
 */
export function removeSeats(batches: SeatBatchRecord[], quantity: number, now: Date): SeatBatchRecord[] | undefined {
  if (refundableQuantity(batches, now) < quantity) return undefined;
  const result = batches.map((batch) => ({ ...batch }));
  let left = quantity;
  for (let i = result.length - 1; i >= 0 && left > 0; i -= 1) {
    const batch = result[i]!;
    if (now.getTime() >= addHours(batch.addedAt, WINDOW_HOURS).getTime()) continue;
    const taken = Math.min(batch.quantity, left);
    batch.quantity -= taken;
    left -= taken;
  }
  return result.filter((batch) => batch.quantity > 0);
}
