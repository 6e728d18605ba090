import { describe, expect, it } from "vitest";
import { renderApplyReport } from "../../../reconciler/render/apply/apply-report.js";
import type { ApplyReport } from "../../../reconciler/apply/apply-report.js";

describe("apply report view", () => {
  it("hands the customer's GDAP approval link over beside the step that created the relationship, escaped", () => {
    const link = "https://admin.microsoft.com/AdminPortal/Home#/partners/invitation/granularAdminRelationships/r-1";
    const report: ApplyReport = {
      fingerprint: "f",
      outcomes: [
        {
          id: "customer:c/gdap:Ops#create-gdap",
          address: "customer:c/gdap:Ops",
          customer: "c",
          action: "create-gdap",
          outcome: "applied",
          detail: { relationshipId: "r-1", approvalLink: `${link}\u001b[2J` },
        },
      ],
      summary: { applied: 1, pending: 0, waiting: 0, failed: 0, skipped: 0, "not-started": 0 },
      credentials: { saved: 0, notSaved: [] },
      duplicates: [],
      convergence: { status: "converged", objects: [] },
    };
    const text = renderApplyReport(report);
    expect(text).toContain(`GDAP approval link for the customer's global admin: ${link}`);
    expect(text).not.toContain("\u001b");
  });
});
