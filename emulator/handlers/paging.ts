// Seek paging (Partner Center docs: get-a-list-of-customers): the first page answers `links.next` with `seekOperation=Next` and an
// `MS-ContinuationToken` header, and the body carries the same `continuationToken`. The token holds
// the whole query state, so `size` and filters on a continuation request are ignored, as documented.
// Pages are keyset pages ordered by id: writes between pages neither skip nor repeat an item.
import type { Collection } from "../wire/common.js";
import { invalidInput } from "../errors.js";
import type { EmulatorRequest } from "../pipeline/types.js";
import { link } from "./shared.js";

const MAX_SEEK_PAGE_SIZE = 500;

interface SeekState {
  after: string | null;
  size: number;
  filter: string | null;
}

export interface SeekQuery {
  /** The id of the last item of the previous page; null on the first page. */
  after: string | null;
  size: number;
  /** The raw `filter` JSON of the first request, carried through continuations. */
  filter: string | null;
}

export function readSeekQuery(request: EmulatorRequest, defaultSize: number): SeekQuery {
  if (request.query.get("seekOperation")?.toLowerCase() === "next") {
    const token = request.headers["ms-continuationtoken"];
    if (token === undefined || token === "")
      throw invalidInput("The MS-ContinuationToken header is required with seekOperation=Next.");
    return decodeToken(token);
  }
  const sizeText = request.query.get("size");
  const requested = sizeText === null || sizeText === "" ? 0 : Number(sizeText);
  if (!Number.isInteger(requested) || requested < 0) throw invalidInput(`Invalid size ${String(sizeText)}.`);
  const size = Math.min(requested === 0 ? defaultSize : requested, MAX_SEEK_PAGE_SIZE);
  return { after: null, size, filter: request.query.get("filter") };
}

/**
 * One page of `records` (already filtered) as a seek collection of their views; only the page's
 * records are turned into views. `listPath` is the list's path relative to the versioned base
 * (`/customers`, no `/v1`), as Microsoft's links are; `selfUri` likewise.
 */
export function seekPage<R extends { id: string }, T>(
  records: R[],
  query: SeekQuery,
  listPath: string,
  selfUri: string,
  view: (record: R) => T,
): Collection<T> {
  const after = query.after;
  const ordered = records
    .filter((record) => after === null || record.id > after)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const page = ordered.slice(0, query.size);
  const page1: Collection<T> = {
    totalCount: page.length,
    items: page.map(view),
    links: { self: link(selfUri) },
    attributes: { objectType: "Collection" },
  };
  if (ordered.length > page.length) {
    const token = encodeToken({ after: page[page.length - 1]!.id, size: query.size, filter: query.filter });
    page1.links = {
      ...page1.links,
      next: {
        uri: `${listPath}?size=${query.size}&seekOperation=Next`,
        method: "GET",
        headers: [{ key: "MS-ContinuationToken", value: token }],
      },
    };
    page1.continuationToken = token;
  }
  return page1;
}

function encodeToken(state: SeekState): string {
  return Buffer.from(JSON.stringify(state)).toString("base64url");
}

function decodeToken(token: string): SeekQuery {
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as Partial<SeekState>;
    if (typeof parsed.after === "string" && typeof parsed.size === "number" && parsed.size > 0) {
      return {
        after: parsed.after,
        size: parsed.size,
        filter: typeof parsed.filter === "string" ? parsed.filter : null,
      };
    }
  } catch {
    // falls through to the documented invalid-input answer
  }
  throw invalidInput("The continuation token is not valid.");
}
