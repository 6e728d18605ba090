// `cspctl demo [paths...]` (what `npm start` runs): a narrated run of the main job on an
// in-process emulator — validate, plan, apply, plan again, an out-of-band change, drift in the
// plan, and the NCE window closing on a decrease.
import type { Command } from "commander";
import { createClient } from "../../client/index.js";
import { startEmulator } from "../../emulator/index.js";
import { applyPlan } from "../../reconciler/apply/apply-plan.js";
import { planEstate } from "../../reconciler/plan-estate.js";
import { renderPlan } from "../../reconciler/render/plan-renderer.js";
import { advanceEmulatorClock } from "../demo/control.js";
import { EMULATOR_THROTTLE } from "../connection.js";
import { loadValidEstate } from "../estate-input.js";
import { ExitCode } from "../exit-codes.js";
import { renderApplyReport } from "../views/apply-report.js";
import { renderErrorHuman, toErrorView } from "../views/errors.js";

export function register(program: Command): void {
  program
    .command("demo")
    .description("A narrated walk through validate → plan → apply → drift on the embedded emulator (what npm start runs).")
    .argument("[paths...]", "estate files or folders", ["examples/estate"])
    .action(async (paths: string[]) => {
      const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
      const say = (text: string): void => void process.stdout.write(color ? `\n\u001b[1m== ${text}\u001b[0m\n` : `\n== ${text}\n`);
      const print = (text: string): void => void process.stdout.write(text);
      const emulator = await startEmulator({ log: () => undefined, domainConfig: { provisioningDelaySeconds: 0 } });
      const client = createClient({ env: { ...emulator.env }, poll: { intervalMs: 50 }, throttle: EMULATOR_THROTTLE });
      try {
        say(`1. Validate ${paths.join(" ")}`);
        const estate = await loadValidEstate(paths);
        print(`valid: ${estate.customers.length} customers, ${estate.profiles.length} profiles, ${estate.files.length} files\n`);

        say(`2. Plan against the embedded emulator (${emulator.origin}): an empty Partner Center`);
        const first = await planEstate(client, estate);
        print(renderPlan(first.plan, { color }));

        say("3. Apply (destructive steps allowed for the demo)");
        const report = await applyPlan(first.plan, { client, estate, allowDestructive: true });
        print(renderApplyReport(report));

        say("4. Plan again: only what waits on a customer (invitations) or a rule (blocked) is left");
        print(renderPlan((await planEstate(client, estate)).plan, { color }));

        const ignored = (customer: string, address: string): boolean => {
          const name = address.split("/subscription:")[1];
          return estate.customers.find((c) => c.name === customer)?.policy.ignore.some((rule) => rule.path === `subscriptions[${name}].quantity`) ?? true;
        };
        const target = first.plan.steps.find((s) => s.action === "create-subscription" && s.status === "ready" && s.after?.trial === undefined && s.after?.state === "active" && !ignored(s.customer, s.address));
        const customer = target ? estate.customers.find((c) => c.name === target.customer) : undefined;
        const subscriptionId = target ? report.outcomes.find((o) => o.id === target.id)?.detail?.subscriptionId : undefined;
        if (target && customer && typeof subscriptionId === "string") {
          const quantity = Number(target.after?.quantity);
          say(`5. Out of band: a technician adds 3 seats to ${target.address} in the portal (${quantity} → ${quantity + 3})`);
          const actual = (await planEstate(client, estate)).actual.customers.find((c) => c.domain === customer.company.domain)!;
          await client.partnerCenter.subscriptions.update(actual.id, subscriptionId, { quantity: quantity + 3 });
          print("done, behind Git's back\n");

          say("6. Plan shows the drift; the decrease back is allowed: those seats are inside their 7-day window");
          print(renderPlan((await planEstate(client, estate, { selection: { names: [customer.name] } })).plan, { color }));

          say("7. Eight days later (the emulator's clock advanced by P8D) the window has closed");
          print(`emulator clock: ${await advanceEmulatorClock({ ...emulator }, "P8D")}\n`);
          print(renderPlan((await planEstate(client, estate, { selection: { names: [customer.name] } })).plan, { color }));
        }
        say("Done. Try it yourself: cspctl plan examples/estate --emulator, then cspctl apply examples/estate --emulator --yes");
        process.exitCode = ExitCode.success;
      } catch (error) {
        process.stderr.write(renderErrorHuman(toErrorView(error)));
        process.exitCode = ExitCode.error;
      } finally {
        await client.close();
        await emulator.close();
      }
    });
}
