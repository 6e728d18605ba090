import type { Catalog } from "../../../core/catalog.js";
import type { SourceSpan } from "../../model/diagnostic.js";
import type { CustomerSpec, Metadata, Subscription } from "../../model/estate.generated.js";
import type { DiagnosticSink } from "../diagnostic-sink.js";
import type { ParsedDocument } from "../parse-documents.js";
import { toSpan, type SourceIndex } from "../source-index.js";

/** A schema-valid Customer document with its profiles merged in. */
export interface MergedCustomer {
  metadata: Metadata;
  document: ParsedDocument;
  spec: CustomerSpec;
  /** Expanded profile names, in merge order. */
  profiles: string[];
}

/** A subscription or an add-on, with the base it belongs to. */
export interface SubscriptionEntry {
  subscription: Subscription;
  addonOf?: Subscription;
}

export interface CheckContext {
  sink: DiagnosticSink;
  index: SourceIndex;
  catalog: Catalog;
}

/** The span of `key` in `node` (or of the node itself), falling back to the document. */
export function spanIn(
  context: CheckContext,
  document: ParsedDocument,
  node: object,
  key?: string | number,
  part: "key" | "value" = "value",
): SourceSpan {
  return context.index.spanOf(node, key, part) ?? toSpan(document.range);
}

/** Base subscriptions and their add-ons, in declaration order. */
export function subscriptionEntries(spec: CustomerSpec): SubscriptionEntry[] {
  const entries: SubscriptionEntry[] = [];
  for (const subscription of spec.subscriptions ?? []) {
    entries.push({ subscription });
    for (const addon of subscription.addons ?? [])
      entries.push({ subscription: addon as Subscription, addonOf: subscription });
  }
  return entries;
}
