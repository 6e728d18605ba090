// Records of one map (a partner's subscriptions or orders) grouped by a field that never changes
// once a record exists (its customer, its parent subscription), so that a read answers from its
// group instead of scanning every record of the partner: at 1,000 customers each subscription list
// scanned 3,000 records, and again for each listed subscription's add-ons.
//
// Records are only ever added or replaced under their id, never removed, so a changed number of
// keys means records were added; the groups are then rebuilt. Counting keys is itself a walk of the
// map (Object.keys of 3,000 ids cost about as much as the scan it replaced), so it is done only
// after the domain said records may have changed (a write, due work, a seed, a restore, a reset);
// between writes, as during a plan's thousands of reads, a group costs one lookup. A rebuild walks the map in its
// insertion order and a replaced record keeps its key's place, so every group lists its records in
// the order a scan of the map would: answers stay byte for byte what they were.
import type { OrderRecord, SubscriptionRecord } from "./state.js";

type Field<T> = { [K in keyof T]: T[K] extends string | undefined ? K : never }[keyof T];

let generation = 0;
/** Write handlers running now: while one runs, records may be added between two lookups. */
let openWrites = 0;

/** The domain calls this after anything that may add records: reads after it recount keys. */
export function recordsMayHaveChanged(): void {
  generation++;
}

/**
 * A number that changes whenever records may have changed (writes, due work, seed, restore, reset);
 * undefined while a write handler runs, when nothing derived from the records may be reused.
 */
export function recordsGeneration(): number | undefined {
  return openWrites === 0 ? generation : undefined;
}

/** Around a write handler: every lookup inside it recounts keys. */
export function writeStarted(): void {
  openWrites++;
  generation++;
}

export function writeEnded(): void {
  openWrites = Math.max(0, openWrites - 1);
  generation++;
}

interface Groups {
  /** The generation at which keyCount was last checked. */
  generation: number;
  keyCount: number;
  idsByValue: Map<string, string[]>;
}

export class RecordIndex<T extends object> {
  private readonly cache = new WeakMap<Record<string, T>, Groups>();

  constructor(private readonly field: Field<T>) {}

  /** The records whose field equals `value`, in the map's order (as Object.values + filter gives them). */
  select(records: Record<string, T>, value: string): T[] {
    const ids = this.groups(records).idsByValue.get(value);
    if (ids === undefined) return [];
    const selected: T[] = [];
    for (const id of ids) {
      const record = records[id];
      // A record removed, or replaced with another value in the field, breaks the invariant: answer from a scan.
      if (record === undefined || record[this.field] !== value) return this.rebuildAndSelect(records, value);
      selected.push(record);
    }
    return selected;
  }

  /** True when some record's field equals `value`. */
  has(records: Record<string, T>, value: string): boolean {
    return this.select(records, value).length > 0;
  }

  private rebuildAndSelect(records: Record<string, T>, value: string): T[] {
    this.cache.delete(records);
    return Object.values(records).filter((record) => record[this.field] === value);
  }

  private groups(records: Record<string, T>): Groups {
    const cached = this.cache.get(records);
    if (cached !== undefined && cached.generation === generation && openWrites === 0) return cached;
    const keys = Object.keys(records);
    if (cached !== undefined && cached.keyCount === keys.length) {
      cached.generation = generation;
      return cached;
    }
    const idsByValue = new Map<string, string[]>();
    for (const id of keys) {
      const value = records[id]![this.field];
      if (typeof value !== "string") continue;
      const group = idsByValue.get(value);
      if (group === undefined) idsByValue.set(value, [id]);
      else group.push(id);
    }
    const built = { generation, keyCount: keys.length, idsByValue };
    this.cache.set(records, built);
    return built;
  }
}

/** The groups handlers read by; one WeakMap each, so a reset or restored state starts fresh. */
export const subscriptionsByCustomer = new RecordIndex<SubscriptionRecord>("customerId");
export const subscriptionsByParent = new RecordIndex<SubscriptionRecord>("parentSubscriptionId");
export const ordersByCustomer = new RecordIndex<OrderRecord>("customerId");
