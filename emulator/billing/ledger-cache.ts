// The partner ledger, derived once and reused until something could change it: deriving it walks
// every subscription's billing events (at 1,000 customers × 12 months, 13,000 charges), and one
// billing read makes several requests (invoice list, export, polls, manifest, blobs), each of which
// derived it again. A cached ledger is served only while
//   - no record changed since (the store's generation: every write, due work, seed, restore, reset),
//   - the clock has not gone back before the instant it was derived at, nor reached the first
//     instant at which the clock alone would change it (a cycle charge falling due, a period closing),
//   - the catalog and the partner's billing cycle day are the same.
// So a cached answer is always the answer deriving it again would give.
import type { Catalog } from "../../core/catalog.js";
import { recordsGeneration } from "../store/record-index.js";
import type { PartnerRecord } from "../store/state.js";
import { type PartnerLedger, partnerLedger } from "./invoices.js";

interface Entry {
  generation: number;
  catalog: Catalog;
  cycleDay: number;
  derivedAt: number;
  ledger: PartnerLedger;
}

/** One entry per partner record; a restored or reset state has new records, so it starts empty. */
const entries = new WeakMap<PartnerRecord, Entry>();

export function cachedPartnerLedger(
  partner: PartnerRecord,
  catalog: Catalog,
  now: Date,
  cycleDay: number,
): PartnerLedger {
  const generation = recordsGeneration();
  const at = now.getTime();
  const entry = entries.get(partner);
  if (
    entry !== undefined &&
    generation === entry.generation &&
    entry.catalog === catalog &&
    entry.cycleDay === cycleDay &&
    at >= entry.derivedAt &&
    at < entry.ledger.validUntil
  )
    return entry.ledger;
  const ledger = partnerLedger(partner, catalog, now, cycleDay);
  if (generation !== undefined) entries.set(partner, { generation, catalog, cycleDay, derivedAt: at, ledger });
  return ledger;
}
