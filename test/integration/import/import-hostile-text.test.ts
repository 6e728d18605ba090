// Text from Partner Center and Graph belongs to someone else. Customers whose every free-text field
// (company name; user first, last and display names; subscription friendly name; billing profile
// names and address) holds hostile text — `${env:}` references to cspctl's credentials and to a set
// variable, YAML syntax, quotes, line breaks, control characters, bidi overrides and seeded random
// Unicode — are imported; the files load back to exactly that text, never resolving a reference,
// plan to no changes, and after `mode: enforce` and an apply (a resize) the text in Partner Center
// is byte-identical to what it was.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededRandom } from "../../../emulator/faults/random.js";
import { EMULATOR_THROTTLE } from "../../../cli/connection.js";
import { createClient, type CspClient } from "../../../client/index.js";
import { applyPlan } from "../../../reconciler/apply/apply-plan.js";
import { importEstate } from "../../../reconciler/import/import-estate.js";
import { loadEstate } from "../../../reconciler/load/load-estate.js";
import type { DesiredCustomer } from "../../../reconciler/model/desired-estate.js";
import { planEstate } from "../../../reconciler/plan-estate.js";
import { readActual } from "../../../reconciler/read/read-actual.js";
import { startEmulator, type TestEmulator } from "../../helpers/emulator.js";

/** CSPCTL_IMPORT_FUZZ=<customers>[:<seed>] runs more seeded cases. */
const [FUZZ_CASES, FUZZ_SEED] = (process.env.CSPCTL_IMPORT_FUZZ ?? "12:20261207").split(":").map(Number) as [
  number,
  number,
];

const HOSTILE = [
  "${env:CSPCTL_CLIENT_SECRET}",
  "${env:CSPCTL_REFRESH_TOKEN}",
  "Ada ${env:HOSTILE_SET} Lovelace",
  "$${env:HOSTILE_SET}",
  "key: value # comment",
  "- item",
  "'single' \"double\"",
  "line\nbreak",
  "tab\there\r\nand CR",
  "bell\u0007esc\u001b[8m",
  "\u202eevil\u202c override",
  "&anchor *alias !tag %YAML",
  "--- ... [a, b] {c: d}",
  " leading and trailing ",
  "null",
];

const FRAGMENTS = [
  "${",
  "${env:HOSTILE_SET}",
  "${env:CSPCTL_CLIENT_SECRET}",
  "$$",
  "$",
  "{",
  "}",
  "#",
  ": ",
  "- ",
  "'",
  '"',
  "\\",
  "\n",
  "\r",
  "\t",
  "\u0000",
  "\u0085",
  "\u2028",
  "\u202e",
  "\u2066",
  "\u200f",
  "&a",
  "*a",
  "!t",
  "%",
  "@",
  "`",
  "|",
  ">",
  "[",
  "]",
  ",",
  "?",
  "---",
  "...",
  "~",
  "true",
  "0x1F",
  "1e3",
  " ",
  "é",
  "e\u0301",
  "🦄",
  "中文",
  "\ufeff",
];

/** Seeded text of 1–`max` code points: fragments and random code points (no lone surrogates: they are not UTF-8). */
function fuzzText(next: () => number, max: number): string {
  let text = "";
  for (let n = 1 + Math.floor(next() * 10); n > 0; n--) {
    if (next() < 0.6) text += FRAGMENTS[Math.floor(next() * FRAGMENTS.length)];
    else {
      let cp = Math.floor(next() * 0x30000);
      if (cp >= 0xd800 && cp <= 0xdfff) cp = 0x41;
      text += String.fromCodePoint(cp);
    }
  }
  const points = [...text].slice(0, max);
  const result = points.join("");
  return result.trim() === "" ? `${result}x` : result;
}

