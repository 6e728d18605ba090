// The azure-blob lock backend against a real Azure Storage blob service (Azurite, started and stopped
// here): contention with the holder read from the blob's metadata, expiry of a holder killed with -9
// (its lease is no longer renewed), SIGINT releasing the lease, force-unlock by lock id (through the
// CLI, which never prints the credential) and the holder learning it lost the lock.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acquireEstateLock } from "../../../reconciler/lock/estate-lock.js";
import { resolveLock } from "../../../reconciler/lock/lock-config.js";
import { startAzurite, type Azurite } from "../../helpers/azurite.js";
import { runCli } from "../../helpers/cli-child.js";
import { startLockHolder } from "../../helpers/lock-holder.js";

const TENANT = "3c2a8f1e-0000-4000-8000-00000000abcd";
let azurite: Azurite;

beforeAll(async () => {
  azurite = await startAzurite();
}, 60_000);

afterAll(async () => {
  await azurite?.close();
});

/** The settings a CI job would export; the lease is 15 s (Azure's shortest) so expiry tests wait little. */
function lockEnv(container: string): Record<string, string> {
  return {
    CSPCTL_LOCK: "azure-blob",
    CSPCTL_LOCK_AZURE_CONTAINER: container,
    CSPCTL_LOCK_AZURE_CONNECTION_STRING: azurite.connectionString,
    CSPCTL_LOCK_LEASE_SECONDS: "15",
  };
}

async function acquire(container: string, customers: string[], timeoutMs = 0) {
  const { backend } = await resolveLock({}, { stateDir: "unused", env: lockEnv(container) });
  return acquireEstateLock({
    backend,
    partnerTenant: TENANT,
    customers,
    operation: "apply",
    runId: "test-run",
    timeoutMs,
  });
}

describe("azure-blob lock (Azurite)", { timeout: 120_000 }, () => {
  it("a second run is refused while the first holds a customer, naming the holder from the blob's metadata; free once released", async () => {
    const { name, client } = await azurite.createContainer();
    const first = await acquire(name, ["contoso.com", "fabrikam.com"]);
    const error = await acquire(name, ["contoso.com"]).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "lock.held" });
    for (const part of [
      first.info.host,
      `pid ${process.pid}`,
      "run test-run",
      first.info.created,
      "contoso.com, fabrikam.com",
      `lock id ${first.info.id}`,
    ])
      expect((error as Error).message).toContain(part);
    expect(JSON.stringify(error) + (error as Error).message + (error as { hint: string }).hint).not.toContain(
      azurite.accountKey,
    );
    // another customer is another blob: not blocked
    const other = await acquire(name, ["northwind.com"]);
    await other.release();
    await first.release();
    const second = await acquire(name, ["contoso.com"]);
    await second.release();
    // released: no lease, no holder left in the metadata
    for await (const blob of client.listBlobsFlat({ includeMetadata: true })) {
      expect(blob.properties.leaseState).toBe("available");
      expect(blob.metadata ?? {}).toEqual({});
    }
  });

  it("a holder killed with -9 keeps the customer locked until its lease expires; a run waiting with a timeout then gets it", async () => {
    const { name } = await azurite.createContainer();
    const holder = await startLockHolder(lockEnv(name), TENANT, ["contoso.com"]);
    holder.child.kill("SIGKILL");
    expect((await holder.exited).signal).toBe("SIGKILL");
    await expect(acquire(name, ["contoso.com"])).rejects.toMatchObject({
      code: "lock.held",
      message: expect.stringContaining(`pid ${holder.child.pid}`),
    });
    const next = await acquire(name, ["contoso.com"], 60_000);
    expect(next.info.pid).toBe(process.pid);
    await next.release();
  });

  it("SIGINT releases the lease before the process ends", async () => {
    const { name } = await azurite.createContainer();
    const holder = await startLockHolder(lockEnv(name), TENANT, ["contoso.com"]);
    holder.child.kill("SIGINT");
    expect((await holder.exited).signal).toBe("SIGINT");
    const next = await acquire(name, ["contoso.com"]);
    await next.release();
  });

  it("cspctl force-unlock ID breaks a live holder's leases; the holder finds its lock lost; the credential is never printed", async () => {
    const { name } = await azurite.createContainer();
    const holder = await startLockHolder(lockEnv(name), TENANT, ["contoso.com", "fabrikam.com"]);
    try {
      const env = lockEnv(name);
      const unknown = await runCli(["force-unlock", "00000000-0000-4000-8000-000000000000"], { env });
      expect(unknown.status).toBe(1);
      expect(unknown.stderr).toContain("lock.not_found");
      expect(unknown.stderr).toContain(`${azurite.blobEndpoint}/${name}`);
      const forced = await runCli(["force-unlock", holder.info.id, "--json"], { env });
      expect(forced.status).toBe(0);
      expect((JSON.parse(forced.stdout) as { released: string[] }).released.sort()).toEqual([
        "contoso.com",
        "fabrikam.com",
      ]);
      for (const output of [unknown.stdout, unknown.stderr, forced.stdout, forced.stderr])
        expect(output).not.toContain(azurite.accountKey);
      const next = await acquire(name, ["contoso.com", "fabrikam.com"]);
      expect(await holder.lost).toBe("lock.lost");
      await next.release();
    } finally {
      holder.child.kill("SIGKILL");
    }
  });

  it("a missing container is lock.backend_failed with a hint to create it", async () => {
    await expect(acquire("nosuchcontainer", ["contoso.com"])).rejects.toMatchObject({
      code: "lock.backend_failed",
      hint: expect.stringContaining("create the container"),
    });
  });
});
