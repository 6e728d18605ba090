// `cspctl apply <paths...> | --plan FILE`: make Partner Center match the estate. Parses flags, calls
// reconcile() (which plans, checks, locks, re-checks and applies) and renders what it returns.
import { createInterface } from "node:readline/promises";
import type { Command } from "commander";
import { CspctlError } from "../../core/errors.js";
import { ApplyError, applyFailed } from "../../reconciler/apply/apply-report.js";
import { fileCredentialSink } from "../../reconciler/apply/credentials.js";
import { resolveLock } from "../../reconciler/lock/lock-config.js";
import { selectCustomers } from "../../reconciler/plan-estate.js";
import { reconcile } from "../../reconciler/reconcile.js";
import { renderPlan } from "../../reconciler/render/plan/plan-renderer.js";
import { connect, stateDirFor, type Connection } from "../connection.js";
import { join } from "node:path";
import { estateDigest, loadValidEstate } from "../estate-input.js";
import { applyExitCode, ExitCode, exitCodeHelp } from "../exit-codes.js";
import {
  addConnectionOptions,
  addLockOptions,
  addSelectionOptions,
  toLockSettings,
  toSelection,
  wantsJson,
  type ConnectionFlags,
  type LockFlags,
  type SelectionFlags,
} from "../options.js";
import { withFlags } from "../flags.js";
import { createProgress } from "../progress.js";
import { readSavedPlan, unmaskSavedPlan } from "../saved-plan.js";
import { masked } from "../output-mask.js";
import { type SnapshotFlags, snapshotUse } from "../snapshot-use.js";
import { renderApplyReport, renderConvergence } from "../../reconciler/render/apply/apply-report.js";
import { renderErrorHuman, renderErrorJson } from "../../reconciler/render/error-view.js";
import { toErrorView } from "../errors.js";
import { colorOnStdout } from "../color.js";

interface ApplyFlags extends SelectionFlags, ConnectionFlags, LockFlags, SnapshotFlags {
  plan?: string;
  yes?: boolean;
  allowDestructive?: boolean;
  concurrency: number;
  credentialsOut?: string;
  json?: boolean;
  allowUnknown?: boolean;
  approveSpend?: number;
}

