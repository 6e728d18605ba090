// Shared setup for the client's integration tests: the real emulator over HTTPS, real MSAL, and a
// client built from the emulator's CSPCTL_* variables.
import { createClient, type CreateClientOptions, type CspClient } from "../../../client/index.js";
import { startEmulator, type TestEmulator } from "../../helpers/emulator.js";

/** Generous pacing: these tests are about correctness, not about waiting for the throttle. */
export const fastThrottle = { requestsPerSecond: 10_000, burst: 10_000, maxConcurrency: 32 };

export function clientFor(emulator: TestEmulator, options: CreateClientOptions = {}): CspClient {
  return createClient({
    env: { ...emulator.env },
    throttle: fastThrottle,
    poll: { intervalMs: 100, timeoutMs: 30_000 },
    ...options,
  });
}

/** True when the emulator answers this route (anything but its 501 "not emulated"). */
export async function emulates(
  emulator: TestEmulator,
  method: string,
  path: string,
  kind: "app" | "user" = "user",
): Promise<boolean> {
  const token = await emulator.token({ audience: "partner-center", kind });
  const result = await emulator.send(path, {
    method,
    token,
    ...(method === "GET" || method === "HEAD" ? {} : { body: {} }),
  });
  return result.status !== 501;
}

export async function startForClient(options: Parameters<typeof startEmulator>[0] = {}): Promise<TestEmulator> {
  return startEmulator(options);
}

export function partnerTenantId(emulator: TestEmulator): string {
  const tenantId = emulator.env.CSPCTL_TENANT_ID;
  if (tenantId === undefined) throw new Error("the emulator started without a seeded partner");
  return tenantId;
}

export async function drain<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}
