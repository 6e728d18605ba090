// `cspctl apply <paths...> | --plan FILE`: make Partner Center match the estate.
import { createInterface } from "node:readline/promises";
import type { Command } from "commander";
import { CspctlError } from "../../core/errors.js";
import { applyPlan } from "../../reconciler/apply/apply-plan.js";
import { ApplyError, type ApplyReport } from "../../reconciler/apply/apply-report.js";
import { fileCredentialSink } from "../../reconciler/apply/credentials.js";
import { planEstate, selectCustomers } from "../../reconciler/plan-estate.js";
import { readActual } from "../../reconciler/read/read-actual.js";
import { hasChanges, type Plan } from "../../reconciler/plan/plan.js";
import { renderPlan } from "../../reconciler/render/plan-renderer.js";
import { connect } from "../connection.js";
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
    .option("--json", "print the apply report as JSON");
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
      connection = await connect(flags);
      const client = connection.client;
      const progress = createProgress();
      let plan: Plan;
      let reread: (() => ReturnType<typeof readActual>) | undefined;
      if (saved) {
        plan = saved.plan;
        const customers = selectCustomers(estate, saved.selection);
        reread = () => readActual(client, customers, { all: saved.selection.all });
      } else {
        plan = (await planEstate(client, estate, { selection: toSelection(flags), all: flags.all === true, onCustomerRead: (name, done, total) => progress.update(`read ${done}/${total} customers (${name})`) })).plan;
        progress.done();
      }
      if (!json) process.stdout.write(renderPlan(plan, { color: process.stdout.isTTY === true && !process.env.NO_COLOR }));
      if (!hasChanges(plan) && !reread) {
        if (json) process.stdout.write(JSON.stringify({ fingerprint: plan.fingerprint, outcomes: [], summary: { applied: 0, failed: 0, skipped: 0, "not-started": 0 } }, null, 2) + "\n");
        process.exitCode = ExitCode.success;
        return;
      }
      if (!flags.yes) await confirm();
      let done = 0;
      const total = plan.steps.length;
      const report: ApplyReport = await applyPlan(plan, {
        client, estate, concurrency, allowDestructive: flags.allowDestructive === true, ...(sink ? { credentials: sink } : {}), ...(reread ? { reread } : {}),
        onStep: (o) => progress.update(`${++done}/${total} ${o.outcome} ${o.action} ${o.address}`),
      });
      progress.done();
      process.stdout.write(json ? JSON.stringify(report, null, 2) + "\n" : renderApplyReport(report));
      if (report.summary.failed > 0) throw new ApplyError(report);
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

async function confirm(): Promise<void> {
  if (!process.stdin.isTTY) {
    throw new CspctlError({ code: "cli.confirmation_required", message: "apply needs confirmation, and there is no terminal to ask", hint: "review the plan, then run again with --yes" });
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await rl.question("Apply these changes to Partner Center? Only 'yes' is accepted: ");
  rl.close();
  if (answer.trim() !== "yes") throw new CspctlError({ code: "cli.cancelled", message: "apply cancelled; nothing was changed", hint: "run again and answer yes, or pass --yes" });
}
