// Sends each HTTPS request to its face: Partner Center (/v1) and Graph (/graph/v1.0) through the
// API pipeline, /_emulator/ to the control API, `/{tenant}/…` to the authority. Anything else is
// answered "not emulated".
import type { IncomingMessage, ServerResponse } from "node:http";
import { handleControlRequest, controlError, type ControlTarget } from "../control/control-api.js";
import { bodyTooLarge, notEmulated } from "../errors.js";
import { handleAuthorityRequest } from "../token/authority.js";
import type { TokenEndpointDeps } from "../token/token-endpoint.js";
import { FACE_PREFIXES, handleApiRequest, type ApiPipelineDeps } from "./api-pipeline.js";
import { BodyTooLargeError, flattenHeaders, readBody, sendResponse } from "./http-io.js";
import type { Face } from "./types.js";

export interface DispatchDeps {
  api: ApiPipelineDeps;
  token: TokenEndpointDeps;
  control: ControlTarget;
}

export function createDispatcher(deps: DispatchDeps): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    const method = (req.method ?? "GET").toUpperCase();
    const origin = `https://${req.headers.host ?? "127.0.0.1"}`;
    const url = new URL(req.url ?? "/", origin);
    const headers = flattenHeaders(req);
    const path = url.pathname;
    const face = faceOf(path);
    let rawBody: string;
    try {
      rawBody = await readBody(req);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      const tooLarge = bodyTooLarge(face, error.message);
      return sendResponse(res, method, { status: tooLarge.status, body: tooLarge.body });
    }
    if (face !== undefined) {
      const outcome = await handleApiRequest(deps.api, {
        face,
        method,
        path: path.slice(FACE_PREFIXES[face].length) || "/",
        query: url.searchParams,
        headers,
        rawBody,
        origin,
      });
      // Drop after commit: the write is done and saved; the client only sees the connection close.
      if (outcome.drop) return void res.socket?.destroy();
      return sendResponse(res, method, outcome.response);
    }
    const segments = path.split("/").filter((s) => s !== "");
    if (segments[0] === "_emulator") {
      return sendResponse(
        res,
        method,
        await handleControlRequest(deps.control, { method, segments: segments.slice(1), headers, rawBody }),
      );
    }
    const authority = await handleAuthorityRequest(deps.token, {
      method,
      segments,
      query: url.searchParams,
      rawBody,
      origin,
      correlationId: headers["client-request-id"],
    });
    if (authority !== undefined) {
      if (method === "POST") deps.api.stats.countToken();
      return sendResponse(res, method, authority);
    }
    if (path === "/") {
      return sendResponse(
        res,
        method,
        controlError(
          404,
          "not_found",
          "This is the cspctl emulator: Partner Center under /v1, Graph under /graph/v1.0, the Partner API host's files under /v1.0, the authority under /{tenant}/, control under /_emulator/.",
        ),
      );
    }
    const error = notEmulated(method, path);
    return sendResponse(res, method, { status: error.status, body: error.body });
  };
}

function faceOf(path: string): Face | undefined {
  for (const face of Object.keys(FACE_PREFIXES) as Face[]) {
    const prefix = FACE_PREFIXES[face];
    if (path === prefix || path.startsWith(`${prefix}/`)) return face;
  }
  return undefined;
}
