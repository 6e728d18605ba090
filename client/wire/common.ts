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
