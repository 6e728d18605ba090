// `cspctl drift <paths...>`: what changed in Partner Center behind Git's back, in one or more formats.
// Exit 0 no drift, 2 drift, 1 error or anything unknown (unless --allow-unknown).
import { existsSync } from "node:fs";
import { ensurePrivateDir, writePrivateFile } from "../../core/private-files.js";
import { masked } from "../output-mask.js";
import { type SnapshotFlags, snapshotUse } from "../snapshot-use.js";
import { dirname } from "node:path";
import type { Command } from "commander";
import { DEFAULT_HORIZON_DAYS } from "../../reconciler/drift/compute-drift.js";
import { readInvitationLog } from "../../reconciler/apply/invitation-log.js";
import { driftEstate } from "../../reconciler/drift/drift-estate.js";
import { selectCustomers } from "../../reconciler/plan-estate.js";
import type { DriftReport } from "../../reconciler/drift/drift-report.js";
import { renderDriftReport } from "../../reconciler/render/drift/render-report.js";
import { connect } from "../connection.js";
import { invitationLogPath, priceCachePath } from "./apply.js";
import { parseFailOn, parseHorizon, parseOutputs } from "../drift-outputs.js";
import { loadValidEstate } from "../estate-input.js";
import { ExitCode, exitCodeHelp } from "../exit-codes.js";
import {
  addConnectionOptions,
  addSelectionOptions,
  toSelection,
  wantsJson,
  type ConnectionFlags,
  type SelectionFlags,
} from "../options.js";
import { withFlags } from "../flags.js";
import { createProgress } from "../progress.js";
import { reportCommandError } from "../errors.js";
import { colorOnStdout } from "../color.js";

interface DriftFlags extends SelectionFlags, ConnectionFlags, SnapshotFlags {
  format?: string[];
  out?: string[];
  horizon?: string;
  gdapExpiryDays?: number;
  allowUnknown?: boolean;
  failOn?: string[];
  json?: boolean;
}

export function register(program: Command): void {
  const command = program
    .command("drift")
    .description(
      "Report what differs between the estate and Partner Center (exit 0 none, 2 drift, 1 error or unknown).",
    )
    .argument("<paths...>", "estate files or folders")
    .addHelpText("after", exitCodeHelp("drift"));
  withFlags(command, [
    "format",
    "out",
    "horizon",
    "gdapExpiryDays",
    "failOn",
    "allowUnknown",
    "json",
    "full",
    "maxSnapshotAge",
  ]);
  addSelectionOptions(command);
  addConnectionOptions(command);
  command.action(async (paths: string[], flags: DriftFlags) => {
    const json = wantsJson(program);
    let connection: Awaited<ReturnType<typeof connect>> | undefined;
    try {
      const outputs = parseOutputs(flags.format, flags.out, flags.json === true);
      const horizonDays = parseHorizon(flags.horizon, DEFAULT_HORIZON_DAYS);
      const failOn = parseFailOn(flags.failOn);
      const estate = await loadValidEstate(paths);
      const selection = toSelection(flags);
      selectCustomers(estate, selection); // a selection that matches nothing fails here, before connecting
      connection = await connect(flags);
      const progress = createProgress();
      const report = await driftEstate(connection.client, estate, {
        selection,
        all: flags.all === true,
        now: connection.now,
        invitations: readInvitationLog(invitationLogPath(connection)),
        priceCacheDir: priceCachePath(connection),
        snapshot: snapshotUse(connection, flags),
        horizonDays,
        ...(flags.gdapExpiryDays === undefined ? {} : { gdapExpiryDays: flags.gdapExpiryDays }),
        ...(failOn ? { failOn } : {}),
        onCustomerRead: (name, done, total) => progress.update(`read ${done}/${total} customers (${name})`),
      });
      progress.done();
      for (const output of outputs) {
        const text = renderDriftReport(masked(report), output.format, {
          color: output.file === undefined && colorOnStdout(),
        });
        if (output.file === undefined) process.stdout.write(text);
        else {
          if (!existsSync(dirname(output.file))) ensurePrivateDir(dirname(output.file));
          writePrivateFile(output.file, text);
        }
      }
      process.exitCode = exitCodeOf(report, flags.allowUnknown === true);
    } catch (error) {
      reportCommandError(error, json);
    } finally {
      await connection?.close();
    }
  });
}

export function exitCodeOf(report: DriftReport, allowUnknown: boolean): number {
  if (report.summary.unknown > 0 && !allowUnknown) return ExitCode.error;
  return report.summary.drift ? ExitCode.changes : ExitCode.success;
}
