// `cspctl force-unlock ID`: break the locks a run left behind (Terraform's force-unlock). Only for a
// run that is certainly gone and whose lock has not expired yet: breaking a live run's lock lets a
// second apply write the same customers at the same time.
import type { Command } from "commander";
import { CspctlError } from "../../core/errors.js";
import { resolveLock } from "../../reconciler/lock/lock-config.js";
import { stateDirFor } from "../connection.js";
import { ExitCode } from "../exit-codes.js";
import { addLockOptions, toLockSettings, wantsJson, type LockFlags } from "../options.js";
import { reportCommandError } from "../errors.js";
import { withFlags } from "../flags.js";
import { printable } from "../../core/terminal-text.js";

interface ForceUnlockFlags extends LockFlags {
  emulator?: boolean;
  emulatorDir?: string;
}

export function register(program: Command): void {
  const command = program
    .command("force-unlock")
    .description(
      "Release the customer locks of the run with lock id ID (shown by the error of a run that found them held). Only when that run is dead.",
    )
    .argument("<id>", "the lock id, as printed in the lock.held error");
  withFlags(command, ["emulator", "emulatorDir", "json"]);
  addLockOptions(command, { timeout: false });
  command.action(async (id: string, flags: ForceUnlockFlags) => {
    const json = wantsJson(program);
    try {
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) {
        throw new CspctlError({
          code: "cli.usage",
          message: `force-unlock ${id}: a lock id is a GUID`,
          hint: "copy the lock id from the lock.held error (…lock id 6f1c…)",
        });
      }
      const { backend } = await resolveLock(toLockSettings(flags), { stateDir: stateDirFor(flags) });
      const released = await backend.forceUnlock(id.toLowerCase());
      if (released.length === 0) {
        throw new CspctlError({
          code: "lock.not_found",
          message: `no lock with id ${id} (${backend.describe()})`,
          hint: "it may have been released or expired already; check --lock and its settings name the same backend as the run that held it",
        });
      }
      process.stdout.write(
        json
          ? `${JSON.stringify({ id, released }, null, 2)}\n`
          : printable(`released lock ${id} of ${released.length} customer(s): ${released.join(", ")}\n`),
      );
      process.exitCode = ExitCode.success;
    } catch (error) {
      reportCommandError(error, json);
    }
  });
}
