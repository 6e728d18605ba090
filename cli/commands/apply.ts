// `cspctl apply <paths...> | --plan FILE`: make Partner Center match the estate.
import { createInterface } from "node:readline/promises";
import type { Command } from "commander";
import { CspctlError } from "../../core/errors.js";
import { applyPlan, type ApplyOptions } from "../../reconciler/apply/apply-plan.js";
import { recheckPlan } from "../../reconciler/apply/recheck.js";
import { ApplyError, applyFailed, type ApplyReport } from "../../reconciler/apply/apply-report.js";
import { fileCredentialSink } from "../../reconciler/apply/credentials.js";
import { planEstate, selectCustomers, type CustomerSelection } from "../../reconciler/plan-estate.js";
import { hasChanges, type Plan } from "../../reconciler/plan/plan.js";
import { renderPlan } from "../../reconciler/render/plan-renderer.js";
import { connect, type Connection } from "../connection.js";
import { join } from "node:path";
import { readInvitationLog, recordInvitation } from "../../reconciler/apply/invitation-log.js";
import type { DesiredEstate } from "../../reconciler/model/desired-estate.js";
import { estateDigest, loadValidEstate } from "../estate-input.js";
import { ExitCode } from "../exit-codes.js";
import { addConnectionOptions, addSelectionOptions, toSelection, wantsJson, type ConnectionFlags, type SelectionFlags } from "../options.js";
import { createProgress } from "../progress.js";
import { readSavedPlan } from "../saved-plan.js";
import { renderApplyReport } from "../views/apply-report.js";
import { renderErrorHuman, renderErrorJson, toErrorView } from "../views/errors.js";

interface ApplyFlags extends SelectionFlags, ConnectionFlags {
  plan?: string;
  yes?: boolean;
  allowDestructive?: boolean;
  concurrency?: string;
  credentialsOut?: string;
  json?: boolean;
  allowUnknown?: boolean;
}

