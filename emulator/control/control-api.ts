// The test-only control API under /_emulator/, guarded by the admin key (header x-emulator-key).
// JSON in and out; errors are `{"error":{"code","message"}}`.
import { timingSafeEqual } from "node:crypto";
import { addIsoDuration, type EmulatorClock } from "../clock.js";
import { EmulatorHttpError } from "../errors.js";
import { parseFaultConfig, type FaultConfig } from "../faults/fault-config.js";
import type { StatsReport } from "../pipeline/stats.js";
import type { EmulatorResponse } from "../pipeline/types.js";

/** What the control API drives; implemented by the server. */
export interface ControlTarget {
  adminKey: string;
  clock: EmulatorClock;
  reset(): Promise<void>;
  seed(body: unknown): Promise<unknown>;
  acceptInvitation(invitationId: string, body: unknown): Promise<unknown>;
  /** The customer approves a GDAP relationship (as its approval link would) or ends it. */
  gdapCustomerAction(relationshipId: string, action: "approve" | "terminate"): Promise<unknown>;
  /** A change made outside cspctl, as in the portal; answers the API's own status and body. */
  portalChange(body: unknown): Promise<{ status: number; body: unknown }>;
  setFaults(config: FaultConfig | undefined): void;
  faults(): FaultConfig;
  stats(): StatsReport;
  resetStats(): void;
  /** Called after the clock moved; saves state. */
  clockMoved(): Promise<void>;
}

export interface ControlRequest {
  method: string;
  /** Segments after `/_emulator`. */
  segments: string[];
  headers: Record<string, string>;
  rawBody: string;
}

export async function handleControlRequest(target: ControlTarget, request: ControlRequest): Promise<EmulatorResponse> {
  try {
    if (!keyMatches(request.headers["x-emulator-key"], target.adminKey)) {
      return controlError(
        401,
        "unauthorized",
        "The control API needs the emulator's admin key in the x-emulator-key header.",
      );
    }
    const body = parseBody(request.rawBody);
    const route = `${request.method} /${request.segments.join("/")}`;
    switch (route) {
      case "POST /reset":
        await target.reset();
        return { status: 200, body: { reset: true } };
      case "POST /seed":
        return { status: 200, body: { seeded: true, result: (await target.seed(body)) ?? null } };
      case "POST /portal": {
        const answer = await target.portalChange(body);
        return { status: answer.status, body: answer.body };
      }
      case "GET /clock":
        return { status: 200, body: clockView(target.clock) };
      case "POST /clock":
        return await moveClock(target, body);
      case "GET /faults":
        return { status: 200, body: target.faults() };
      case "PUT /faults":
        target.setFaults(parseFaultConfig(body ?? {}));
        return { status: 200, body: target.faults() };
      case "DELETE /faults":
        target.setFaults(undefined);
        return { status: 200, body: target.faults() };
      case "GET /stats":
        return { status: 200, body: target.stats() };
      case "POST /stats/reset":
        target.resetStats();
        return { status: 200, body: target.stats() };
    }
    const [first, invitationId, action] = request.segments;
    if (
      request.method === "POST" &&
      first === "invitations" &&
      invitationId !== undefined &&
      action === "accept" &&
      request.segments.length === 3
    ) {
      return {
        status: 200,
        body: {
          accepted: true,
          result: (await target.acceptInvitation(decodeURIComponent(invitationId), body)) ?? null,
        },
      };
    }
    if (
      request.method === "POST" &&
      first === "gdap" &&
      invitationId !== undefined &&
      (action === "approve" || action === "terminate") &&
      request.segments.length === 3
    ) {
      return { status: 200, body: await target.gdapCustomerAction(decodeURIComponent(invitationId), action) };
    }
    return controlError(404, "unknown_control_route", `No control operation ${route}. See the README for the list.`);
  } catch (error) {
    if (error instanceof EmulatorHttpError) return { status: error.status, body: error.body, headers: error.headers };
    if (error instanceof RangeError) return controlError(400, "invalid_request", error.message);
    throw error;
  }
}

async function moveClock(target: ControlTarget, body: unknown): Promise<EmulatorResponse> {
  const request = (body ?? {}) as { advance?: unknown; now?: unknown; frozen?: unknown };
  if (typeof request !== "object" || Array.isArray(request))
    return controlError(400, "invalid_request", "The body must be a JSON object.");
  if (request.advance !== undefined && request.now !== undefined)
    return controlError(400, "invalid_request", 'Send either "advance" or "now", not both.');
  if (request.frozen !== undefined && typeof request.frozen !== "boolean")
    return controlError(400, "invalid_request", '"frozen" must be true or false.');
  let destination: Date | undefined;
  if (request.advance !== undefined) {
    if (typeof request.advance !== "string")
      return controlError(400, "invalid_request", '"advance" must be an ISO-8601 duration such as "P8D".');
    destination = addIsoDuration(target.clock.now(), request.advance);
  } else if (request.now !== undefined) {
    if (typeof request.now !== "string" || Number.isNaN(Date.parse(request.now)))
      return controlError(
        400,
        "invalid_request",
        '"now" must be an ISO-8601 date-time such as "2027-01-01T00:00:00Z".',
      );
    destination = new Date(request.now);
  } else if (request.frozen === undefined) {
    return controlError(
      400,
      "invalid_request",
      'Send {"advance":"P8D"}, {"now":"2027-01-01T00:00:00Z"} or {"frozen":true}.',
    );
  }
  if (request.frozen === true) target.clock.freeze();
  if (destination !== undefined) target.clock.set(destination);
  if (request.frozen === false) target.clock.unfreeze();
  await target.clockMoved();
  return { status: 200, body: clockView(target.clock) };
}

function clockView(clock: EmulatorClock): Record<string, unknown> {
  const now = clock.now();
  return { now: now.toISOString(), frozen: clock.frozen, offsetMs: clock.state().offsetMs };
}

function parseBody(raw: string): unknown {
  if (raw.trim() === "") return undefined;
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw new EmulatorHttpError(400, {
      error: {
        code: "invalid_json",
        message: `The body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
      },
    });
  }
}

function keyMatches(presented: string | undefined, expected: string): boolean {
  if (presented === undefined) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function controlError(status: number, code: string, message: string): EmulatorResponse {
  return { status, body: { error: { code, message } } };
}