interface HostileCustomer {
  domain: string;
  tenantId: string;
  companyName: string;
  user: { firstName: string; lastName: string; displayName: string };
  friendlyName: string;
  billing: {
    firstName: string;
    lastName: string;
    addressLine1: string;
    addressLine2: string;
    city: string;
    state: string;
  };
}

function hostileCustomers(): HostileCustomer[] {
  const next = seededRandom(FUZZ_SEED);
  const pick = (i: number, k: number): string => HOSTILE[(i + k) % HOSTILE.length]!;
  const fixed = HOSTILE.map((_, i) => ({
    i,
    text: (k: number, max: number) => [...pick(i, k)].slice(0, max).join(""),
  }));
  const fuzzed = Array.from({ length: FUZZ_CASES }, (_, j) => ({
    i: HOSTILE.length + j,
    text: (_k: number, max: number) => fuzzText(next, max),
  }));
  return [...fixed, ...fuzzed].map(({ i, text }) => ({
    domain: `hostile${i}.onmicrosoft.com`,
    tenantId: randomUUID(),
    companyName: text(0, 60),
    user: { firstName: text(1, 30), lastName: text(2, 30), displayName: text(3, 60) },
    friendlyName: text(4, 60),
    billing: {
      firstName: text(5, 30),
      lastName: text(6, 30),
      addressLine1: text(7, 60),
      addressLine2: text(8, 60),
      city: text(9, 40),
      state: text(10, 30),
    },
  }));
}

let emulator: TestEmulator;
let client: CspClient;
const customers = hostileCustomers();
const SET_VALUE = "value-of-HOSTILE_SET-must-never-appear";

beforeAll(async () => {
  emulator = await startEmulator();
  client = createClient({ env: emulator.env, poll: { intervalMs: 50 }, throttle: EMULATOR_THROTTLE });
  await emulator.control.seed({
    partners: [
      {
        tenantId: emulator.env.CSPCTL_TENANT_ID,
        customers: customers.map((c) => ({
          tenantId: c.tenantId,
          companyName: c.companyName,
          domain: c.domain,
          country: "GB",
          subscriptions: [
            {
              offerId: "CFQ7TTC0LCHC:0002",
              quantity: 3,
              termDuration: "P1Y",
              billingCycle: "monthly",
              friendlyName: c.friendlyName,
            },
          ],
          users: [{ userPrincipalName: `ada@${c.domain}`, ...c.user, usageLocation: "GB" }],
        })),
      },
    ],
  });
  for (const c of customers) {
    const profile = await client.partnerCenter.customers.getBillingProfile(c.tenantId);
    await client.partnerCenter.customers.updateBillingProfile(c.tenantId, {
      ...profile,
      firstName: c.billing.firstName,
      lastName: c.billing.lastName,
      address: {
        ...profile.address,
        country: "GB",
        postalCode: "SW1A 1AA",
        addressLine1: c.billing.addressLine1,
        addressLine2: c.billing.addressLine2,
        city: c.billing.city,
        state: c.billing.state,
        firstName: c.billing.firstName,
        lastName: c.billing.lastName,
      },
    });
  }
}, 120_000);
afterAll(async () => {
  await client?.close();
  await emulator?.close();
});

/** Every free-text field as Partner Center and Graph hold it now. */
async function textInPartnerCenter(c: HostileCustomer): Promise<HostileCustomer> {
  const customer = await client.partnerCenter.customers.get(c.tenantId);
  const profile = await client.partnerCenter.customers.getBillingProfile(c.tenantId);
  // read as import reads: a stand-in naming the customer is all readActual needs
  const standIn = {
    name: "c",
    address: "customer:c",
    company: { domain: c.domain, qualification: "commercial" },
    tenant: { mode: "link", id: c.tenantId },
    subscriptions: [],
    users: [],
  } as unknown as DesiredCustomer;
  const actual = await readActual(client, [standIn]);
  const have = actual.customers.find((a) => a.id === c.tenantId)!;
  const user = have.users!.find((u) => u.userPrincipalName.toLowerCase() === `ada@${c.domain}`)!;
  return {
    domain: c.domain,
    tenantId: c.tenantId,
    companyName: customer.companyName!,
    user: { firstName: user.firstName!, lastName: user.lastName!, displayName: user.displayName },
    friendlyName: have.subscriptions![0]!.friendlyName!,
    billing: {
      firstName: profile.firstName!,
      lastName: profile.lastName!,
      addressLine1: profile.address.addressLine1!,
      addressLine2: profile.address.addressLine2!,
      city: profile.address.city!,
      state: profile.address.state!,
    },
  };
}

