// The consent log (what cspctl granted, since Microsoft cannot say who granted a consent): one entry
// per customer and application, the latest applied step's; other outcomes leave it alone; a file
// that is not a consent log is refused with its code and the way out.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readConsentLog, recordConsent } from "../../../reconciler/apply/consent-log.js";
import type { StepOutcome } from "../../../reconciler/apply/apply-report.js";

const APP = "0f8a4b2c-1d3e-4f50-8a6b-7c9d0e1f2a3b";
const AT = new Date("2026-12-07T10:00:00Z");

function outcome(action: StepOutcome["action"], kind: StepOutcome["outcome"], scopes?: string[]): StepOutcome {
  return {
    id: `customer:acme/consent:${APP}#${action}`,
    address: `customer:acme/consent:${APP}`,
    customer: "acme",
    action,
    outcome: kind,
    detail: { applicationId: APP, ...(scopes ? { scopes } : {}) },
  } as StepOutcome;
}

describe("the consent log", () => {
  it("keeps the latest applied consent step per customer and application", () => {
    const path = join(mkdtempSync(join(tmpdir(), "cspctl-state-")), ".cspctl", "consents.json");
    expect(readConsentLog(path)).toEqual([]);
    recordConsent(path, outcome("create-consent", "waiting"), "run-0", AT);
    expect(readConsentLog(path)).toEqual([]);
    recordConsent(path, outcome("create-consent", "applied", ["User.Read.All"]), "run-1", AT);
    recordConsent(path, outcome("update-consent", "applied", ["Reports.Read.All"]), "run-2", AT);
    expect(readConsentLog(path)).toEqual([
      {
        customer: "acme",
        applicationId: APP,
        state: "granted",
        scopes: ["Reports.Read.All"],
        at: AT.toISOString(),
        runId: "run-2",
      },
    ]);
    recordConsent(path, outcome("delete-consent", "applied"), "run-3", AT);
    expect(readConsentLog(path)).toEqual([expect.objectContaining({ state: "removed", scopes: [], runId: "run-3" })]);
  });

  it("refuses a file that is not a consent log, saying what to do", () => {
    const path = join(mkdtempSync(join(tmpdir(), "cspctl-state-")), "consents.json");
    writeFileSync(path, '{"kind":"something-else"}');
    expect(() => readConsentLog(path)).toThrow(
      expect.objectContaining({
        code: "apply.consent_log_unreadable",
        hint: expect.stringContaining("move the file away"),
      }),
    );
  });
});