export function register(program: Command): void {
  const command = program
    .command("apply")
    .description("Change Partner Center to match the estate (or run a saved plan).")
    .argument("[paths...]", "estate files or folders (omit with --plan)")
    .option("--plan <file>", "apply a plan saved by `cspctl plan --out`; refused if Partner Center changed since")
    .option("--yes", "do not ask for confirmation")
    .option("--allow-destructive", "run suspend, cancel, unassign and disable-user steps of protected customers")
    .option("--concurrency <n>", "customers applied at the same time", "4")
    .option("--credentials-out <file>", "write generated passwords and new admin credentials here (created 0600); never printed")
    .option("--json", "print the apply report as JSON")
    .option("--allow-unknown", "apply even when part of Partner Center could not be read (those parts are never written)");
  addSelectionOptions(command);
  addConnectionOptions(command);
  command.action(async (paths: string[], flags: ApplyFlags) => {
    const json = wantsJson(program);
    let connection: Awaited<ReturnType<typeof connect>> | undefined;
    let sink: ReturnType<typeof fileCredentialSink> | undefined;
    try {
      sink = flags.credentialsOut ? fileCredentialSink(flags.credentialsOut) : undefined;
      const concurrency = Number.parseInt(flags.concurrency ?? "4", 10);
      if (!Number.isInteger(concurrency) || concurrency < 1) throw new CspctlError({ code: "cli.usage", message: `--concurrency ${flags.concurrency}: expected a positive integer`, hint: "for example --concurrency 4" });
      const saved = flags.plan ? readSavedPlan(flags.plan) : undefined;
      if (!saved && paths.length === 0) throw new CspctlError({ code: "cli.usage", message: "name the estate to apply, or a saved plan with --plan FILE", hint: "cspctl apply examples/estate" });
      const estate = await loadValidEstate(saved ? saved.estate.paths : paths);
      if (saved && estateDigest(estate) !== saved.estate.digest) {
        throw new CspctlError({ code: "plan.estate_changed", message: `the estate at ${saved.estate.paths.join(", ")} changed since the plan was saved`, hint: "run cspctl plan again and review the new plan" });
      }
      connection = await connect({ emulator: flags.emulator, logLevel: flags.logLevel, ...(flags.shard ? { shard: flags.shard } : {}) });
      const client = connection.client;
      const progress = createProgress();
      let plan: Plan;
      let recheck: Pick<ApplyOptions, "reread" | "replan"> = {};
      const invitationLog = invitationLogPath(connection);
      const invitations = readInvitationLog(invitationLog);
      // Only what the plan changes is read again: the rest is neither in its fingerprint nor written.
      const recheckFor = (checked: Plan, selection: CustomerSelection, all: boolean): typeof recheck =>
        recheckPlan(checked, { client, customers: selectCustomers(estate, selection), declaredElsewhere: estate.customers, now: connection!.now, all, invitations });
      if (saved) {
        plan = saved.plan;
        recheck = recheckFor(plan, saved.selection, saved.selection.all === true);
      } else {
        const selection = toSelection(flags);
        plan = (await planEstate(client, estate, { selection, all: flags.all === true, now: connection.now, invitations, onCustomerRead: (name, done, total) => progress.update(`read ${done}/${total} customers (${name})`) })).plan;
        progress.done();
        // An answer may come minutes later: what was confirmed is checked against Partner Center again before the first write.
        if (!flags.yes && hasChanges(plan)) recheck = recheckFor(plan, selection, flags.all === true);
      }
      if (!json) process.stdout.write(renderPlan(plan, { color: process.stdout.isTTY === true && !process.env.NO_COLOR }));
      if (!flags.allowUnknown) refuseUnknown(plan);
      if (!hasChanges(plan) && !saved) {
        if (json) process.stdout.write(JSON.stringify({ fingerprint: plan.fingerprint, outcomes: [], summary: { applied: 0, failed: 0, skipped: 0, "not-started": 0 }, credentials: { saved: 0, notSaved: [] }, findings: plan.findings }, null, 2) + "\n");
        process.exitCode = ExitCode.success;
        return;
      }
      if (!sink && generatesSecrets(plan)) {
        throw new CspctlError({
          code: "apply.credentials_out_required",
          message: `the plan creates ${generatesSecrets(plan)} account(s) with a generated password or new admin credentials, and there is nowhere safe to put them`,
          hint: "pass --credentials-out FILE (created 0600); the secrets are written only there, never to the terminal or logs",
        });
      }
      if (!flags.yes) await confirm();
      let done = 0;
      const total = plan.steps.length;
      const report: ApplyReport = await applyPlan(plan, {
        client, estate, concurrency, allowDestructive: flags.allowDestructive === true, ...(sink ? { credentials: sink } : {}), ...recheck,
        onStep: (o) => {
          if (o.action === "send-invitation" && o.outcome === "applied" && typeof o.detail?.invitationUrl === "string") rememberInvitation(invitationLog, estate, o.customer, o.detail.invitationUrl);
          progress.log(`${++done}/${total} ${o.outcome} ${o.action} ${o.address}`);
        },
      });
      progress.done();
      process.stdout.write(json ? JSON.stringify(report, null, 2) + "\n" : renderApplyReport(report));
      if (applyFailed(report)) throw new ApplyError(report);
      process.exitCode = ExitCode.success;
    } catch (error) {
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

function rememberInvitation(path: string, estate: DesiredEstate, customer: string, url: string): void {
  const desired = estate.customers.find((c) => c.name === customer);
  if (desired === undefined) return;
  recordInvitation(path, { customer, domain: desired.company.domain, tenantId: desired.tenant.id ?? null, url, sentAt: new Date().toISOString() });
}

/** Steps that create a secret: users with a generated password, and new tenants (their first admin). */
function generatesSecrets(plan: Plan): number {
  return plan.steps.filter((s) => s.status === "ready" && (s.action === "create-customer" || (s.action === "create-user" && s.after?.password === "(generated)"))).length;
}

/** Part of Partner Center could not be read: refuse, so that "nothing to do" is never claimed over an unread state. */
export function refuseUnknown(plan: Plan): void {
  const unknown = plan.findings.filter((f) => f.kind === "unknown");
  if (unknown.length === 0) return;
  throw new CspctlError({
    code: "plan.unknown_state",
    message: `${unknown.length} part(s) of the estate could not be read from Partner Center (first: ${unknown[0]!.address}: ${unknown[0]!.message})`,
    hint: "fix the cause (credentials, network, permissions) and run again; --allow-unknown goes on without them (they are never written)",
  });
}

async function confirm(): Promise<void> {
  if (!process.stdin.isTTY) {
    throw new CspctlError({ code: "cli.confirmation_required", message: "apply needs confirmation, and there is no terminal to ask", hint: "review the plan, then run again with --yes" });
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await rl.question("Apply these changes to Partner Center? Only 'yes' is accepted: ");
  rl.close();
  if (answer.trim() !== "yes") throw new CspctlError({ code: "cli.cancelled", message: "apply cancelled; nothing was changed", hint: "run again and answer yes, or pass --yes" });
}
