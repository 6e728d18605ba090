// createClient: configuration → transport (layers) → façades.
import { type Billing, createBilling } from "./billing.js";
import { resolveConfig, type ClientConfig, type ClientOptions } from "./config.js";
import { createGdap, type Gdap } from "./gdap.js";
import { createGraph, type Graph } from "./graph.js";
import { createPartnerCenter, type PartnerCenter } from "./partner-center.js";
import { secretRegistry } from "./redact.js";
import { ServiceCaller, defaultPollPolicy, type PollPolicy } from "./service.js";
import { createTransport, type TransportOptions } from "./transport.js";

export interface CreateClientOptions extends ClientOptions, TransportOptions {
  /** Environment to read CSPCTL_* from; defaults to process.env. */
  env?: Record<string, string | undefined>;
  /** Token kind for calls Partner Center allows either way; default app-only. */
  partnerCenterAuth?: "app" | "user";
  /** Token kind for Graph; default app+user when a refresh token is configured (GDAP), else app-only. */
  graphAuth?: "app" | "user";
  poll?: Partial<PollPolicy>;
}

export interface CspClient {
  partnerCenter: PartnerCenter;
  graph: Graph;
  /** Invoices and reconciliation line items (v1 and the Graph v2 export). */
  billing: Billing;
  /** GDAP relationships, on the partner tenant's own Graph token. */
  gdap: Gdap;
  config: ClientConfig;
  /** The MS-CorrelationId every call of this client carries; quote it to Microsoft support. */
  correlationId: string;
  close(): Promise<void>;
}

export function createClient(options: CreateClientOptions = {}): CspClient {
  const config = resolveConfig(options, options.env ?? process.env);
  secretRegistry.add(config.credential.kind === "secret" ? config.credential.secret : config.credential.privateKeyPem);
  secretRegistry.add(config.refreshToken);
  const transport = createTransport(config, options);
  const caller = new ServiceCaller(transport, {
    partnerCenterAuth: options.partnerCenterAuth ?? "app",
    graphAuth: options.graphAuth ?? (config.refreshToken === undefined ? "app" : "user"),
    poll: { ...defaultPollPolicy, ...options.poll },
  });
  return {
    partnerCenter: createPartnerCenter(caller),
    graph: createGraph(caller),
    billing: createBilling(caller),
    gdap: createGdap(caller, config.tenantId),
    config,
    correlationId: transport.correlationId,
    close: () => transport.close(),
  };
}
