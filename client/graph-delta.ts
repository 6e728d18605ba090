// Graph change tracking on a tenant's users (Microsoft Graph docs: user-delta, delta-query-overview).
// A round is GET /users/delta (or the deltaLink of the previous round), then every @odata.nextLink
// until a page carries @odata.deltaLink. Links are followed only on the configured Graph host: a
// saved delta link comes from a file, and following it sends the customer tenant's token.
import { PartnerCenterError } from "./errors.js";
import type { ClientRequest } from "./send.js";
import type { ServiceCaller } from "./service.js";
import type { GraphUser, GraphUserDelta } from "./types.js";
import type * as Wire from "./wire/graph.js";
import { graphUserFromWire, graphUserSelect } from "./wire/graph.mappers.js";

/** Graph's answers when it no longer has a round: expired (seven days for directory objects) or reset. */
const LOST_STATE_CODES = new Set(["syncstatenotfound", "syncstateinvalid", "resyncrequired"]);

export async function readUserDelta(
  caller: ServiceCaller,
  tenantId: string,
  options: { deltaLink?: string; signal?: AbortSignal } = {},
): Promise<GraphUserDelta> {
  const first = caller.graphRequest("graph.users.delta", "GET", tenantId, "/users/delta", {
    // A deltaLink carries the round's $select in its token; only the first request names it.
    ...(options.deltaLink === undefined ? { query: { $select: graphUserSelect.join(",") } } : {}),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  const graphUrl = caller.transport.config.graphUrl;
  let request: ClientRequest =
    options.deltaLink === undefined
      ? first
      : { ...first, url: onGraphHost(graphUrl, options.deltaLink, () => foreignDeltaLink(tenantId, graphUrl)) };
  const changed = new Map<string, GraphUser>();
  const removed = new Set<string>();
  const followed = new Set<string>();
  for (;;) {
    const page = await sendPage(caller, request, tenantId);
    for (const item of page.value) {
      if (isRemoved(item)) {
        changed.delete(item.id);
        removed.add(item.id);
      } else {
        // Graph may list a user more than once in a round; the last listing is the latest.
        const user = graphUserFromWire(item);
        removed.delete(user.id);
        changed.set(user.id, user);
      }
    }
    const deltaLink = page["@odata.deltaLink"];
    if (typeof deltaLink === "string" && deltaLink !== "")
      return { changed: [...changed.values()], removed: [...removed], deltaLink };
    const next = page["@odata.nextLink"];
    if (typeof next !== "string" || next === "")
      throw unexpected(request, "answered a page with neither @odata.nextLink nor @odata.deltaLink");
    if (followed.has(next)) throw unexpected(request, "returned the same next link twice; stopping");
    followed.add(next);
    request = {
      ...first,
      url: onGraphHost(graphUrl, next, () => unexpected(request, "sent a next link off its host")),
    };
  }
}

async function sendPage(
  caller: ServiceCaller,
  request: ClientRequest,
  tenantId: string,
): Promise<Wire.GraphUserDeltaPage> {
  let body: unknown;
  try {
    body = (await caller.transport.send(request)).body;
  } catch (error) {
    if (error instanceof PartnerCenterError && isLostState(error)) throw deltaExpired(tenantId, error);
    throw error;
  }
  const value = (body as { value?: unknown } | undefined)?.value;
  if (!Array.isArray(value)) throw unexpected(request, 'answered without a "value" array');
  return body as Wire.GraphUserDeltaPage;
}

function isRemoved(item: Wire.GraphUserDeltaPage["value"][number]): item is Wire.GraphRemovedItem {
  return typeof item === "object" && item !== null && "@removed" in item && typeof item.id === "string";
}

function isLostState(error: PartnerCenterError): boolean {
  if (error.service !== "graph") return false;
  if (error.status === 410) return true;
  return typeof error.serviceCode === "string" && LOST_STATE_CODES.has(error.serviceCode.toLowerCase());
}

/** The link when it is on the configured Graph host and version path; otherwise the error `refuse` makes. */
function onGraphHost(graphUrl: string, link: string, refuse: () => PartnerCenterError): string {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    throw refuse();
  }
  const base = new URL(graphUrl);
  const root = base.pathname.replace(/\/+$/, "");
  if (url.origin !== base.origin || !url.pathname.startsWith(`${root}/users/`)) throw refuse();
  return url.toString();
}

function deltaExpired(tenantId: string, cause: PartnerCenterError): PartnerCenterError {
  const why = cause.serviceCode === undefined ? `HTTP ${cause.status}` : `${cause.status} ${cause.serviceCode}`;
  return new PartnerCenterError({
    code: "graph.delta_expired",
    message: `Microsoft Graph no longer has the change-tracking state of tenant ${tenantId}'s users (${why}).`,
    hint: "Read the tenant's users in full and start a new delta round; delta links expire after seven days.",
    service: "graph",
    ...(cause.status === undefined ? {} : { status: cause.status }),
    ...(cause.serviceCode === undefined ? {} : { serviceCode: cause.serviceCode }),
    retryable: false,
    cause,
  });
}

function foreignDeltaLink(tenantId: string, graphUrl: string): PartnerCenterError {
  return new PartnerCenterError({
    code: "graph.delta_expired",
    message: `The saved delta link of tenant ${tenantId}'s users is not a users/delta link on ${new URL(graphUrl).origin}; it is not followed (it would carry the tenant's token elsewhere).`,
    hint: "Read the tenant's users in full and start a new delta round (the Graph endpoint may have changed since the link was saved).",
    service: "graph",
    retryable: false,
  });
}

function unexpected(request: ClientRequest, what: string): PartnerCenterError {
  return new PartnerCenterError({
    code: "client.unexpected_response",
    message: `${request.operation}: Microsoft Graph ${what}.`,
    service: "graph",
    retryable: false,
    request,
  });
}
