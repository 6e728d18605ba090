// The API pipeline, in order: route → count → token check → faults → body → replay by
// MS-RequestId → handler → persist. Each step lives in its own module; this file only orders them.
// Injected latency runs alongside the work, as a service's response time includes its own work:
// an answer leaves latency + jitter after the faults were decided, or when the work is done if
// later. Jitter stands for a request that reaches the service late: its work starts after the
// jitter, so concurrent requests still take effect out of order.
import { randomBytes, randomInt, randomUUID } from "node:crypto";
import {
  badRequestBody,
  EmulatorHttpError,
  graphBadRequestBody,
  graphError,
  graphInternalServerError,
  graphNotEmulated,
  internalServerError,
  notEmulated,
  serviceUnavailable,
  throttled,
} from "../errors.js";
import type { FaultInjector } from "../faults/fault-injector.js";
import { graphRequestCost } from "../faults/graph-cost.js";
import type { Authenticator } from "./authenticate.js";
import { camelCaseKeys } from "./camel-case.js";
import { ReplayStore } from "./replay-store.js";
import type { RouteTable } from "./route-table.js";
import type { RequestStats } from "./stats.js";
import type { EmulatorRequest, EmulatorResponse, Face, HandlerContext } from "./types.js";

export const FACE_PREFIXES: Record<Face, string> = {
  "partner-center": "/v1",
  graph: "/graph/v1.0",
  "partner-api": "/v1.0",
  blob: "/blob",
};

export interface IncomingApiRequest {
  face: Face;
  method: string;
  /** Path after the face prefix, without the query string. */
  path: string;
  query: URLSearchParams;
  /** Lower-cased names. */
  headers: Record<string, string>;
  rawBody: string;
  origin: string;
}

export interface ApiOutcome {
  response: EmulatorResponse;
  /** Close the connection without answering (drop-after-commit fault). */
  drop: boolean;
}

export interface ApiPipelineDeps {
  routes: RouteTable;
  authenticator: Authenticator;
  faults: FaultInjector;
  replay: ReplayStore;
  stats: RequestStats;
  context: HandlerContext;
  /** Saves state after a committed write; resolves once it is on disk. */
  persist: () => Promise<void>;
  sleep: (ms: number) => Promise<void>;
  log: (line: string) => void;
}

