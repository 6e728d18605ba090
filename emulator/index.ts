// The emulator's public entry: `import { startEmulator } from "cspctl/emulator"`.
export { startEmulator, DEFAULT_DOMAIN_CONFIG } from "./server.js";
export type { EmulatorEnv, EmulatorOptions, RunningEmulator } from "./server.js";
export type { FaultConfig } from "./faults/fault-config.js";
export type { StatsReport } from "./pipeline/stats.js";
export type { DefaultCredentials } from "./control/default-seed.js";
