// Every drift format, rendered from one report made the real way (loader → planner → computeDrift):
// JSON against its schema, SARIF against the official SARIF 2.1.0 schema, JUnit against the usual
// JUnit XML shape, Markdown within GitHub's comment limit for 500 customers.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv } from "ajv";
import ajvDraft04 from "ajv-draft-04";
import addFormats from "ajv-formats";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import type { DriftReport } from "../../../reconciler/drift/drift-report.js";
import type { DesiredEstate } from "../../../reconciler/model/desired-estate.js";
import { renderDriftReport } from "../../../reconciler/render/drift/render-report.js";
import { GITHUB_COMMENT_LIMIT } from "../../../reconciler/render/drift/report-markdown.js";
import { driftFixture } from "./drift-fixture.js";

const require = createRequire(import.meta.url);
// The official SARIF 2.1.0 schema (OASIS, rtm.5) as Microsoft ships it in @microsoft/jest-sarif. It is
// draft-04 (hence ajv-draft-04) and one of its patterns is valid only as a non-Unicode RegExp.
const SARIF_SCHEMA = JSON.parse(
  readFileSync(require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8"),
);
const DRIFT_SCHEMA = JSON.parse(
  readFileSync(new URL("../../../schemas/drift-report.schema.json", import.meta.url), "utf8"),
);

let small: { estate: DesiredEstate; report: DriftReport; yaml: string };
let large: { estate: DesiredEstate; report: DriftReport; yaml: string };
beforeAll(async () => {
  small = await driftFixture(4);
  large = await driftFixture(500);
});

describe("json", () => {
  it("validates against schemas/drift-report.schema.json and is versioned", () => {
    const ajv = new Ajv({ allErrors: true, strict: true });
    addFormats.default(ajv);
    const validate = ajv.compile(DRIFT_SCHEMA);
    for (const { report } of [small, large]) {
      const data = JSON.parse(renderDriftReport(report, "json"));
      expect(validate(data) ? [] : validate.errors).toEqual([]);
      expect(data.formatVersion).toBe(1);
    }
    expect(
      validate({ ...JSON.parse(renderDriftReport(small.report, "json")), findings: [{ category: "drifty" }] }),
    ).toBe(false);
  });
});

describe("sarif", () => {
  it("validates against the SARIF 2.1.0 JSON schema", () => {
    const AjvDraft04 = ajvDraft04.default;
    const ajv = new AjvDraft04({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
    const validate = ajv.compile(SARIF_SCHEMA);
    const log = JSON.parse(renderDriftReport(small.report, "sarif", { toolVersion: "0.1.0" }));
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    expect(log.version).toBe("2.1.0");
    expect(log.runs[0].results).toHaveLength(small.report.findings.length);
    expect(validate({ ...log, version: "2.0.0" })).toBe(false);
  });

  it("locates each finding at the YAML line of the declared object or field", () => {
    const log = JSON.parse(renderDriftReport(small.report, "sarif"));
    const results = log.runs[0].results as {
      ruleId: string;
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
      properties: { address: string };
    }[];
    const lineOf = (address: string, ruleId: string) =>
      results.find((r) => r.properties.address === address && r.ruleId === ruleId)!.locations[0]!.physicalLocation;
    const yaml = small.yaml.split("\n");
    // cust000: the quantity that drifted, the user whose lastName drifted, the user that is missing
    const quantity = lineOf("customer:cust000/subscription:bp", "drift/changed");
    expect(quantity.artifactLocation.uri).toBe("estate.yaml");
    expect(yaml[quantity.region.startLine - 1]).toMatch(/^\s+quantity: 3$/);
    expect(
      yaml[lineOf("customer:cust000/user:ann@cust000.onmicrosoft.com", "drift/changed").region.startLine - 1],
    ).toContain("userPrincipalName: ann@cust000");
    expect(
      yaml[lineOf("customer:cust000/user:bo@cust000.onmicrosoft.com", "drift/missing").region.startLine - 1],
    ).toContain("userPrincipalName: bo@cust000");
    // undeclared objects point at their customer's document
    expect(
      yaml[lineOf("customer:cust000/user:eve@cust000.onmicrosoft.com", "drift/unmanaged").region.startLine - 1],
    ).toMatch(/company: \{ name: Customer 0,|metadata: \{ name: cust000 \}/);
  });
});

describe("junit", () => {
  it("has the usual JUnit XML shape with one test case per declared object; drift is a failure, unknown an error", () => {
    const xml = renderDriftReport(small.report, "junit");
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: "",
      isArray: (name) => ["testsuite", "testcase", "failure", "error"].includes(name),
    }).parse(xml);
    const suites = doc.testsuites.testsuite as {
      name: string;
      tests: string;
      failures: string;
      errors: string;
      testcase: { name: string; classname: string; failure?: unknown[]; error?: unknown[] }[];
    }[];
    const cases = suites.flatMap((s) => s.testcase);
    expect(cases.map((c) => c.name)).toEqual(small.report.declared.map((d) => d.address));
    expect(Number(doc.testsuites.tests)).toBe(small.report.declared.length);
    for (const suite of suites) {
      expect(suite.name).toMatch(/^customer:/);
      expect(Number(suite.tests)).toBe(suite.testcase.length);
      expect(Number(suite.failures)).toBe(suite.testcase.filter((c) => c.failure).length);
      expect(Number(suite.errors)).toBe(suite.testcase.filter((c) => c.error).length);
      for (const c of suite.testcase) expect(c.classname).toMatch(/^cspctl\.drift\./);
    }
    const byName = new Map(cases.map((c) => [c.name, c]));
    expect(byName.get("customer:cust000/subscription:bp")!.failure).toHaveLength(1);
    expect(byName.get("customer:cust000/user:bo@cust000.onmicrosoft.com")!.failure).toHaveLength(1);
    expect(byName.get("customer:cust000")!.failure).toHaveLength(1); // its undeclared user and subscription
    expect(byName.get("customer:cust001/user:ann@cust001.onmicrosoft.com")!.failure).toBeUndefined(); // accepted
    expect(byName.get("customer:cust003")!.error).toHaveLength(1); // unknown
  });
});

describe("markdown", () => {
  it("puts the summary table first and folds details per customer", () => {
    const md = renderDriftReport(small.report, "markdown");
    expect(md.indexOf("| category | findings |")).toBeLessThan(md.indexOf("<details>"));
    expect(md).toContain("<details><summary><b>cust000</b>");
    expect(md).not.toContain("Summarised");
  });

  it("stays under GitHub's 65,536-character limit for 500 customers and says it summarised", () => {
    const md = renderDriftReport(large.report, "markdown");
    expect(md.length).toBeLessThan(GITHUB_COMMENT_LIMIT);
    expect(md).toContain("**Summarised:**");
    expect(md).toContain(`| changed | ${large.report.summary.byCategory.changed} |`);
    const folded = (md.match(/<details>/g) ?? []).length;
    const tableRows = (md.match(/^\| cust\d{3} \|/gm) ?? []).length;
    const notListed = /…and (\d+) more customer\(s\)/.exec(md);
    expect(folded + tableRows + Number(notListed?.[1] ?? 0)).toBe(500);
  });
});

describe("html", () => {
  it("escapes what Partner Center returns (names, messages), so a report cannot run anyone's script", () => {
    const hostile = "<img src=x onerror=alert(1)></td><script>alert(2)</script>";
    const report = {
      ...small.report,
      findings: small.report.findings.map((f, i) =>
        i === 0 ? { ...f, message: hostile, address: `${f.address}${hostile}` } : f,
      ),
    };
    const html = renderDriftReport(report, "html");
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;script&gt;alert(2)&lt;/script&gt;");
    expect(html.match(/<script>/g)).toHaveLength(1); // only the report's own filter script
  });
});

describe("text", () => {
  it("says unknown instead of drift or no drift when a customer could not be read", () => {
    const text = renderDriftReport(small.report, "text");
    expect(text).toMatch(/Drift: UNKNOWN for part of the estate/);
    expect(text).toContain("could not be read: 503 Service Unavailable");
  });
});
