// The file `cspctl plan --out` writes: what it records, and which files `apply --plan` refuses.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FINGERPRINT_COVERS, readSavedPlan, writeSavedPlan, type SavedPlan } from "../../../cli/saved-plan.js";
import { PLAN_FORMAT_VERSION } from "../../../reconciler/plan/plan.js";

const dir = mkdtempSync(join(tmpdir(), "cspctl-saved-plan-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const saved: SavedPlan = {
  kind: "cspctl-plan",
  formatVersion: PLAN_FORMAT_VERSION,
  fingerprintCovers: FINGERPRINT_COVERS,
  estate: { paths: ["estate"], digest: "sha256:0" },
  selection: { all: false },
  plan: {
    formatVersion: PLAN_FORMAT_VERSION,
    createdAt: "2026-11-23T00:00:00.000Z",
    fingerprint: "sha256:1",
    customers: [],
    steps: [],
    findings: [],
    warnings: [],
    summary: { byAction: {}, ready: 0, blocked: 0, waiting: 0, observe: 0, destructive: 0 },
  },
};

describe("saved plans", () => {
  it("are read back as written", () => {
    const file = join(dir, "plan.json");
    writeSavedPlan(file, saved);
    expect(readSavedPlan(file)).toEqual(saved);
  });

  it("saved by an earlier cspctl (fingerprint over every customer) are refused as unreadable, not as stale", () => {
    const file = join(dir, "old-plan.json");
    const { fingerprintCovers: _dropped, ...older } = saved;
    writeFileSync(file, JSON.stringify(older));
    expect(() => readSavedPlan(file)).toThrow(
      expect.objectContaining({
        code: "plan.unreadable",
        message: expect.stringContaining("saved by an earlier cspctl"),
      }),
    );
    expect(JSON.parse(readFileSync(file, "utf8"))).not.toHaveProperty("fingerprintCovers");
  });
});
