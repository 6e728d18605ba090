// `cspctl plan <paths...>`: read Partner Center, compare with the estate, print what apply would do.
import type { Command } from "commander";
import { planEstate, selectCustomers } from "../../reconciler/plan-estate.js";
import { hasChanges } from "../../reconciler/plan/plan.js";
import { renderPlan } from "../../reconciler/render/plan/plan-renderer.js";
import { connect } from "../connection.js";
import { invitationLogPath, priceCachePath } from "./apply.js";
import { refuseUnknown } from "../../reconciler/reconcile.js";
import { readInvitationLog } from "../../reconciler/apply/invitation-log.js";
import { estateDigest, loadValidEstate } from "../estate-input.js";
import { ExitCode, exitCodeHelp } from "../exit-codes.js";
import {
  addConnectionOptions,
  onlyOne,
  addSelectionOptions,
  toSelection,
  wantsJson,
  type ConnectionFlags,
  type SelectionFlags,
} from "../options.js";
import { withFlags } from "../flags.js";
import { applySpendApproval } from "../../reconciler/money/approval.js";
import { createProgress } from "../progress.js";
import { FINGERPRINT_COVERS, writeSavedPlan } from "../saved-plan.js";
import { reportCommandError } from "../errors.js";
import { masked } from "../output-mask.js";
import { type SnapshotFlags, snapshotUse } from "../snapshot-use.js";
import { colorOnStdout } from "../color.js";

interface PlanFlags extends SelectionFlags, ConnectionFlags, SnapshotFlags {
  out?: string[];
  json?: boolean;
  detailedExitcode?: boolean;
  allowUnknown?: boolean;
  approveSpend?: number;
}

export function register(program: Command): void {
  const command = program
    .command("plan")
    .description("Show what apply would change in Partner Center to match the estate.")
    .argument("<paths...>", "estate files or folders")
    .addHelpText("after", exitCodeHelp("plan"));
  withFlags(command, ["out", "json", "detailedExitcode", "approveSpend", "allowUnknown", "full", "maxSnapshotAge"]);
  addSelectionOptions(command);
  addConnectionOptions(command);
  command.action(async (paths: string[], flags: PlanFlags) => {
    const json = wantsJson(program);
    let connection: Awaited<ReturnType<typeof connect>> | undefined;
    try {
      const out = onlyOne(flags.out, "--out");
      const estate = await loadValidEstate(paths);
      const selection = toSelection(flags);
      selectCustomers(estate, selection); // a selection that matches nothing fails here, before connecting
      connection = await connect({
        emulator: flags.emulator,
        emulatorDir: flags.emulatorDir,
        logLevel: flags.logLevel,
        ...(flags.shard ? { shard: flags.shard } : {}),
      });
      const progress = createProgress();
      const { plan } = await planEstate(connection.client, estate, {
        selection,
        all: flags.all === true,
        now: connection.now,
        invitations: readInvitationLog(invitationLogPath(connection)),
        priceCacheDir: priceCachePath(connection),
        snapshot: snapshotUse(connection, flags),
        onCustomerRead: (name, done, total) => progress.update(`read ${done}/${total} customers (${name})`),
      });
      progress.done();
      applySpendApproval(plan, flags.approveSpend); // recorded in the saved plan: apply --plan needs no flag
      if (out)
        writeSavedPlan(
          out,
          {
            kind: "cspctl-plan",
            formatVersion: plan.formatVersion,
            fingerprintCovers: FINGERPRINT_COVERS,
            estate: { paths, digest: estateDigest(estate) },
            selection: { ...selection, all: flags.all === true },
            plan,
          },
          estate.sensitive,
        );
      const shown = masked(plan);
      process.stdout.write(
        json ? `${JSON.stringify(shown, null, 2)}\n` : renderPlan(shown, { color: colorOnStdout() }),
      );
      if (!flags.allowUnknown) refuseUnknown(plan);
      process.exitCode = flags.detailedExitcode && hasChanges(plan) ? ExitCode.changes : ExitCode.success;
    } catch (error) {
      reportCommandError(error, json);
    } finally {
      await connection?.close();
    }
  });
}
