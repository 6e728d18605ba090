// `POST /_emulator/portal`: a change made outside cspctl, as a person in the Partner Center portal
// (or any other tool) would make it. The body names the API request the portal would send and who
// sent it; the request runs through the same route handlers as the API (so it is audited the same
// way), as the partner, without a token. Body: `{"method", "path" (/v1/… or /graph/v1.0/…),
// "body"?, "partnerTenantId"? (optional when there is one partner), "tenantId"? (the customer a
// Graph path is for), "by"? (the user, default the partner's first user), "via"? (the application,
// default "Partner Center Web")}`.
import { EmulatorHttpError, invalidInput } from "../errors.js";
import { camelCaseKeys } from "../pipeline/camel-case.js";
import type { RouteTable } from "../pipeline/route-table.js";
import type { Face, HandlerContext } from "../pipeline/types.js";
import type { Store } from "../store/memory-store.js";
import { isObject } from "../store/seed-input.js";

export const PORTAL_APPLICATION = "Partner Center Web";

export interface PortalChangeOptions {
  store: Store;
  routes: RouteTable;
  context: HandlerContext;
  body: unknown;
}

export async function portalChange(options: PortalChangeOptions): Promise<{ status: number; body: unknown }> {
  const { store, body } = options;
  if (!isObject(body)) throw invalidInput("The body must be a JSON object.");
  const text = (key: string): string | undefined => {
    const value = body[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "string" || value === "") throw invalidInput(`"${key}" must be a non-empty string.`);
    return value;
  };
  const method = (text("method") ?? "").toUpperCase();
  const fullPath = text("path") ?? "";
  const [face, path] = splitFace(fullPath);
  const partners = Object.values(store.state.partners);
  const partnerTenantId = text("partnerTenantId") ?? (partners.length === 1 ? partners[0]!.tenantId : undefined);
  const partner = partnerTenantId === undefined ? undefined : store.partner(partnerTenantId.toLowerCase());
  if (partner === undefined)
    throw invalidInput('"partnerTenantId" must name a seeded partner (it may be left out when there is one).');
  const [pathOnly, queryText] = path.split("?", 2) as [string, string | undefined];
  const match = options.routes.match(face, method, pathOnly);
  if (match === undefined || !match.route.write)
    throw invalidInput(`${method} ${fullPath} is not a write the emulator answers.`);
  const by = text("by") ?? partner.users[0]?.userPrincipalName;
  const response = await invoke(() =>
    match.route.handler(
      {
        method,
        path: pathOnly,
        query: new URLSearchParams(queryText ?? ""),
        headers: {},
        body: body["body"] === undefined ? undefined : camelCaseKeys(body["body"]),
        params: match.params,
        principal: {
          partnerTenantId: partner.tenantId,
          clientId: text("via") ?? PORTAL_APPLICATION,
          kind: "user",
          audience: face,
          tenantId: text("tenantId") ?? "",
          actor: {
            ...(by === undefined ? {} : { userPrincipalName: by }),
            applicationId: text("via") ?? PORTAL_APPLICATION,
          },
        },
        requestId: undefined,
        correlationId: undefined,
        origin: "",
      },
      options.context,
    ),
  );
  return { status: response.status, body: response.body ?? null };
}

function splitFace(path: string): [Face, string] {
  if (path.startsWith("/v1/")) return ["partner-center", path.slice(3)];
  if (path.startsWith("/graph/v1.0/")) return ["graph", path.slice("/graph/v1.0".length)];
  throw invalidInput('"path" must start with /v1/ (Partner Center) or /graph/v1.0/ (Graph).');
}

async function invoke(
  run: () => { status: number; body?: unknown } | Promise<{ status: number; body?: unknown }>,
): Promise<{ status: number; body?: unknown }> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof EmulatorHttpError) return { status: error.status, body: error.body };
    throw error;
  }
}
