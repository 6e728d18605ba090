// Loading with parse worker threads gives exactly what a single-thread load gives: the same
// estate, the same source positions behind locate(), the same diagnostics in the same order.
// Workers need the compiled dist/ (npm test builds it first); from sources the loader parses on
// its own thread, which this test shows by loading both ways through dist/.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { generateEstate, writeEstate } from "../../../bench/estate/generate-estate.js";
import type * as LoadModule from "../../../reconciler/load/load-estate.js";
import type * as ParallelModule from "../../../reconciler/load/parallel-parse.js";
import type * as TransferModule from "../../../reconciler/load/parse-transfer.js";
import type * as FilesModule from "../../../reconciler/load/estate-files.js";
import type * as SinkModule from "../../../reconciler/load/diagnostic-sink.js";
import { LoadLimits } from "../../../reconciler/load/limits.js";

const dist = (path: string): string => new URL(`../../../dist/${path}`, import.meta.url).href;
let loadEstate: typeof LoadModule.loadEstate;
let autoWorkers: typeof ParallelModule.autoWorkers;
let parseInWorkers: typeof ParallelModule.parseInWorkers;
let parseFileToPacket: typeof TransferModule.parseFileToPacket;
let collectEstateFiles: typeof FilesModule.collectEstateFiles;
let DiagnosticSink: typeof SinkModule.DiagnosticSink;

beforeAll(async () => {
  ({ loadEstate } = (await import(dist("reconciler/load/load-estate.js"))) as typeof LoadModule);
  ({ autoWorkers, parseInWorkers } = (await import(dist("reconciler/load/parallel-parse.js"))) as typeof ParallelModule);
  ({ parseFileToPacket } = (await import(dist("reconciler/load/parse-transfer.js"))) as typeof TransferModule);
  ({ collectEstateFiles } = (await import(dist("reconciler/load/estate-files.js"))) as typeof FilesModule);
  ({ DiagnosticSink } = (await import(dist("reconciler/load/diagnostic-sink.js"))) as typeof SinkModule);
});

function hostileFolder(): string {
  const root = mkdtempSync(join(tmpdir(), "cspctl-parallel-hostile-"));
  const file = (name: string, content: string | Buffer): void => writeFileSync(join(root, name), content);
  file("a-empty.yaml", "");
  file("b-binary.yaml", Buffer.from([0x61, 0x3a, 0x00, 0x01]));
  file("c-latin1.yaml", Buffer.from("kind: Customer\nname: caf\xe9\n", "latin1"));
  file("d-tabs.yaml", "apiVersion: cspctl/v1\nkind: Customer\nmetadata:\n\tname: tabs\n");
  file("e-duplicate.yaml", "apiVersion: cspctl/v1\nkind: Customer\nkind: Profile\n");
  file("f-bomb.yaml", `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n`);
  file("g-deep.yaml", `${"[".repeat(300)}${"]".repeat(300)}\n`);
  file("h-proto.yaml", "apiVersion: cspctl/v1\nkind: Customer\nmetadata: { name: proto }\nspec: { __proto__: { polluted: true } }\n");
  file("i-env.yaml", `apiVersion: cspctl/v1
kind: Customer
metadata: { name: envy }
spec:
  company: { name: "\${env:COMPANY}", domain: envy.onmicrosoft.com, country: US }
  tenant: { mode: link }
  users:
    - { userPrincipalName: a@envy.onmicrosoft.com, firstName: A, lastName: B, password: "\${env:MISSING_PASSWORD}" }
`);
  file("j-syntax.yaml", "apiVersion: cspctl/v1\nkind: [Customer\n");
  mkdirSync(join(root, "k-folder"));
  writeFileSync(join(root, "k-folder", "nested.yml"), "apiVersion: cspctl/v1\nkind: Profile\nmetadata: { name: p }\nspec: {}\n");
  symlinkSync("/etc/hostname", join(root, "l-escape.yaml"));
  return root;
}

async function loadBothWays(paths: string | string[], env: Record<string, string> = {}) {
  const options = { cwd: process.cwd(), env };
  const single = await loadEstate(paths, { ...options, workers: 0 });
  const parallel = await loadEstate(paths, { ...options, workers: 3 });
  return { single, parallel };
}

describe("parse worker threads", () => {
  it("load a generated estate to the same estate and the same source positions", async () => {
    const root = mkdtempSync(join(tmpdir(), "cspctl-parallel-estate-"));
    writeEstate(generateEstate({ customers: 150, subscriptions: 3, usersPerCustomer: 4, seed: 11 }), root);
    const { single, parallel } = await loadBothWays(root);
    expect(single.valid).toBe(true);
    expect(JSON.stringify(parallel)).toBe(JSON.stringify(single));
    let compared = 0;
    for (const c of single.estate!.customers) {
      for (const address of [c.address, ...c.subscriptions.map((s) => s.address), ...c.users.map((u) => u.address), ...c.users.flatMap((u) => u.licenses.map((l) => l.address))]) {
        expect(parallel.estate!.locate(address)).toEqual(single.estate!.locate(address));
        compared++;
      }
      for (const field of ["company.domain", "subscriptions[0].quantity", "users[0].licenses[0]", "profiles", "policy.protect"]) {
        expect(parallel.estate!.locate(c.address, field)).toEqual(single.estate!.locate(c.address, field));
      }
    }
    expect(compared).toBeGreaterThan(1_000);
  });

  it.each([
    ["the example estate", ["examples/estate"], { SMALLBIZ_ADMIN_PASSWORD: "x" }],
    ["every broken example", ["examples/broken"], {}],
  ])("load %s with identical diagnostics", async (_name, paths, env) => {
    const { single, parallel } = await loadBothWays(paths, env as Record<string, string>);
    expect(parallel.diagnostics).toEqual(single.diagnostics);
    expect(parallel.valid).toBe(single.valid);
    expect(JSON.stringify(parallel.estate ?? null)).toBe(JSON.stringify(single.estate ?? null));
  });

  it("report hostile files (binary, invalid UTF-8, tabs, bombs, nesting, prototype keys, missing env, escaping symlink) identically", async () => {
    const { single, parallel } = await loadBothWays(hostileFolder(), { COMPANY: "Envy Ltd" });
    expect(single.diagnostics.length).toBeGreaterThan(8);
    expect(parallel.diagnostics).toEqual(single.diagnostics);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("really parse on other threads: the workers' packets equal this thread's, file by file", async () => {
    const cwd = process.cwd();
    const files = await collectEstateFiles(["examples/estate", "examples/broken", hostileFolder()], { cwd, sink: new DiagnosticSink(), limits: { ...LoadLimits } });
    const options = { env: { COMPANY: "Envy Ltd" }, limits: { ...LoadLimits }, reader: "fast" as const };
    const packets = await parseInWorkers(files, 2, options);
    expect(packets).toBeDefined();
    expect(packets!.map((p) => p.display)).toEqual(files.map((f) => f.display));
    expect(packets).toEqual(files.map((f) => parseFileToPacket(f, options)));
  });

  it("start only for large estates on machines with four cores or more, leaving one core to the loader", () => {
    expect(autoWorkers(10, 8)).toBe(0);
    expect(autoWorkers(255, 8)).toBe(0);
    expect(autoWorkers(10_000, 2)).toBe(0);
    expect(autoWorkers(10_000, 4)).toBe(3);
    expect(autoWorkers(10_000, 16)).toBe(4);
    expect(autoWorkers(300, 16)).toBe(4);
  });
});
