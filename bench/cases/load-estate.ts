// Generates a 10,000-customer estate in a temp folder and times loadEstate over it (goal < 10 s, the
// target for validating 10,000 customers), as
// one file per customer and as multi-document files; then the planner-pure scenario's larger estate
// (20 users and 3 subscriptions per customer, flow style), whose load that scenario does not time.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadEstate } from "../../reconciler/index.js";
import { generateEstate, writeEstate } from "../estate/generate-estate.js";
import type { BenchCase, BenchResult } from "../run.js";

const CUSTOMERS = 10_000;
const GOAL_MS = 10_000;

export const PROFILE = `apiVersion: cspctl/v1
kind: Profile
metadata: { name: smb }
spec:
  subscriptions:
    - { name: business-standard, offer: CFQ7TTC0LDPB:0001, term: P1Y, billing: monthly, quantity: 10 }
  users: { defaults: { usageLocation: US, licenses: [ { subscription: business-standard } ] } }
`;

export function customerDocument(i: number): string {
  const name = `customer-${String(i).padStart(5, "0")}`;
  const domain = `cust${i}.onmicrosoft.com`;
  const usesProfile = i % 2 === 0;
  const users = Array.from(
    { length: 5 },
    (_, u) => `    - userPrincipalName: user${u}@${domain}
      firstName: User
      lastName: Number${u}
      usageLocation: US
      licenses:
        - subscription: ${usesProfile ? "business-standard" : "business-premium"}${u === 0 ? "\n          disabledPlans: [TEAMS1]" : ""}`,
  ).join("\n");
  return `apiVersion: cspctl/v1
kind: Customer
metadata:
  name: ${name}
  labels: { tier: ${["gold", "silver", "bronze"][i % 3]} }
spec:
${usesProfile ? "  profiles: [smb]\n" : ""}  company:
    name: Customer ${i} Ltd
    domain: ${domain}
    country: US
  tenant:
    mode: create
  billing:
    email: ap@${domain}
    firstName: Ada
    lastName: Lovelace
    address: { line1: 1 Main St, city: Redmond, state: WA, postalCode: "98052", country: US }
  subscriptions:
    - name: business-premium
      offer: CFQ7TTC0LCHC:0002
      term: P1Y
      billing: monthly
      quantity: 10
      addons:
        - { name: teams-premium, offer: CFQ7TTC0RM8K:0002, term: P1Y, billing: monthly, quantity: 2 }
  users:
${users}
`;
}

async function timeLoad(
  root: string,
  customers: number,
  label: string,
  note: string,
  goalMs: number | null = GOAL_MS,
): Promise<BenchResult> {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const result = await loadEstate(root, { cwd: root, env: {} });
  const elapsed = performance.now() - started;
  // on a shared machine wall time includes waiting for a core; CPU time is the work itself (all threads)
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMs = Math.round((cpu.user + cpu.system) / 1000);
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (!result.valid || result.estate.customers.length !== customers) {
    throw new Error(`generated estate did not load: ${errors.length} errors, first: ${JSON.stringify(errors[0])}`);
  }
  return {
    name: label,
    value: elapsed,
    unit: "ms",
    target: goalMs === null ? "" : `< ${goalMs} ms`,
    met: goalMs === null ? null : elapsed < goalMs,
    note: `${note}; CPU ${cpuMs} ms`,
  };
}

/** The rows at any size (a multiple of 100); the bench runs 10,000, a test a small size so this cannot rot. */
export async function loadEstateRows(customers: number): Promise<BenchResult[]> {
  const rows: BenchResult[] = [];
  const count = customers.toLocaleString("en-US");
  const root = mkdtempSync(join(tmpdir(), "cspctl-bench-estate-"));
  try {
    // one file per customer, 100 folders
    const perFile = join(root, "per-file");
    mkdirSync(perFile);
    writeFileSync(join(perFile, "profiles.yaml"), PROFILE);
    for (let i = 0; i < customers; i++) {
      const folder = join(perFile, `group-${String(Math.floor(i / 100)).padStart(3, "0")}`);
      if (i % 100 === 0) mkdirSync(folder);
      writeFileSync(join(folder, `customer-${i}.yaml`), customerDocument(i));
    }
    rows.push(
      await timeLoad(
        perFile,
        customers,
        `loadEstate ${count} customers (${count} files)`,
        "5 users, 2 subscriptions each; half via a profile",
      ),
    );
    // 100 files of 100 documents each
    const multiDoc = join(root, "multi-doc");
    mkdirSync(multiDoc);
    writeFileSync(join(multiDoc, "profiles.yaml"), PROFILE);
    for (let f = 0; f < customers / 100; f++) {
      const docs = Array.from({ length: 100 }, (_, d) => customerDocument(f * 100 + d));
      writeFileSync(join(multiDoc, `customers-${String(f).padStart(3, "0")}.yaml`), docs.join("---\n"));
    }
    rows.push(
      await timeLoad(
        multiDoc,
        customers,
        `loadEstate ${count} customers (${customers / 100} files x 100 docs)`,
        "same estate, multi-document files",
      ),
    );
    const plannerEstate = join(root, "planner-pure");
    writeEstate(generateEstate({ customers, subscriptions: 3, usersPerCustomer: 20, seed: 42 }), plannerEstate);
    rows.push(
      await timeLoad(
        plannerEstate,
        customers,
        `loadEstate planner-pure estate (${count} customers x 20 users)`,
        `bench/estate/generate-estate.ts seed 42: ${(customers * 20).toLocaleString("en-US")} users, ${count} files; no goal of its own`,
        null,
      ),
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return rows;
}

export const loadEstateBench: BenchCase = () => loadEstateRows(CUSTOMERS);
