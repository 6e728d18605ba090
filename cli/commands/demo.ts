// `cspctl demo [paths...]` (what `npm start` runs): a narrated run of the main job on an
// in-process emulator — validate, plan, apply, invitations accepted, plan again (no changes), an
// out-of-band change, drift in the plan, and the NCE window closing on a decrease.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Command } from "commander";
import { createClient } from "../../client/index.js";
import { startEmulator } from "../../emulator/index.js";
import { fileCredentialSink } from "../../reconciler/apply/credentials.js";
import { readInvitationLog } from "../../reconciler/apply/invitation-log.js";
import { localLockBackend } from "../../reconciler/lock/local-lock.js";
import { planEstate, type CustomerSelection } from "../../reconciler/plan-estate.js";
import { reconcile } from "../../reconciler/reconcile.js";
import { renderPlan } from "../../reconciler/render/plan/plan-renderer.js";
import { acceptInvitation, advanceEmulatorClock, emulatorNow, seedEmulator } from "../demo/control.js";
import { demoLinkTenants } from "../demo/link-tenants.js";
import { EMULATOR_THROTTLE } from "../connection.js";
import { loadValidEstate } from "../estate-input.js";
import { ExitCode } from "../exit-codes.js";
import { renderApplyReport } from "../../reconciler/render/apply/apply-report.js";
import { renderErrorHuman } from "../../reconciler/render/error-view.js";
import { toErrorView } from "../errors.js";
import { paint } from "../../reconciler/render/ansi.js";
import { colorOnStdout } from "../color.js";

export function register(program: Command): void {
  program
    .command("demo")
    .description(
      "A narrated walk through validate → plan → apply → drift on the embedded emulator (what npm start runs).",
    )
    .argument("[paths...]", "estate files or folders", ["examples/estate"])
    .action(async (paths: string[]) => {
      const color = colorOnStdout();
      const say = (text: string): void => void process.stdout.write(`\n${paint(color, 1, `== ${text}`)}\n`);
      const print = (text: string): void => void process.stdout.write(text);
      const emulator = await startEmulator({ log: () => undefined, domainConfig: { provisioningDelaySeconds: 0 } });
      const client = createClient({ env: { ...emulator.env }, poll: { intervalMs: 50 }, throttle: EMULATOR_THROTTLE });
      const workDir = mkdtempSync(join(tmpdir(), "cspctl-demo-"));
      const credentialsFile = join(workDir, "credentials.jsonl");
      const invitationLog = join(workDir, "invitations.json");
      const sink = fileCredentialSink(credentialsFile);
      try {
        const now = () => emulatorNow(emulator);
        const plan = (selection?: CustomerSelection) =>
          planEstate(client, estate, {
            now,
            invitations: readInvitationLog(invitationLog),
            ...(selection ? { selection } : {}),
          });
        // The same path as `cspctl apply --yes`: plan, lock, re-check, apply.
        const apply = () =>
          reconcile({
            client,
            estate,
            now,
            invitationLog,
            credentials: sink,
            lock: { backend: localLockBackend({ stateDir: workDir }), timeoutMs: 0 },
            allowDestructive: true,
          });
        const printReport = (report: Awaited<ReturnType<typeof apply>>["report"]): void =>
          print(report ? renderApplyReport(report) : "nothing to apply\n");

        say(`1. Validate ${paths.join(" ")}`);
        const estate = await loadValidEstate(paths);
        print(
          `valid: ${estate.customers.length} customers, ${estate.profiles.length} profiles, ${estate.files.length} files\n`,
        );

        say(
          `2. Plan against the embedded emulator (${emulator.origin}): no customers yet; the link-mode customers' tenants exist but are nobody's customer`,
        );
        const links = demoLinkTenants();
        await seedEmulator(emulator, links);
        print(renderPlan((await plan()).plan, { color }));

        say(
          `3. Apply (destructive steps allowed for the demo; generated passwords go to ${credentialsFile}, mode 0600)`,
        );
        const { plan: firstPlan, report } = await apply();
        printReport(report);

        const url = readInvitationLog(invitationLog)[0]?.url;
        if (url !== undefined) {
          say(
            "4. The link customers' admins open the invitation link and accept (the emulator's control API plays them)",
          );
          for (const tenant of links.tenants) await acceptInvitation(emulator, url, tenant.tenantId);
          print(`accepted by ${links.tenants.map((t) => t.domain).join(", ")}\n`);
          say("   Apply again: their subscriptions, users and licences now");
          printReport((await apply()).report);
        }

        say("5. Plan again: nothing to change (observe-mode customers are reported, never written)");
        print(renderPlan((await plan()).plan, { color }));

        const ignored = (customer: string, address: string): boolean => {
          const name = address.split("/subscription:")[1];
          return (
            estate.customers
              .find((c) => c.name === customer)
              ?.policy.ignore.some((rule) => rule.path === `subscriptions[${name}].quantity`) ?? true
          );
        };
        const target = firstPlan.steps.find(
          (s) =>
            s.action === "create-subscription" &&
            s.status === "ready" &&
            s.after?.trial === undefined &&
            s.after?.state === "active" &&
            !ignored(s.customer, s.address),
        );
        const customer = target ? estate.customers.find((c) => c.name === target.customer) : undefined;
        const subscriptionId = target
          ? report?.outcomes.find((o) => o.id === target.id)?.detail?.subscriptionId
          : undefined;
        if (target && customer && typeof subscriptionId === "string") {
          const quantity = Number(target.after?.quantity);
          const only = { names: [customer.name] };
          say(
            `6. Out of band: a technician adds 3 seats to ${target.address} in the portal (${quantity} → ${quantity + 3})`,
          );
          const actual = (await plan(only)).actual.customers.find((c) => c.domain === customer.company.domain)!;
          await client.partnerCenter.subscriptions.update(actual.id, subscriptionId, { quantity: quantity + 3 });
          print("done, behind Git's back\n");

          say("7. Plan shows the drift; the decrease back is allowed: those seats are inside their 7-day window");
          print(renderPlan((await plan(only)).plan, { color }));

          say(
            "8. Eight days later (the emulator's clock advanced by P8D) the window has closed: the decrease is blocked",
          );
          print(`emulator clock: ${await advanceEmulatorClock({ ...emulator }, "P8D")}\n`);
          print(renderPlan((await plan(only)).plan, { color }));
        }
        say(
          "Done. Try it yourself: cspctl plan examples/estate --emulator, then cspctl apply examples/estate --emulator --yes --credentials-out creds.jsonl",
        );
        process.exitCode = ExitCode.success;
      } catch (error) {
        process.stderr.write(renderErrorHuman(toErrorView(error)));
        process.exitCode = ExitCode.error;
      } finally {
        sink.close();
        await client.close();
        await emulator.close();
      }
    });
}
