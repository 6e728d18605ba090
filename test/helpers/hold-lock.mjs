// A process that takes the estate lock and holds it until killed: the lock tests kill it with -9
// (the lock must expire), signal it (the lock must be released), or force-unlock it. Uses the built
// dist/ and the same settings as the CLI (CSPCTL_LOCK, CSPCTL_STATE_DIR, CSPCTL_LOCK_AZURE_*).
// Usage: node hold-lock.mjs PARTNER_TENANT CUSTOMER [CUSTOMER...]
import { acquireEstateLock, resolveLock } from "../../dist/reconciler/index.js";
import { releaseOnSignals } from "../../dist/reconciler/lock/release-on-signals.js";

const [partnerTenant, ...customers] = process.argv.slice(2);
const { backend } = await resolveLock({}, { stateDir: process.env.CSPCTL_STATE_DIR ?? ".cspctl" });
const lock = await acquireEstateLock({
  backend,
  partnerTenant,
  customers,
  operation: "apply",
  runId: "00000000-0000-4000-8000-000000000001",
  timeoutMs: 0,
});
releaseOnSignals(lock.release);
process.stdout.write(`${JSON.stringify({ locked: lock.info })}\n`);
setInterval(() => {
  const lost = lock.lost();
  if (lost) process.stdout.write(`${JSON.stringify({ lost: lost.code })}\n`);
}, 500);