export function register(program: Command): void {
  const command = program
    .command("apply")
    .description(
      "Change Partner Center to match the estate (or run a saved plan), holding the lock of every customer it writes.",
    )
    .argument("[paths...]", "estate files or folders (omit with --plan)")
    .addHelpText("after", exitCodeHelp("apply"));
  withFlags(command, [
    "plan",
    "yes",
    "allowDestructive",
    "approveSpend",
    "concurrency",
    "credentialsOut",
    "json",
    "allowUnknown",
    "full",
    "maxSnapshotAge",
  ]);
  addSelectionOptions(command);
  addConnectionOptions(command);
  addLockOptions(command);
  command.action(async (paths: string[], flags: ApplyFlags) => {
    const json = wantsJson(program);
    let connection: Connection | undefined;
    let sink: ReturnType<typeof fileCredentialSink> | undefined;
    const progress = createProgress();
    try {
      const saved = flags.plan ? readSavedPlan(flags.plan) : undefined;
      if (!saved && paths.length === 0)
        throw new CspctlError({
          code: "cli.usage",
          message: "name the estate to apply, or a saved plan with --plan FILE",
          hint: "cspctl apply examples/estate",
        });
      const lock = await resolveLock(toLockSettings(flags), { stateDir: stateDirFor(flags) });
      sink = flags.credentialsOut ? fileCredentialSink(flags.credentialsOut) : undefined;
      const estate = await loadValidEstate(saved ? saved.estate.paths : paths);
      if (saved && estateDigest(estate) !== saved.estate.digest) {
        throw new CspctlError({
          code: "plan.estate_changed",
          message: `the estate at ${saved.estate.paths.join(", ")} changed since the plan was saved`,
          hint: "run cspctl plan again and review the new plan",
        });
      }
      if (!saved) selectCustomers(estate, toSelection(flags)); // a selection that matches nothing fails here, before connecting
      connection = await connect({
        emulator: flags.emulator,
        emulatorDir: flags.emulatorDir,
        logLevel: flags.logLevel,
        ...(flags.shard ? { shard: flags.shard } : {}),
      });
      let done = 0;
      let total = 0;
      const { plan, report, wrote } = await reconcile({
        client: connection.client,
        estate,
        ...(saved
          ? {
              selection: saved.selection,
              all: saved.selection.all === true,
              planned: { kind: "saved" as const, plan: unmaskSavedPlan(saved, flags.plan!, estate.sensitive) },
            }
          : { selection: toSelection(flags), all: flags.all === true }),
        now: connection.now,
        invitationLog: invitationLogPath(connection),
        consentLog: join(connection.stateDir, "consents.json"),
        priceCacheDir: priceCachePath(connection),
        snapshot: snapshotUse(connection, flags),
        credentials: sink,
        lock,
        allowUnknown: flags.allowUnknown === true,
        allowDestructive: flags.allowDestructive === true,
        ...(flags.approveSpend === undefined ? {} : { approveSpend: flags.approveSpend }),
        concurrency: flags.concurrency,
        onCustomerRead: (name, read, count) => progress.update(`read ${read}/${count} customers (${name})`),
        onPlan: (made) => {
          progress.done();
          total = made.steps.length;
          if (!json) process.stdout.write(renderPlan(masked(made), { color: colorOnStdout() }));
        },
        // An answer may come minutes later: reconcile checks the confirmed plan against Partner Center again before the first write.
        ...(flags.yes ? {} : { confirm: () => confirm() }),
        onLocked: (held) =>
          progress.log(
            `locked ${held.info.customers.length} customer(s) (${lock.backend.name}, lock id ${held.info.id})`,
          ),
        onStep: (o) => progress.log(`${++done}/${total} ${o.outcome} ${o.action} ${o.address}`),
      });
      progress.done();
      if (!wrote) {
        process.stdout.write(
          json
            ? `${JSON.stringify(masked({ ...report, findings: plan.findings }), null, 2)}\n`
            : renderConvergence(masked(report)),
        );
        process.exitCode = applyExitCode(report.convergence);
        return;
      }
      process.stdout.write(json ? `${JSON.stringify(masked(report), null, 2)}\n` : renderApplyReport(masked(report)));
      if (applyFailed(report)) throw new ApplyError(report);
      process.exitCode = applyExitCode(report.convergence);
    } catch (error) {
      progress.done();
      const view = toErrorView(error);
      if (json && !(error instanceof ApplyError)) process.stdout.write(renderErrorJson(view));
      else if (!json) process.stderr.write(renderErrorHuman(view));
      process.exitCode = ExitCode.error;
    } finally {
      sink?.close();
      await connection?.close();
    }
  });
}

export function invitationLogPath(connection: Connection): string {
  return join(connection.stateDir, "invitations.json");
}

async function confirm(): Promise<void> {
  if (!process.stdin.isTTY) {
    throw new CspctlError({
      code: "cli.confirmation_required",
      message: "apply needs confirmation, and there is no terminal to ask",
      hint: "review the plan, then run again with --yes",
    });
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await rl.question("Apply these changes to Partner Center? Only 'yes' is accepted: ");
  rl.close();
  if (answer.trim() !== "yes")
    throw new CspctlError({
      code: "cli.cancelled",
      message: "apply cancelled; nothing was changed",
      hint: "run again and answer yes, or pass --yes",
    });
}

/** Where price sheets are cached, one file per market and month (docs/money.md). */
export function priceCachePath(connection: Pick<Connection, "stateDir">): string {
  return join(connection.stateDir, "price-sheets");
}