describe("import of hostile text", () => {
  it("was seeded exactly (the emulator keeps the text as given)", async () => {
    for (const c of customers.slice(0, 3)) expect(await textInPartnerCenter(c)).toEqual(c);
  });

  it("round-trips as literal text, never resolves, plans to no changes, and is byte-identical after an apply", async () => {
    const env = { ...emulator.env, HOSTILE_SET: SET_VALUE } as Record<string, string>;
    const files = await importEstate(client, { all: true });
    const dir = mkdtempSync(join(tmpdir(), "cspctl-hostile-"));
    for (const f of files) writeFileSync(join(dir, `${f.name}.yaml`), f.yaml);
    const written = readdirSync(dir)
      .map((f) => readFileSync(join(dir, f), "utf8"))
      .join("\n");
    for (const secret of [SET_VALUE, env.CSPCTL_CLIENT_SECRET!, env.CSPCTL_REFRESH_TOKEN!])
      expect(written).not.toContain(secret);

    const loaded = await loadEstate(dir, { cwd: dir, env });
    expect(loaded.valid ? [] : loaded.diagnostics).toEqual([]);
    const estate = loaded.estate!;
    expect(estate.sensitive?.size).toBe(0);
    for (const c of customers) {
      const desired = estate.customers.find((d) => d.company.domain === c.domain)!;
      const user = desired.users[0]!;
      expect(
        {
          domain: c.domain,
          tenantId: c.tenantId,
          companyName: desired.company.name,
          user: { firstName: user.firstName, lastName: user.lastName, displayName: user.displayName },
          friendlyName: desired.subscriptions[0]!.friendlyName,
          billing: {
            firstName: desired.billing!.firstName,
            lastName: desired.billing!.lastName,
            addressLine1: desired.billing!.address.line1,
            addressLine2: desired.billing!.address.line2,
            city: desired.billing!.address.city,
            state: desired.billing!.address.state,
          },
        },
        c.domain,
      ).toEqual(c);
    }
    const { plan } = await planEstate(client, estate);
    expect(plan.steps).toEqual([]);
    expect(plan.findings).toEqual([]);

    // the documented switch to enforce, and a change that makes apply write to every customer
    for (const f of files) {
      const path = join(dir, `${f.name}.yaml`);
      writeFileSync(
        path,
        readFileSync(path, "utf8").replace("mode: observe", "mode: enforce").replace("quantity: 3", "quantity: 4"),
      );
    }
    const enforced = await loadEstate(dir, { cwd: dir, env });
    expect(enforced.valid ? [] : enforced.diagnostics).toEqual([]);
    const resize = await planEstate(client, enforced.estate!);
    expect(resize.plan.steps.map((s) => s.action)).toEqual(customers.map(() => "resize"));
    for (const secret of [SET_VALUE, env.CSPCTL_CLIENT_SECRET!, env.CSPCTL_REFRESH_TOKEN!])
      expect(JSON.stringify(resize.plan)).not.toContain(secret);
    const report = await applyPlan(resize.plan, { client, estate: enforced.estate! });
    expect(report.summary.failed).toBe(0);
    for (const c of customers) expect(await textInPartnerCenter(c), c.domain).toEqual(c);
    expect((await planEstate(client, enforced.estate!)).plan.steps).toEqual([]);
  }, 300_000);
});