export async function handleApiRequest(deps: ApiPipelineDeps, incoming: IncomingApiRequest): Promise<ApiOutcome> {
  const requestId = incoming.headers["ms-requestid"] ?? incoming.headers["client-request-id"];
  const echo = echoHeaders(incoming, requestId ?? randomUUID());
  const answer = (response: EmulatorResponse, drop = false): ApiOutcome => ({
    response:
      incoming.face === "graph"
        ? graphAnswer(response, echo)
        : { ...response, headers: { ...echo, ...response.headers } },
    drop,
  });
  let latency: Promise<void> | undefined;
  try {
    const match = deps.routes.match(incoming.face, incoming.method, incoming.path);
    if (match === undefined) {
      deps.stats.countNotEmulated();
      // Never 405: every method the real API has on a path is either emulated or "not emulated".
      const fullPath = FACE_PREFIXES[incoming.face] + incoming.path;
      throw incoming.face === "graph"
        ? graphNotEmulated(incoming.method, fullPath)
        : notEmulated(incoming.method, fullPath);
    }
    const { route, params } = match;
    const routeKey = `${route.method} ${FACE_PREFIXES[route.face]}${route.template}`;
    deps.stats.countRoute(routeKey, route.write);

    const principal =
      route.auth === "sas"
        ? { partnerTenantId: "", clientId: "", kind: "app" as const, audience: route.face, tenantId: "" }
        : await deps.authenticator.authenticate(
            route,
            params,
            incoming.headers.authorization,
            echo["ms-requestid"] ?? echo["request-id"] ?? "",
          );

    // Graph limits each application in each tenant by request cost; Partner Center each partner.
    const graph =
      route.face === "graph"
        ? {
            clientId: principal.clientId,
            tenantId: principal.tenantId,
            cost: graphRequestCost(route.method, route.template, incoming.query),
          }
        : undefined;
    const fault = deps.faults.decide(principal.partnerTenantId, routeKey, route.write, graph);
    if (fault.delayMs > 0) latency = deps.sleep(fault.delayMs);
    if (fault.lateByMs > 0) await deps.sleep(fault.lateByMs);
    if (fault.throttleSeconds !== undefined) {
      deps.stats.countThrottled();
      throw graph === undefined
        ? throttled(fault.throttleSeconds)
        : graphThrottled(fault.throttleSeconds, `Tenant_Application/ReadWrite/${graph.clientId}/${graph.tenantId}`);
    }
    if (fault.fail)
      throw route.face === "graph"
        ? graphError(
            503,
            "serviceNotAvailable",
            "The service is temporarily unavailable (fault injected by the cspctl emulator).",
          )
        : serviceUnavailable();

    const request: EmulatorRequest = {
      method: incoming.method,
      path: incoming.path,
      query: incoming.query,
      headers: incoming.headers,
      body: parseJsonBody(incoming.face, incoming.rawBody),
      params,
      principal,
      requestId,
      correlationId: incoming.headers["ms-correlationid"],
      origin: incoming.origin,
    };
    const execute = (): Promise<EmulatorResponse> => runHandler(() => route.handler(request, deps.context));
    if (!route.write) {
      const response = await execute();
      if (route.records === true) await deps.persist();
      return answer(response);
    }
    // Partner Center dedupes by MS-RequestId; Graph has no such contract, so Graph writes always run.
    const idempotencyKey = route.face === "partner-center" ? requestId : undefined;
    if (idempotencyKey === undefined) {
      const response = await execute();
      await deps.persist();
      return answer(response, fault.drop);
    }
    const key = ReplayStore.key({
      partnerTenantId: principal.partnerTenantId,
      method: route.method,
      path: incoming.path,
      requestId: idempotencyKey,
    });
    const { response, replayed } = await deps.replay.run(key, execute, deps.persist);
    if (replayed) deps.stats.countReplay();
    return answer(response, fault.drop && !replayed);
  } catch (error) {
    if (error instanceof EmulatorHttpError)
      return answer({ status: error.status, body: error.body, headers: error.headers });
    deps.log(
      `emulator: unexpected error on ${incoming.method} ${incoming.path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    const fallback = incoming.face === "graph" ? graphInternalServerError() : internalServerError();
    return answer({ status: fallback.status, body: fallback.body });
  } finally {
    await latency;
  }
}

/** A business error is an answer and is remembered for replay; anything else escapes as a 500. */
async function runHandler(invoke: () => EmulatorResponse | Promise<EmulatorResponse>): Promise<EmulatorResponse> {
  try {
    return await invoke();
  } catch (error) {
    if (error instanceof EmulatorHttpError) return { status: error.status, body: error.body, headers: error.headers };
    throw error;
  }
}

function parseJsonBody(face: Face, raw: string): unknown {
  if (raw.trim() === "") return undefined;
  try {
    return camelCaseKeys(JSON.parse(raw));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw face === "graph" ? graphBadRequestBody(reason) : badRequestBody(reason);
  }
}

function echoHeaders(incoming: IncomingApiRequest, requestId: string): Record<string, string> {
  if (incoming.face === "graph") {
    const clientRequestId = incoming.headers["client-request-id"];
    return {
      "request-id": requestId,
      ...(clientRequestId === undefined ? {} : { "client-request-id": clientRequestId }),
    };
  }
  const correlationId = incoming.headers["ms-correlationid"];
  return {
    "ms-requestid": requestId,
    ...(correlationId === undefined ? {} : { "ms-correlationid": correlationId }),
    // Partner Center's diagnostic headers (Partner Center docs: headers): a correlation vector, the caller's extended when it sent one, and the server id.
    "ms-cv": correlationVector(incoming.headers["ms-cv"]),
    "ms-serverid": SERVER_ID,
  };
}

/** Nine digits, as Partner Center's `MS-ServerId` (`030020525`); one per emulator process. */
const SERVER_ID = String(randomInt(0, 1_000_000_000)).padStart(9, "0");

/** A correlation vector: 16 base64 characters and `.0`, or the caller's vector extended with `.0`. */
function correlationVector(incoming: string | undefined): string {
  if (incoming !== undefined && /^[A-Za-z0-9+/]{16,22}(\.\d+)*$/.test(incoming) && incoming.length <= 125)
    return `${incoming}.0`;
  return `${randomBytes(12).toString("base64")}.0`;
}

/** Graph's JSON answers carry OData's content type parameters and `OData-Version: 4.0`. */
const GRAPH_JSON = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

function graphAnswer(response: EmulatorResponse, echo: Record<string, string>): EmulatorResponse {
  const body = withGraphRequestIds(response.body, echo);
  const json = body !== undefined && response.status !== 204;
  const success = response.status >= 200 && response.status < 300;
  const odata = json ? { "odata-version": "4.0", ...(success ? { "content-type": GRAPH_JSON } : {}) } : {};
  return { ...response, body, headers: { ...echo, ...odata, ...response.headers } };
}

/** Graph errors name the request in `innerError` (`request-id`, and `client-request-id` as the caller sent it). */
function withGraphRequestIds(body: unknown, echo: Record<string, string>): unknown {
  const error = (body as { error?: { innerError?: Record<string, string> } } | undefined)?.error;
  if (error?.innerError === undefined) return body;
  const requestId = echo["request-id"] ?? "";
  return {
    ...(body as object),
    error: {
      ...error,
      innerError: {
        ...error.innerError,
        "request-id": requestId,
        "client-request-id": echo["client-request-id"] ?? requestId,
      },
    },
  };
}

/** Graph's 429 (throttling-limits, identity and access): Retry-After plus the scope and reason headers. */
function graphThrottled(retryAfterSeconds: number, scope: string): EmulatorHttpError {
  const error = graphError(
    429,
    "TooManyRequests",
    "Too many requests. Retry after the number of seconds in the Retry-After header.",
  );
  return new EmulatorHttpError(429, error.body, {
    "retry-after": String(retryAfterSeconds),
    "x-ms-throttle-scope": scope,
    "x-ms-throttle-information": "ResourceUnitLimitExceeded",
  });
}
