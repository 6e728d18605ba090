// Entra ID's token-endpoint error body: `{error, error_description "AADSTSnnnn: …", error_codes,
// timestamp, trace_id, correlation_id}`. MSAL surfaces `error` and the AADSTS code to callers.
import { randomUUID } from "node:crypto";
import type { EmulatorResponse } from "../pipeline/types.js";

export type OAuthErrorCode =
  | "invalid_request"
  | "invalid_client"
  | "invalid_grant"
  | "unauthorized_client"
  | "unsupported_grant_type"
  | "invalid_scope";

export function oauthError(
  status: number,
  error: OAuthErrorCode,
  aadsts: number,
  message: string,
  correlationId: string | undefined,
  nowMs: number,
): EmulatorResponse {
  const traceId = randomUUID();
  const correlation = correlationId ?? randomUUID();
  const timestamp = new Date(nowMs)
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d{3}Z$/, "Z");
  return {
    status,
    body: {
      error,
      error_description: `AADSTS${aadsts}: ${message} Trace ID: ${traceId} Correlation ID: ${correlation} Timestamp: ${timestamp}`,
      error_codes: [aadsts],
      timestamp,
      trace_id: traceId,
      correlation_id: correlation,
    },
  };
}
