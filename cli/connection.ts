// Where plan/apply/drift connect: CSPCTL_* variables, or `--emulator [DIR]`, an in-process
// emulator whose state persists in DIR so that consecutive commands see the same Partner Center.
import { createClient, type CspClient } from "../client/index.js";

export const DEFAULT_EMULATOR_DIR = ".cspctl/emulator";

/** The embedded emulator has no rate limit unless one is injected, so the client need not pace itself to Partner Center's. */
export const EMULATOR_THROTTLE = { requestsPerSecond: 1000, burst: 1000, maxConcurrency: 16 };

export interface Connection {
  client: CspClient;
  /** Set when an in-process emulator serves this run. */
  emulator?: { origin: string; controlUrl: string; adminKey: string };
  close(): Promise<void>;
}

export async function connect(options: { emulator?: string | boolean; logLevel?: string }): Promise<Connection> {
  if (options.emulator === undefined || options.emulator === false) {
    const client = createClient({ env: process.env });
    return { client, close: () => client.close() };
  }
  const { startEmulator } = await import("../emulator/index.js");
  const dataDir = typeof options.emulator === "string" ? options.emulator : DEFAULT_EMULATOR_DIR;
  const emulator = await startEmulator({ dataDir, log: () => undefined, domainConfig: { provisioningDelaySeconds: 0 } });
  const client = createClient({ env: { ...emulator.env }, poll: { intervalMs: 100 }, throttle: EMULATOR_THROTTLE });
  return {
    client,
    emulator: { origin: emulator.origin, controlUrl: emulator.controlUrl, adminKey: emulator.adminKey },
    close: async () => {
      await client.close();
      await emulator.close();
    },
  };
}
