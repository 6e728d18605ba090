// One factory per documented Partner Center / Graph error (API.md §5, samples/error.*.json).
// Handlers and the pipeline throw EmulatorHttpError; the pipeline serialises it as-is.

export class EmulatorHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`emulator error ${status}`);
    this.name = "EmulatorHttpError";
  }
}

/** Partner Center's documented error body: `{code, description, data, source}` (API.md §5.1). */
export function partnerCenterError(status: number, code: number | string, description: string, data: unknown[] = []): EmulatorHttpError {
  return new EmulatorHttpError(status, { code, description, data, source: "PartnerFD" });
}

/** Microsoft Graph's error body (API.md §15). */
export function graphError(status: number, code: string, message: string, requestId = ""): EmulatorHttpError {
  return new EmulatorHttpError(status, {
    error: { code, message, innerError: { date: new Date().toISOString().replace(/\.\d{3}Z$/, ""), "request-id": requestId, "client-request-id": requestId } },
  });
}

// --- transport errors (pipeline, token check, routing) ---

export const notEmulated = (method: string, path: string): EmulatorHttpError =>
  partnerCenterError(501, 501, `The cspctl emulator does not emulate ${method} ${path}. See the README section "Differences from Partner Center".`);

// --- domain errors (handlers, rules) ---
