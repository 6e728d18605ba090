// Which lock a run takes, from flags (CLI), stack config (Pulumi) or CSPCTL_LOCK_* variables: the one
// place both front ends turn settings into a lock backend and a timeout.
import { registerSecret } from "../../client/redact.js";
import { CspctlError } from "../../core/errors.js";
import { noLockBackend, type LockBackend } from "./estate-lock.js";
import { localLockBackend } from "./local-lock.js";

export const LOCK_KINDS = ["local", "azure-blob", "none"] as const;
/** What a setting may say; each falls back to its variable, then to the default. */
export interface LockSettings {
  lock?: string | undefined;
  lockTimeout?: string | undefined;
  azureUrl?: string | undefined;
  azureContainer?: string | undefined;
}

export const LOCK_VARIABLES = {
  lock: "CSPCTL_LOCK",
  lockTimeout: "CSPCTL_LOCK_TIMEOUT",
  azureUrl: "CSPCTL_LOCK_AZURE_URL",
  azureContainer: "CSPCTL_LOCK_AZURE_CONTAINER",
  connectionString: "CSPCTL_LOCK_AZURE_CONNECTION_STRING",
  sas: "CSPCTL_LOCK_AZURE_SAS",
  leaseSeconds: "CSPCTL_LOCK_LEASE_SECONDS",
} as const;

export interface ResolvedLock {
  backend: LockBackend;
  timeoutMs: number;
}

/** The Azure SDK is loaded only when the azure-blob lock is chosen. */
export async function resolveLock(
  settings: LockSettings,
  context: { stateDir: string; env?: NodeJS.ProcessEnv },
): Promise<ResolvedLock> {
  const env = context.env ?? process.env;
  const pick = (key: keyof LockSettings): string | undefined =>
    nonEmpty(settings[key]) ?? nonEmpty(env[LOCK_VARIABLES[key]]);
  const kind = pick("lock") ?? "local";
  const timeoutMs = parseDuration(pick("lockTimeout") ?? "0", "--lock-timeout");
  if (kind === "none") return { backend: noLockBackend, timeoutMs };
  if (kind === "local") return { backend: localLockBackend({ stateDir: context.stateDir }), timeoutMs };
  if (kind === "azure-blob")
    return { backend: await azureBackend(pick("azureUrl"), pick("azureContainer"), env), timeoutMs };
  throw new CspctlError({
    code: "lock.config_invalid",
    message: `--lock ${kind}: expected one of ${LOCK_KINDS.join(", ")}`,
    hint: "--lock local (the default), --lock azure-blob for runners on several machines; --lock none is unsafe",
  });
}

async function azureBackend(
  url: string | undefined,
  containerName: string | undefined,
  env: NodeJS.ProcessEnv,
): Promise<LockBackend> {
  const [{ ContainerClient }, { azureBlobLockBackend }] = await Promise.all([
    import("@azure/storage-blob"),
    import("./azure-blob-lock.js"),
  ]);
  const connectionString = nonEmpty(env[LOCK_VARIABLES.connectionString]);
  const sas = nonEmpty(env[LOCK_VARIABLES.sas])?.replace(/^\?/, "");
  if (containerName === undefined)
    throw missing("the container", `--lock-azure-container NAME or ${LOCK_VARIABLES.azureContainer}`);
  let container: InstanceType<typeof ContainerClient>;
  if (connectionString !== undefined) {
    registerSecret(connectionString);
    try {
      container = new ContainerClient(connectionString, containerName);
    } catch {
      throw new CspctlError({
        code: "lock.config_invalid",
        message: `${LOCK_VARIABLES.connectionString} is not a storage connection string (its value is not shown)`,
        hint: "copy it from the storage account's Access keys page: DefaultEndpointsProtocol=https;AccountName=…;AccountKey=…",
      });
    }
  } else if (sas !== undefined) {
    registerSecret(sas);
    if (url === undefined)
      throw missing(
        "the storage account URL",
        `--lock-azure-url https://ACCOUNT.blob.core.windows.net or ${LOCK_VARIABLES.azureUrl}`,
      );
    let base: URL;
    try {
      base = new URL(url);
    } catch {
      throw new CspctlError({
        code: "lock.config_invalid",
        message: `--lock-azure-url ${url}: not a URL`,
        hint: "for example https://ACCOUNT.blob.core.windows.net",
      });
    }
    if (base.search !== "")
      throw new CspctlError({
        code: "lock.config_invalid",
        message:
          "--lock-azure-url holds a query string (its value is not shown): a SAS token must not be given on the command line",
        hint: `put the SAS token in ${LOCK_VARIABLES.sas} and give the account URL alone`,
      });
    container = new ContainerClient(
      `${base.origin}${base.pathname.replace(/\/$/, "")}/${encodeURIComponent(containerName)}?${sas}`,
    );
  } else {
    throw missing(
      "a credential",
      `${LOCK_VARIABLES.connectionString} or ${LOCK_VARIABLES.sas} (with --lock-azure-url)`,
    );
  }
  const leaseSeconds = nonEmpty(env[LOCK_VARIABLES.leaseSeconds]);
  const lease = leaseSeconds === undefined ? undefined : Number(leaseSeconds);
  if (lease !== undefined && (!Number.isInteger(lease) || lease < 15 || lease > 60)) {
    throw new CspctlError({
      code: "lock.config_invalid",
      message: `${LOCK_VARIABLES.leaseSeconds}=${leaseSeconds}: expected a whole number of seconds from 15 to 60`,
      hint: `unset it (60 s) or set e.g. ${LOCK_VARIABLES.leaseSeconds}=30`,
    });
  }
  return azureBlobLockBackend({
    container,
    location: container.url.split("?")[0]!,
    ...(lease === undefined ? {} : { leaseSeconds: lease }),
  });
}

function missing(what: string, how: string): CspctlError {
  return new CspctlError({
    code: "lock.config_missing",
    message: `--lock azure-blob needs ${what}`,
    hint: `set ${how}`,
  });
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

const UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** "0", "30s", "5m", "1h", "1m30s": a duration in milliseconds. */
export function parseDuration(text: string, flag: string): number {
  const value = text.trim();
  if (value === "0") return 0;
  const parts = [...value.matchAll(/(\d+)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== value) {
    throw new CspctlError({
      code: "lock.config_invalid",
      message: `${flag} ${text}: expected a duration such as 30s, 5m or 1h30m`,
      hint: `${flag} 0 fails at once when another run holds the lock; ${flag} 5m waits up to five minutes`,
    });
  }
  return parts.reduce((total, p) => total + Number(p[1]) * UNITS[p[2]!]!, 0);
}
