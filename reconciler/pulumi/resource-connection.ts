// Where the Pulumi provider's calls connect. Stack config (`cspctl:tenantId`, secret
// `cspctl:clientSecret`, …) arrives once per provider process through configure(); anything not set
// there falls back to the CSPCTL_* variable, read when the call runs. Nothing here is serialised into
// Pulumi state: this module is loaded fresh by each provider process.
import { createClient, type CspClient } from "../../client/index.js";

/** Stack config key (namespace `cspctl:`) → the CSPCTL_* variable it stands for. */
export const RESOURCE_CONFIG_KEYS = {
  tenantId: "CSPCTL_TENANT_ID",
  clientId: "CSPCTL_CLIENT_ID",
  clientSecret: "CSPCTL_CLIENT_SECRET",
  clientCertificate: "CSPCTL_CLIENT_CERTIFICATE",
  refreshToken: "CSPCTL_REFRESH_TOKEN",
  partnerCenterUrl: "CSPCTL_PARTNER_CENTER_URL",
  graphUrl: "CSPCTL_GRAPH_URL",
  authority: "CSPCTL_AUTHORITY",
  caFile: "CSPCTL_CA_FILE",
  pollIntervalMs: "CSPCTL_POLL_INTERVAL_MS",
  requestsPerSecond: "CSPCTL_REQUESTS_PER_SECOND",
  allowDestructive: "CSPCTL_ALLOW_DESTRUCTIVE",
  // The lock taken while a resource's steps are applied (docs/locking.md); its credentials come from the environment only.
  lock: "CSPCTL_LOCK",
  lockTimeout: "CSPCTL_LOCK_TIMEOUT",
  lockAzureUrl: "CSPCTL_LOCK_AZURE_URL",
  lockAzureContainer: "CSPCTL_LOCK_AZURE_CONTAINER",
  stateDir: "CSPCTL_STATE_DIR",
} as const;

export type ResourceConfigKey = keyof typeof RESOURCE_CONFIG_KEYS;

let configured: Partial<Record<ResourceConfigKey, string>> = {};

/** Called from the provider's configure() with a getter over the stack config (`cspctl:<key>`). */
export function configureResources(get: (key: string) => string | undefined): void {
  const values: Partial<Record<ResourceConfigKey, string>> = {};
  for (const key of Object.keys(RESOURCE_CONFIG_KEYS) as ResourceConfigKey[]) {
    const value = get(`cspctl:${key}`);
    if (typeof value === "string" && value.trim() !== "") values[key] = value;
  }
  configured = values;
}

/** Stack config first, then the CSPCTL_* environment of the provider process. */
export function resourceSetting(key: ResourceConfigKey, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return configured[key] ?? env[RESOURCE_CONFIG_KEYS[key]];
}

export function allowDestructive(): boolean {
  return /^(true|1|yes)$/i.test(resourceSetting("allowDestructive") ?? "");
}

/** A client for the current settings. */
function openResourceClient(): CspClient {
  const env: Record<string, string | undefined> = {};
  for (const [key, variable] of Object.entries(RESOURCE_CONFIG_KEYS))
    env[variable] = resourceSetting(key as ResourceConfigKey);
  const pollMs = Number.parseInt(resourceSetting("pollIntervalMs") ?? "", 10);
  // Partner Center's pace by default; an emulator can take far more (the CLI's --emulator does the same).
  const rate = Number.parseInt(resourceSetting("requestsPerSecond") ?? "", 10);
  return createClient({
    env,
    ...(Number.isInteger(pollMs) && pollMs > 0 ? { poll: { intervalMs: pollMs } } : {}),
    ...(Number.isInteger(rate) && rate > 0
      ? { throttle: { requestsPerSecond: rate, burst: rate, maxConcurrency: 16 } }
      : {}),
  });
}

// One client per settings for the provider process's life: its tokens and connections are reused
// across the many calls of one `pulumi up` (the process ends with the run).
let shared: { key: string; client: CspClient } | undefined;

export async function withResourceClient<T>(run: (client: CspClient) => Promise<T>): Promise<T> {
  const key = JSON.stringify(Object.keys(RESOURCE_CONFIG_KEYS).map((k) => resourceSetting(k as ResourceConfigKey)));
  if (shared?.key !== key) {
    const previous = shared?.client;
    shared = { key, client: openResourceClient() };
    void previous?.close();
  }
  return run(shared.client);
}
