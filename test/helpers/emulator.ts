// startEmulator() for tests: the real emulator in-process on port 0, plus a small HTTPS client that
// trusts its CA and wrappers for the control API.
import { Agent, request } from "undici";
import {
  startEmulator as startRealEmulator,
  type EmulatorEnv,
  type EmulatorOptions,
  type RunningEmulator,
} from "../../emulator/index.js";
import type { FaultConfig } from "../../emulator/faults/fault-config.js";
import type { StatsReport } from "../../emulator/pipeline/stats.js";

export interface HttpResult {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON, or the raw text when the body is not JSON, or undefined when empty. */
  body: unknown;
}

export interface SendOptions {
  method?: string;
  token?: string;
  body?: unknown;
  /** Sent as-is (for form bodies and malformed JSON). */
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface ClockView {
  now: string;
  frozen: boolean;
  offsetMs: number;
}

export interface PortalChange {
  method: string;
  /** `/v1/…` or `/graph/v1.0/…` */
  path: string;
  body?: unknown;
  by?: string;
  via?: string;
  tenantId?: string;
  partnerTenantId?: string;
}

export interface TestEmulator {
  baseUrl: string;
  env: EmulatorEnv;
  controlUrl: string;
  adminKey: string;
  caFile: string;
  emulator: RunningEmulator;
  dispatcher: Agent;
  /** HTTPS to the emulator; `path` is absolute (`/v1/customers`) or a full URL. */
  send(path: string, options?: SendOptions): Promise<HttpResult>;
  /** A token from the emulator's token endpoint (client secret or refresh token of the seeded partner). */
  token(options: {
    audience: "partner-center" | "graph" | "partner-api";
    kind: "app" | "user";
    tenant?: string;
  }): Promise<string>;
  control: {
    reset(): Promise<void>;
    seed(body: unknown): Promise<unknown>;
    clock(): Promise<ClockView>;
    advanceClock(duration: string): Promise<ClockView>;
    setClock(now: string): Promise<ClockView>;
    faults(config: Partial<FaultConfig>): Promise<FaultConfig>;
    clearFaults(): Promise<void>;
    acceptInvitation(invitationId: string, tenantId?: string): Promise<unknown>;
    /** The customer approves a GDAP relationship (as its approval link would) or ends it. */
    gdap(relationshipId: string, action: "approve" | "terminate"): Promise<unknown>;
    stats(): Promise<StatsReport>;
    resetStats(): Promise<void>;
    /** A change made outside cspctl, as in the portal (`POST /_emulator/portal`); answers the API's status and body. */
    portal(change: PortalChange): Promise<{ status: number; body: unknown }>;
  };
  close(): Promise<void>;
}

const SCOPES = {
  "partner-center": "https://api.partnercenter.microsoft.com/.default",
  graph: "https://graph.microsoft.com/.default",
  "partner-api": "https://api.partner.microsoft.com/.default",
} as const;

export async function startEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
  const emulator = await startRealEmulator({ log: () => undefined, ...options });
  const dispatcher = new Agent({ connect: { ca: emulator.caPem }, keepAliveTimeout: 10_000 });

  const send = async (path: string, opts: SendOptions = {}): Promise<HttpResult> => {
    const headers: Record<string, string> = { accept: "application/json", ...opts.headers };
    if (opts.token !== undefined) headers.authorization = `Bearer ${opts.token}`;
    let body: string | undefined = opts.rawBody;
    if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers["content-type"] ??= "application/json";
    }
    const url = path.startsWith("https://") ? path : `${emulator.origin}${path}`;
    const response = await request(url, { method: (opts.method ?? "GET") as "GET", headers, body, dispatcher });
    const text = await response.body.text();
    let parsed: unknown;
    if (text !== "") {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    const flat: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers))
      if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(", ") : value;
    return { status: response.statusCode, headers: flat, body: parsed };
  };

  const controlCall = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const result = await send(`${emulator.controlUrl}${path}`, {
      method,
      body,
      headers: { "x-emulator-key": emulator.adminKey },
    });
    if (result.status >= 300)
      throw new Error(`control ${method} ${path} answered ${result.status}: ${JSON.stringify(result.body)}`);
    return result.body;
  };

  const token = async (opts: {
    audience: "partner-center" | "graph" | "partner-api";
    kind: "app" | "user";
    tenant?: string;
  }): Promise<string> => {
    const credentials = emulator.credentials;
    if (credentials === undefined) throw new Error("the emulator was started without a seeded partner");
    const form = new URLSearchParams({
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
      scope: SCOPES[opts.audience],
    });
    if (opts.kind === "app") form.set("grant_type", "client_credentials");
    else {
      form.set("grant_type", "refresh_token");
      form.set("refresh_token", credentials.refreshToken);
    }
    const result = await send(`/${opts.tenant ?? credentials.tenantId}/oauth2/v2.0/token`, {
      method: "POST",
      rawBody: form.toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    const body = result.body as { access_token?: string };
    if (result.status !== 200 || body.access_token === undefined)
      throw new Error(`token request answered ${result.status}: ${JSON.stringify(result.body)}`);
    return body.access_token;
  };

  return {
    baseUrl: emulator.origin,
    env: emulator.env,
    controlUrl: emulator.controlUrl,
    adminKey: emulator.adminKey,
    caFile: emulator.caFile,
    emulator,
    dispatcher,
    send,
    token,
    control: {
      reset: async () => void (await controlCall("POST", "/reset")),
      seed: (body) => controlCall("POST", "/seed", body),
      clock: async () => (await controlCall("GET", "/clock")) as ClockView,
      advanceClock: async (duration) => (await controlCall("POST", "/clock", { advance: duration })) as ClockView,
      setClock: async (now) => (await controlCall("POST", "/clock", { now })) as ClockView,
      faults: async (config) => (await controlCall("PUT", "/faults", config)) as FaultConfig,
      clearFaults: async () => void (await controlCall("DELETE", "/faults")),
      acceptInvitation: (invitationId, tenantId) =>
        controlCall(
          "POST",
          `/invitations/${encodeURIComponent(invitationId)}/accept`,
          tenantId === undefined ? undefined : { tenantId },
        ),
      gdap: (relationshipId, action) => controlCall("POST", `/gdap/${encodeURIComponent(relationshipId)}/${action}`),
      stats: async () => (await controlCall("GET", "/stats")) as StatsReport,
      resetStats: async () => void (await controlCall("POST", "/stats/reset")),
      portal: async (change) => {
        const result = await send(`${emulator.controlUrl}/portal`, {
          method: "POST",
          body: change,
          headers: { "x-emulator-key": emulator.adminKey },
        });
        return { status: result.status, body: result.body };
      },
    },
    close: async () => {
      await dispatcher.close();
      await emulator.close();
    },
  };
}
