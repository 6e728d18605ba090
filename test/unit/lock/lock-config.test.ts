// resolveLock and parseDuration: flags and CSPCTL_LOCK_* variables to a backend and a timeout; every
// bad setting a clear lock.* error, and a credential never in a message.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDuration, resolveLock } from "../../../reconciler/lock/lock-config.js";

const stateDir = mkdtempSync(join(tmpdir(), "cspctl-lock-config-"));
const SECRET_KEY = "c2VjcmV0LWtleS1uZXZlci1wcmludGVk";

describe("parseDuration", () => {
  it.each([
    ["0", 0],
    ["30s", 30_000],
    ["5m", 300_000],
    ["1h", 3_600_000],
    ["1m30s", 90_000],
    ["250ms", 250],
  ])("%s is %d ms", (text, ms) => {
    expect(parseDuration(text, "--lock-timeout")).toBe(ms);
  });

  it.each(["", "5", "-1s", "5 minutes", "1d", "s"])("refuses %j with lock.config_invalid and an example", (text) => {
    expect(() => parseDuration(text, "--lock-timeout")).toThrow(
      expect.objectContaining({ code: "lock.config_invalid", hint: expect.stringContaining("5m") }),
    );
  });
});

describe("resolveLock", () => {
  it("defaults to the local lock with no wait", async () => {
    const lock = await resolveLock({}, { stateDir, env: {} });
    expect(lock.backend.name).toBe("local");
    expect(lock.timeoutMs).toBe(0);
    expect(lock.backend.describe()).toContain(join(stateDir, "locks"));
  });

  it("flags win over variables", async () => {
    const lock = await resolveLock(
      { lock: "none", lockTimeout: "2m" },
      { stateDir, env: { CSPCTL_LOCK: "azure-blob", CSPCTL_LOCK_TIMEOUT: "5s" } },
    );
    expect(lock.backend.name).toBe("none");
    expect(lock.timeoutMs).toBe(120_000);
  });

  it("refuses an unknown kind, naming the three", async () => {
    await expect(resolveLock({ lock: "redis" }, { stateDir, env: {} })).rejects.toMatchObject({
      code: "lock.config_invalid",
      message: expect.stringContaining("local, azure-blob, none"),
    });
  });

  it("azure-blob: a missing container, credential or URL is lock.config_missing naming the setting", async () => {
    await expect(resolveLock({ lock: "azure-blob" }, { stateDir, env: {} })).rejects.toMatchObject({
      code: "lock.config_missing",
      hint: expect.stringContaining("--lock-azure-container"),
    });
    await expect(
      resolveLock({ lock: "azure-blob", azureContainer: "locks" }, { stateDir, env: {} }),
    ).rejects.toMatchObject({
      code: "lock.config_missing",
      hint: expect.stringContaining("CSPCTL_LOCK_AZURE_CONNECTION_STRING"),
    });
    await expect(
      resolveLock(
        { lock: "azure-blob", azureContainer: "locks" },
        { stateDir, env: { CSPCTL_LOCK_AZURE_SAS: "sv=2024&sig=abc" } },
      ),
    ).rejects.toMatchObject({ code: "lock.config_missing", hint: expect.stringContaining("--lock-azure-url") });
  });

  it("azure-blob: a malformed connection string is refused without showing it", async () => {
    const error = await resolveLock(
      { lock: "azure-blob", azureContainer: "locks" },
      { stateDir, env: { CSPCTL_LOCK_AZURE_CONNECTION_STRING: `nonsense;AccountKey=${SECRET_KEY}` } },
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "lock.config_invalid" });
    expect(JSON.stringify({ m: (error as Error).message, h: (error as { hint: string }).hint })).not.toContain(
      SECRET_KEY,
    );
  });

  it("azure-blob: a SAS token in the URL is refused (it belongs in CSPCTL_LOCK_AZURE_SAS), without showing it", async () => {
    const error = await resolveLock(
      {
        lock: "azure-blob",
        azureContainer: "locks",
        azureUrl: `https://acct.blob.core.windows.net/?sig=${SECRET_KEY}`,
      },
      { stateDir, env: { CSPCTL_LOCK_AZURE_SAS: "sv=1" } },
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "lock.config_invalid",
      hint: expect.stringContaining("CSPCTL_LOCK_AZURE_SAS"),
    });
    expect((error as Error).message).not.toContain(SECRET_KEY);
  });

  it("azure-blob: the lease must be 15 to 60 seconds", async () => {
    await expect(
      resolveLock(
        { lock: "azure-blob", azureContainer: "locks", azureUrl: "https://acct.blob.core.windows.net" },
        { stateDir, env: { CSPCTL_LOCK_AZURE_SAS: "sv=1", CSPCTL_LOCK_LEASE_SECONDS: "90" } },
      ),
    ).rejects.toMatchObject({ code: "lock.config_invalid" });
  });

  it("azure-blob: describes where the locks are without the credential", async () => {
    const lock = await resolveLock(
      { lock: "azure-blob", azureContainer: "locks", azureUrl: "https://acct.blob.core.windows.net" },
      { stateDir, env: { CSPCTL_LOCK_AZURE_SAS: `sv=1&sig=${SECRET_KEY}` } },
    );
    expect(lock.backend.describe()).toBe("lock: azure-blob, in https://acct.blob.core.windows.net/locks");
  });
});
