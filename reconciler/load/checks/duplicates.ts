// Names that must be unique: documents per kind, subscriptions per customer, and UPNs, domains and
// tenant ids across the estate. The second occurrence is reported, pointing back at the first.
import type { ErrorCode } from "../../../core/error-codes.js";
import type { SourceSpan } from "../../model/diagnostic.js";
import type { ParsedDocument } from "../parse-documents.js";
import { spanIn, subscriptionEntries, type CheckContext, type MergedCustomer } from "./context.js";

export interface NamedDocument {
  kind: string;
  name: string;
  document: ParsedDocument;
  metadata: object;
}

function firstAt(span: SourceSpan): string {
  return `first defined at ${span.file}:${span.line}:${span.column}`;
}

export function checkDocumentNames(documents: readonly NamedDocument[], context: CheckContext): Set<NamedDocument> {
  const seen = new Map<string, SourceSpan>();
  const duplicates = new Set<NamedDocument>();
  for (const doc of documents) {
    const key = `${doc.kind}\0${doc.name}`;
    const span = spanIn(context, doc.document, doc.metadata, "name");
    const first = seen.get(key);
    if (first !== undefined) {
      context.sink.error(
        "estate.duplicate_name",
        `${doc.kind} "${doc.name}" is defined twice`,
        span,
        `${firstAt(first)}; names are unique per kind`,
      );
      duplicates.add(doc);
    } else seen.set(key, span);
  }
  return duplicates;
}

/** Where a name was first seen; its span is computed only when a duplicate needs it. */
interface FirstSeen {
  node: object;
  key: string;
  document: ParsedDocument;
}

export function checkEstateUniqueness(customers: readonly MergedCustomer[], context: CheckContext): void {
  const upns = new Map<string, FirstSeen>();
  const domains = new Map<string, FirstSeen>();
  const tenants = new Map<string, FirstSeen>();
  const spanOf = (seen: FirstSeen) => spanIn(context, seen.document, seen.node, seen.key);
  /** Reports `message` at the node when `value` was seen before; otherwise remembers it. */
  const unique = (
    seen: Map<string, FirstSeen>,
    value: string,
    here: FirstSeen,
    code: ErrorCode,
    message: string,
    hint: string,
  ): void => {
    const first = seen.get(value);
    if (first === undefined) seen.set(value, here);
    else context.sink.error(code, message, spanOf(here), `${firstAt(spanOf(first))}${hint}`);
  };
  for (const customer of customers) {
    const { spec, document } = customer;
    const names = new Map<string, FirstSeen>();
    for (const { subscription } of subscriptionEntries(spec)) {
      unique(
        names,
        subscription.name,
        { node: subscription, key: "name", document },
        "estate.duplicate_subscription",
        `subscription "${subscription.name}" is declared twice in customer "${customer.metadata.name}"`,
        "; subscriptions and add-ons share one namespace per customer",
      );
    }
    for (const user of spec.users ?? []) {
      unique(
        upns,
        user.userPrincipalName.toLowerCase(),
        { node: user, key: "userPrincipalName", document },
        "estate.duplicate_user",
        `user ${user.userPrincipalName} is declared twice`,
        "",
      );
    }
    const domain = spec.company.domain.toLowerCase();
    unique(
      domains,
      domain,
      { node: spec.company, key: "domain", document },
      "estate.duplicate_domain",
      `domain ${domain} belongs to two customers`,
      "; each tenant has its own initial domain",
    );
    if (spec.tenant.id !== undefined) {
      const id = spec.tenant.id.toLowerCase();
      unique(
        tenants,
        id,
        { node: spec.tenant, key: "id", document },
        "estate.duplicate_tenant",
        `tenant ${id} belongs to two customers`,
        "",
      );
    }
  }
}
