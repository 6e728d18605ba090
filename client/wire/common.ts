// Partner Center's resource envelope (API.md §1.3–1.4), field names verbatim. Types only.

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

/** Partner Center's error body (API.md §5.1); `code` is a number in practice, a string in the docs. */
export interface ApiFault {
  code: number | string;
  description: string;
  data?: unknown[];
  source?: string;
}

/** The 429 body, which is not an ApiFault (API.md §4). */
export interface ThrottledBody {
  statusCode: number;
  message: string;
}

/** Microsoft Graph's error body (API.md §15). */
export interface GraphErrorBody {
  error: {
    code: string;
    message: string;
    innerError?: { date?: string; "request-id"?: string; "client-request-id"?: string };
  };
}
