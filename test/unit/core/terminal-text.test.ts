// Untrusted text reaches the terminal escaped (visible \u001b form) in every human view; JSON stays exact.
import { describe, expect, it } from "vitest";
import { printable, printableLine, printableStrings } from "../../../core/terminal-text.js";
import { renderDiagnostic, renderValidationReport } from "../../../reconciler/render/diagnostics/diagnostics-human.js";
import { renderValidationJson } from "../../../reconciler/render/diagnostics/diagnostics-json.js";
import { renderErrorHuman } from "../../../reconciler/render/error-view.js";
import type { ValidationReport } from "../../../reconciler/render/diagnostics/validation-report.js";
import { renderPlan } from "../../../reconciler/render/plan/plan-renderer.js";
import { planChanges } from "../../../reconciler/plan/plan-changes.js";
import type { Plan } from "../../../reconciler/plan/plan.js";
import { actualCustomer, actualEstate, actualSubscription, estateFromYaml } from "../../helpers/estate-fixtures.js";

const HOSTILE = "evil\u001b[2J\u001b]0;pwned\u0007\u202e\u0085\r\u0000\u007f\u2066\tend";
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe("printable", () => {
  it("writes C0 (but line feed), DEL, C1 and direction controls as visible escapes", () => {
    expect(printable(HOSTILE)).toBe(
      "evil\\u001b[2J\\u001b]0;pwned\\u0007\\u202e\\u0085\\u000d\\u0000\\u007f\\u2066\\u0009end",
    );
    expect(printable("a\nb")).toBe("a\nb");
    expect(printableLine("a\nb.yaml")).toBe("a\\nb.yaml");
  });

  it("leaves ordinary text, including non-Latin scripts and emoji, as it is", () => {
    const text = 'Fabrikam GmbH — Zürich, 東京, مرحبا, 🙂 "quoted" \\ back';
    expect(printable(text)).toBe(text);
  });

  it("escapes every string of an object, keys included, without touching its prototype", () => {
    const copy = printableStrings({ a: [HOSTILE, 1, null, { "k\u001b": true }], ["__proto__"]: "x\u202e" });
    expect(JSON.stringify(copy)).not.toMatch(UNSAFE);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(["a", "__proto__"]);
  });
});

describe("human views", () => {
  const report: ValidationReport = {
    valid: false,
    diagnostics: [
      {
        severity: "error",
        code: "estate.invalid_format",
        message: `metadata.name "${HOSTILE}" is not a valid name`,
        hint: `rename "${HOSTILE}"`,
        file: "dir/a\nb\u001b.yaml",
        line: 3,
        column: 18,
        endLine: 3,
        endColumn: 30,
      },
    ],
    summary: { files: 1, customers: 0, profiles: 0, errors: 1, warnings: 0 },
  };

  it("validate's human view escapes messages, hints and file names; its JSON view is exact", () => {
    const human = renderValidationReport(report);
    expect(human).not.toMatch(UNSAFE);
    expect(renderDiagnostic(report.diagnostics[0]!).split("\n")[0]).toBe(
      `dir/a\\nb\\u001b.yaml:3:18 error estate.invalid_format: metadata.name "${printable(HOSTILE)}" is not a valid name`,
    );
    expect((JSON.parse(renderValidationJson(report)) as ValidationReport).diagnostics[0]!.message).toContain(HOSTILE);
  });

  it("the error view escapes messages and addresses", () => {
    expect(
      renderErrorHuman({ code: "client.bad_request", message: HOSTILE, address: `customer:${HOSTILE}`, hint: HOSTILE }),
    ).not.toMatch(UNSAFE);
  });

  it("the plan view escapes every value it prints and keeps its own colours", async () => {
    const yaml = `apiVersion: cspctl/v1
kind: Customer
metadata: { name: fabrikam }
spec:
  company: { name: Fabrikam, domain: fabrikam.onmicrosoft.com, country: US }
  tenant: { mode: create }
  billing: { email: ap@fabrikam.com, firstName: Ada, lastName: L, address: { line1: One Way, city: Redmond, state: WA, postalCode: "98052", country: US } }
  subscriptions:
    - { name: exo, offer: CFQ7TTC0LH16:0001, term: P1Y, billing: monthly, quantity: 2 }
`;
    const customer = actualCustomer({
      domain: "fabrikam.onmicrosoft.com",
      billing: {
        email: "ap@fabrikam.com",
        firstName: "Ada",
        lastName: "L",
        phone: null,
        culture: "en-US",
        language: "en",
      },
      subscriptions: [
        actualSubscription({ id: "s1", offerId: "CFQ7TTC0LH16:0001", quantity: 5, refundableQuantity: 0 }),
      ],
    });
    const plan = planChanges(await estateFromYaml(yaml), actualEstate([customer]), {
      now: new Date("2026-11-23T00:00:00Z"),
    });
    const hostile = JSON.parse(
      JSON.stringify(plan).replaceAll("fabrikam", `fab${JSON.stringify(HOSTILE).slice(1, -1)}`),
    ) as Plan;
    expect(JSON.stringify(hostile)).toContain(JSON.stringify(HOSTILE).slice(1, -1));
    const plain = renderPlan(hostile, { color: false });
    expect(plain).toContain("fabevil\\u001b[2J");
    expect(plain).not.toMatch(UNSAFE);
    const coloured = renderPlan(hostile, { color: true });
    expect(coloured.replace(/\u001b\[\d+m/g, "")).not.toMatch(UNSAFE);
  });
});
