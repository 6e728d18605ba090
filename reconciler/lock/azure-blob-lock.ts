// `--lock azure-blob`: a blob lease in an Azure Storage container, the way Terraform's azurerm
// backend locks its state, so CI runners on different machines share one lock. One blob per partner
// tenant + customer (`cspctl-locks/<tenant>/<domain>.lock`); the lock is a lease whose id is the run's
// lock id, taken for `leaseSeconds` (default 60) and renewed every third of that while the run holds
// it; the holder's info is in the blob's metadata. A killed holder stops renewing and its lease expires.
import { RestError, type ContainerClient } from "@azure/storage-blob";
import { CspctlError } from "../../core/errors.js";
import type { HeldKey, LockBackend, LockKey, TryAcquire } from "./estate-lock.js";
import { parseLockInfo, type LockInfo } from "./lock-info.js";

export interface AzureBlobLockOptions {
  container: ContainerClient;
  /** 15–60 seconds (Azure's limits for a finite lease); default 60. */
  leaseSeconds?: number;
  /** For messages: where the locks are, without any credential. */
  location: string;
}

const PREFIX = "cspctl-locks/";
const METADATA_KEY = "cspctllock";

export function azureBlobLockBackend(options: AzureBlobLockOptions): LockBackend {
  const leaseSeconds = Math.min(60, Math.max(15, options.leaseSeconds ?? 60));
  const blobOf = (key: LockKey) =>
    options.container.getBlockBlobClient(
      `${PREFIX}${encodeURIComponent(key.partnerTenant.toLowerCase())}/${encodeURIComponent(key.customer.toLowerCase())}.lock`,
    );

  async function tryAcquire(key: LockKey, info: LockInfo): Promise<TryAcquire> {
    const blob = blobOf(key);
    try {
      // The blob must exist to be leased; never overwrite one that does (it may be leased right now).
      await blob.upload("", 0, { conditions: { ifNoneMatch: "*" } }).catch((error: unknown) => {
        if (!(error instanceof RestError) || (error.statusCode !== 409 && error.statusCode !== 412)) throw error;
      });
      const lease = blob.getBlobLeaseClient(info.id);
      try {
        await lease.acquireLease(leaseSeconds);
      } catch (error) {
        if (error instanceof RestError && error.statusCode === 409) {
          const properties = await blob.getProperties().catch(() => undefined);
          return { holder: decode(properties?.metadata?.[METADATA_KEY]) };
        }
        throw error;
      }
      await blob.setMetadata(
        { [METADATA_KEY]: Buffer.from(JSON.stringify(info)).toString("base64") },
        { conditions: { leaseId: info.id } },
      );
      let lostReason: string | undefined;
      let released = false;
      const timer = setInterval(
        () => {
          lease.renewLease().catch((error: unknown) => {
            lostReason = `the lease could not be renewed (${describeError(error)})`;
            clearInterval(timer);
          });
        },
        (leaseSeconds * 1000) / 3,
      );
      timer.unref();
      const held: HeldKey = {
        release: async () => {
          if (released) return;
          released = true;
          clearInterval(timer);
          if (lostReason !== undefined) return;
          await blob.setMetadata({}, { conditions: { leaseId: info.id } }).catch(() => undefined);
          await lease.releaseLease().catch(() => undefined);
        },
        lost: () => lostReason,
      };
      return { held };
    } catch (error) {
      throw blobError(options.location, error);
    }
  }

  async function forceUnlock(id: string): Promise<string[]> {
    const released: string[] = [];
    try {
      for await (const item of options.container.listBlobsFlat({ prefix: PREFIX, includeMetadata: true })) {
        if (decode(item.metadata?.[METADATA_KEY])?.id !== id) continue;
        const blob = options.container.getBlockBlobClient(item.name);
        await blob
          .getBlobLeaseClient()
          .breakLease(0)
          .catch((error: unknown) => {
            if (!(error instanceof RestError) || error.statusCode !== 409) throw error; // 409: no lease left to break
          });
        await blob.setMetadata({});
        released.push(decodeURIComponent(item.name.slice(item.name.lastIndexOf("/") + 1).replace(/\.lock$/, "")));
      }
    } catch (error) {
      throw blobError(options.location, error);
    }
    return released;
  }

  return { name: "azure-blob", tryAcquire, forceUnlock, describe: () => `lock: azure-blob, in ${options.location}` };
}

function decode(value: string | undefined): LockInfo | undefined {
  if (value === undefined) return undefined;
  return parseLockInfo(Buffer.from(value, "base64").toString("utf8"));
}

function describeError(error: unknown): string {
  if (error instanceof RestError) return `HTTP ${error.statusCode ?? "?"} ${error.code ?? ""}`.trim();
  return error instanceof Error ? error.message : String(error);
}

function blobError(location: string, cause: unknown): CspctlError {
  if (cause instanceof CspctlError) return cause;
  const notFound = cause instanceof RestError && cause.code === "ContainerNotFound";
  return new CspctlError({
    code: "lock.backend_failed",
    message: `the azure-blob lock store ${location} answered ${describeError(cause)}${notFound ? ": the container does not exist" : ""}`,
    hint: notFound
      ? "create the container first (az storage container create), or name another with --lock-azure-container"
      : "check the account URL, the container and that the credential (CSPCTL_LOCK_AZURE_CONNECTION_STRING or CSPCTL_LOCK_AZURE_SAS) allows reading, writing and leasing blobs",
    cause,
  });
}
