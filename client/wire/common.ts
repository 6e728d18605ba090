// Partner Center's resource envelope (Microsoft's Partner Center SDK: ResourceAttributes, Link, ResourceCollection), field names verbatim. Types only.

export interface Link {
  uri: string;
  method: string;
  headers: { key: string; value: string }[];
}

/** Named links; a name may be absent (index access is already `Link | undefined` under noUncheckedIndexedAccess). */
export type Links = Record<string, Link | undefined>;

export interface ResourceAttributes {
  objectType?: string;
  etag?: string;
}

/** A Partner Center collection; seek-paged ones add `continuationToken` and `links.next`. */
export interface Collection<T> {
  totalCount: number;
  items: T[];
  links?: Links;
  attributes: ResourceAttributes;
  continuationToken?: string;
}

/** @public Partner Center's error body (Partner Center docs: error-codes); `code` is a number in practice, a string in the docs. The contract tests check the samples against it. */
export interface ApiFault {
  code: number | string;
  description: string;
  data?: unknown[];
  source?: string;
}

/** @public The 429 body, which is not an ApiFault (Partner Center docs: api-throttling-guidance). The contract tests check the samples against it. */
export interface ThrottledBody {
  statusCode: number;
  message: string;
}
