// Starts the emulator: one HTTPS server on loopback serving Partner Center (/v1), Graph
// (/graph/v1.0), the authority (/{tenant}/…) and the control API (/_emulator/). This file wires
// the parts together; each request kind is handled by its own module.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { catalog } from "../core/catalog.js";
import { EmulatorClock } from "./clock.js";
import { createControlTarget } from "./control/control-target.js";
import { credentialsOf, defaultSeed, type DefaultCredentials } from "./control/default-seed.js";
import { createDomain } from "./domain.js";
import { NO_FAULTS, type FaultConfig } from "./faults/fault-config.js";
import { FaultInjector } from "./faults/fault-injector.js";
import { loadEmulatorState, type EmulatorStateStore } from "./persistence/emulator-state.js";
import { loadKeys } from "./persistence/load-keys.js";
import type { ApiPipelineDeps } from "./pipeline/api-pipeline.js";
import { Authenticator } from "./pipeline/authenticate.js";
import { createDispatcher } from "./pipeline/dispatch.js";
import { sendResponse } from "./pipeline/http-io.js";
import { ReplayStore } from "./pipeline/replay-store.js";
import { RouteTable } from "./pipeline/route-table.js";
import { RequestStats } from "./pipeline/stats.js";
import type { DomainConfig, EmulatorDomain } from "./pipeline/types.js";
import { RefreshTokenStore } from "./token/refresh-tokens.js";
import type { TokenEndpointDeps } from "./token/token-endpoint.js";

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Keeps state across restarts; without it state lives in memory. */
  dataDir?: string;
  /** With dataDir: the journal size below which it is never compacted into a new snapshot (default 256 KiB). */
  minCompactionBytes?: number;
  /** Seed applied on first start and after every reset; undefined = a default partner, null = empty. */
  seed?: unknown;
  faults?: Partial<FaultConfig>;
  domainConfig?: Partial<DomainConfig>;
  adminKey?: string;
  /** Wall time for token lifetimes and rate limits (tests inject it; the business clock is separate). */
  wallClock?: () => number;
  tokenLifetimeSeconds?: number;
  log?: (line: string) => void;
}

/** A type alias (not an interface) so it can be passed where `Record<string, string | undefined>` is expected. */
export type EmulatorEnv = {
  CSPCTL_PARTNER_CENTER_URL: string;
  CSPCTL_GRAPH_URL: string;
  CSPCTL_AUTHORITY: string;
  CSPCTL_CA_FILE: string;
  CSPCTL_TENANT_ID?: string;
  CSPCTL_CLIENT_ID?: string;
  CSPCTL_CLIENT_SECRET?: string;
  CSPCTL_REFRESH_TOKEN?: string;
};

export interface RunningEmulator {
  origin: string;
  port: number;
  env: EmulatorEnv;
  controlUrl: string;
  adminKey: string;
  caFile: string;
  caPem: string;
  /** Credentials of the first seeded partner, when the seed has one. */
  credentials: DefaultCredentials | undefined;
  close(): Promise<void>;
}

