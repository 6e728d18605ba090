// The CI examples (examples/ci/) stay runnable: they parse, have the jobs docs/drift-and-import.md describes, and
// every `cspctl` command in them uses only flags the CLI has (its --help, run in-process).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { runCliInProcess } from "../helpers/cli-in-process.js";

const root = join(import.meta.dirname, "..", "..");
const help = new Map<string, string>();

async function helpOf(command: string): Promise<string> {
  if (!help.has(command)) help.set(command, (await runCliInProcess([command, "--help"])).stdout);
  return help.get(command)!;
}

/** Every `npx cspctl …` command in a CI file, continuation lines joined. */
function cspctlCommands(text: string): string[][] {
  const joined = text
    .replace(/\\\n\s*/g, " ")
    .replace(
      />\n(\s+)npx cspctl([^\n]*(?:\n\1[^\n]*)*)/g,
      (_, indent: string, rest: string) => `npx cspctl${rest.replace(new RegExp(`\\n${indent}`, "g"), " ")}`,
    );
  return [...joined.matchAll(/npx cspctl ([^\n;|>&]+)/g)].map((m) => m[1]!.trim().split(/\s+/));
}

/** GitHub's pull-request plan is a workflow of its own (github-pr-plan.yml), so the two files are one example. */
const EXAMPLES: Record<string, string[]> = {
  "github-actions.yml": ["github-actions.yml", "github-pr-plan.yml"],
  "gitlab-ci.yml": ["gitlab-ci.yml"],
};

describe.each(Object.keys(EXAMPLES))("examples/ci/%s", { timeout: 120_000 }, (file) => {
  const texts = EXAMPLES[file]!.map((name) => readFileSync(join(root, "examples", "ci", name), "utf8"));
  const text = texts.join("\n");
  const docs = texts.map((t) => parse(t) as Record<string, unknown>);

  it("is valid YAML with plan, apply and drift jobs using the CSPCTL_* secrets", () => {
    const jobs = Object.assign({}, ...docs.map((doc) => (file.startsWith("github") ? doc.jobs : doc))) as Record<
      string,
      unknown
    >;
    for (const job of ["plan", "apply", "drift"]) expect(jobs[job], job).toBeDefined();
    for (const variable of ["CSPCTL_TENANT_ID", "CSPCTL_CLIENT_ID", "CSPCTL_CLIENT_SECRET", "CSPCTL_REFRESH_TOKEN"])
      expect(text).toContain(variable);
    expect(text).toMatch(/--format html --out \S+drift\.html/);
    expect(text).toMatch(/--format junit --out \S+drift\.xml/);
  });

  it("uses only commands and flags the CLI has", async () => {
    const commands = cspctlCommands(text);
    expect(commands.map((c) => c[0])).toEqual(expect.arrayContaining(["validate", "plan", "apply", "drift"]));
    for (const [command, ...args] of commands) {
      const usage = await helpOf(command!);
      expect(usage, `cspctl ${command} --help`).toMatch(/^Usage: cspctl /);
      for (const flag of args.filter((a) => a.startsWith("--")))
        expect(usage, `cspctl ${command} ${flag}`).toContain(flag);
    }
  });
});

describe("the CI examples give untrusted code no credential", () => {
  const read = (name: string) => readFileSync(join(root, "examples", "ci", name), "utf8");

  it("GitHub: pull_request jobs get no secret; credentials only in jobs of an approved environment, never at workflow level", () => {
    for (const name of EXAMPLES["github-actions.yml"]!) {
      const doc = parse(read(name)) as {
        on: Record<string, unknown>;
        env?: Record<string, string>;
        jobs: Record<
          string,
          {
            if?: string;
            environment?: unknown;
            env?: Record<string, string>;
            steps: { env?: Record<string, string>; with?: Record<string, unknown> }[];
          }
        >;
      };
      expect(JSON.stringify(doc.env ?? {}), `${name}: workflow-level env`).not.toContain("secrets.");
      for (const [id, job] of Object.entries(doc.jobs)) {
        const usesSecrets = JSON.stringify(job).includes("secrets.");
        if (usesSecrets) expect(job.environment, `${name} ${id} uses secrets outside an environment`).toBeDefined();
        if (job.if?.includes("'pull_request'") && !job.if.includes("workflow_run"))
          expect(usesSecrets, `${name} ${id} runs the pull request's code with secrets`).toBe(false);
        for (const step of job.steps)
          if (JSON.stringify(step).includes("actions/checkout"))
            expect(step.with?.["persist-credentials"], `${name} ${id} keeps the checkout token`).toBe(false);
      }
    }
    const plan = parse(read("github-pr-plan.yml")) as {
      on: Record<string, unknown>;
      jobs: Record<string, { environment?: string }>;
    };
    expect(Object.keys(plan.on)).toEqual(["workflow_run"]); // runs the default branch's workflow, never the PR's
    expect(plan.jobs.plan!.environment).toBe("partner-center-plan");
    expect(read("github-pr-plan.yml")).not.toMatch(/ref: \$\{\{ github\.event\.workflow_run\.head/); // never checks out the PR's code
  });

  it("GitLab: the merge-request job runs no command that needs a credential", () => {
    const doc = parse(read("gitlab-ci.yml")) as Record<string, { rules?: { if?: string }[]; script?: string[] }>;
    const mergeRequestJobs = Object.entries(doc).filter(([, job]) =>
      job?.rules?.some((r) => r.if?.includes("merge_request_event")),
    );
    expect(mergeRequestJobs.map(([id]) => id)).toEqual(["validate"]);
    for (const [, job] of mergeRequestJobs)
      expect(job.script!.join("\n")).not.toMatch(/cspctl (plan|apply|drift|import)|CSPCTL_/);
  });
});
