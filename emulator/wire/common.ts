// Partner Center's envelope shapes, as the emulator writes them (Partner Center docs: headers, resource links, collections, seek paging). Field names
// are Microsoft's, verbatim. The emulator keeps its own reading of the protocol: nothing here comes
// from client/, so a field one side gets wrong shows up against the other.

/** `{key, value}` header a link asks the caller to send (`MS-ContinuationToken` on a seek `next`). */
export interface LinkHeader {
  key: string;
  value: string;
}

/** A link: path and query relative to the versioned base (`/customers/…`, no `/v1`). */
export interface Link {
  uri: string;
  method: string;
  headers: LinkHeader[];
}

/** Named links (`self`, `next`, `product`, …); any may be absent. */
export type Links = Partial<Record<string, Link>>;

/** `attributes` of every resource: its type and, where it has one, its ETag. */
export interface ResourceAttributes {
  objectType: string;
  etag?: string;
}

/** A collection; `links` is absent on some (subscribedskus), `continuationToken` only on seek pages. */
export interface Collection<T> {
  totalCount: number;
  items: T[];
  links?: Links;
  attributes: ResourceAttributes;
  continuationToken?: string;
}

/** @public Partner Center's error body (Partner Center docs: error-codes); `code` is a number in real answers. The contract tests check the samples against it. */
export interface PartnerCenterErrorBody {
  code: number | string;
  description: string;
  /** Absent from some of Microsoft's samples; the emulator always sends it. */
  data?: unknown[];
  source: string;
}