export const DEFAULT_DOMAIN_CONFIG: DomainConfig = {
  provisioningDelaySeconds: 5,
  slowStartSeconds: 0,
  defaultPageSize: 100,
  billingCycleDay: 1,
  exportRetryAfterSeconds: 1,
  exportRunningPolls: 1,
};

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const wallClock = options.wallClock ?? Date.now;
  const keys = await loadKeys(options.dataDir);
  const scratchDir = options.dataDir === undefined ? await mkdtemp(join(tmpdir(), "cspctl-emulator-")) : undefined;
  const caFile = join(options.dataDir ?? scratchDir!, "ca.pem");
  await writeFile(caFile, keys.tls.caCertPem, { mode: 0o644 });

  // The domain keeps a reference to this object: fault changes (slow start) reach it in place.
  const domainConfig: DomainConfig = { ...DEFAULT_DOMAIN_CONFIG, ...options.domainConfig };
  let domain: EmulatorDomain | undefined;
  const clock = new EmulatorClock({ wallClock, onAdvance: (now) => domain?.runDue(now) });
  domain = createDomain({ clock, catalog, config: domainConfig });
  const replay = new ReplayStore();
  const refreshTokens = new RefreshTokenStore(wallClock);
  const stats = new RequestStats();
  const faults = new FaultInjector(wallClock);
  const applyFaults = (config: FaultConfig | undefined): void => {
    if (config === undefined) faults.clear();
    else faults.configure(config);
    domainConfig.slowStartSeconds = faults.current().slowStartSeconds || (options.domainConfig?.slowStartSeconds ?? 0);
  };
  // CLI flags (--latency, --rate-limit…) are the start faults; reset returns to them.
  const startFaults = options.faults === undefined ? undefined : { ...NO_FAULTS, ...options.faults };
  applyFaults(startFaults);

  const state: EmulatorStateStore = await loadEmulatorState({
    dataDir: options.dataDir,
    ...(options.minCompactionBytes === undefined ? {} : { minCompactionBytes: options.minCompactionBytes }),
    domain,
    clock,
    replay,
    refreshTokens,
    initialSeed: options.seed === undefined ? defaultSeed() : options.seed,
  });
  const persist = (): Promise<void> => state.save();

  const adminKey = options.adminKey ?? randomBytes(24).toString("base64url");
  const routes = new RouteTable(domain.routes);
  const authenticator = new Authenticator({ key: keys.signingKey, domain, wallClock });
  const tokenDeps: TokenEndpointDeps = {
    domain,
    key: keys.signingKey,
    refreshTokens,
    wallClock,
    tokenLifetimeSeconds: options.tokenLifetimeSeconds,
    onRefreshTokenIssued: persist,
    onAccessTokenIssued: (token, claims) => authenticator.remember(token, claims),
  };
  const apiDeps: ApiPipelineDeps = {
    routes,
    authenticator,
    faults,
    replay,
    stats,
    context: { clock, catalog, config: domainConfig },
    persist,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    log,
  };
  const control = createControlTarget({
    adminKey,
    domain,
    clock,
    replay,
    refreshTokens,
    stats,
    faults,
    state,
    applyFaults,
    startFaults,
  });
  const dispatch = createDispatcher({ api: apiDeps, token: tokenDeps, control });
  const server: Server = createServer(
    { key: keys.tls.keyPem, cert: keys.tls.certPem, keepAlive: true, noDelay: true },
    (req, res) => {
      void dispatch(req, res).catch((error: unknown) => {
        log(`emulator: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        if (!res.headersSent)
          sendResponse(res, req.method ?? "GET", {
            status: 500,
            body: { code: 500, description: "Unexpected emulator error.", data: [], source: "PartnerFD" },
          });
        else res.destroy();
      });
    },
  );
  server.keepAliveTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `https://127.0.0.1:${port}`;
  const credentials = credentialsOf(state.initialSeed);
  const env: EmulatorEnv = {
    CSPCTL_PARTNER_CENTER_URL: origin,
    CSPCTL_GRAPH_URL: `${origin}/graph/v1.0`,
    CSPCTL_AUTHORITY: origin,
    CSPCTL_CA_FILE: caFile,
    ...(credentials === undefined
      ? {}
      : {
          CSPCTL_TENANT_ID: credentials.tenantId,
          CSPCTL_CLIENT_ID: credentials.clientId,
          CSPCTL_CLIENT_SECRET: credentials.clientSecret,
          CSPCTL_REFRESH_TOKEN: credentials.refreshToken,
        }),
  };

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 2_000).unref();
      });
      await state.flush();
      if (scratchDir !== undefined) await rm(scratchDir, { recursive: true, force: true });
    })());

  return {
    origin,
    port,
    env,
    controlUrl: `${origin}/_emulator`,
    adminKey,
    caFile,
    caPem: keys.tls.caCertPem,
    credentials,
    close,
  };
}
