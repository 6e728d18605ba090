// The emulator the bench measures against, in its own process so that the bench process's CPU and
// memory are cspctl's alone. Like `cspctl emulator`, but orders and domains provision at once and
// billing exports are ready without a Retry-After wait: the bench measures cspctl's calls, not the
// emulator's simulated delays. A folder given as the first argument is its --emulator-dir.
import { startEmulator } from "../../emulator/index.js";
import { CPU_PROFILE_VARIABLE, profileOnSignal } from "./cpu-profile.js";

const profileDir = process.env[CPU_PROFILE_VARIABLE];
if (profileDir !== undefined && profileDir !== "") profileOnSignal(profileDir);
const dataDir = process.argv[2];
const emulator = await startEmulator({
  port: 0,
  log: () => undefined,
  domainConfig: { provisioningDelaySeconds: 0, exportRetryAfterSeconds: 0 },
  ...(dataDir === undefined ? {} : { dataDir }),
});
process.stdout.write(
  `${JSON.stringify({ env: emulator.env, controlUrl: emulator.controlUrl, adminKey: emulator.adminKey })}\n`,
);
process.once("SIGTERM", () => void emulator.close().then(() => process.exit(0)));
