// JUnit XML: one test suite per customer, one test case per declared object. Drift on the object
// (or, for a customer, on its undeclared children) is a failure; what could not be read is an
// error, and so is every declared object under it (nothing read, so no verdict: never a pass);
// an object the planner could not compare (plan.license_sku_unknown) is skipped; pending, accepted
// and utilisation notes go to system-out. CI test tabs show it as tests.
import {
  NOT_COMPARED_WARNINGS,
  type DeclaredObject,
  type DriftFinding,
  type DriftReport,
} from "../../drift/drift-report.js";
import { escapeXml } from "../escape.js";

export function renderDriftJunit(report: DriftReport): string {
  const failOn = new Set(report.failOn);
  const byAddress = new Map<string, DriftFinding[]>();
  const known = new Set(report.declared.map((d) => d.address));
  const unreadable = report.findings.filter((f) => f.category === "unknown");
  const notCompared = new Map(
    report.warnings.filter((w) => NOT_COMPARED_WARNINGS.has(w.code)).map((w) => [w.address, w]),
  );
  for (const f of report.findings) {
    const owner = ownerOf(f, known);
    const list = byAddress.get(owner) ?? [];
    list.push(f);
    byAddress.set(owner, list);
  }
  const suites: string[] = [];
  let total = 0,
    failures = 0,
    errors = 0,
    skipped = 0;
  const declaredBy = new Map<string, DeclaredObject[]>();
  for (const d of report.declared) declaredBy.set(d.customer, [...(declaredBy.get(d.customer) ?? []), d]);
  const customers = [...declaredBy.keys()];
  for (const customer of customers) {
    const cases: string[] = [];
    let suiteFailures = 0,
      suiteErrors = 0,
      suiteSkipped = 0;
    const objects = declaredBy.get(customer) ?? [];
    for (const object of objects) {
      const findings = byAddress.get(object.address) ?? [];
      const unknown = [
        ...findings.filter((f) => f.category === "unknown"),
        ...unreadable.filter((f) => object.address.startsWith(`${f.address}/`)),
      ];
      const failing = findings.filter((f) => failOn.has(f.category) && f.category !== "unknown");
      const notes = findings.filter((f) => !failOn.has(f.category) && f.category !== "unknown");
      const attrs = `name="${escapeXml(object.address)}" classname="${escapeXml(`cspctl.drift.${customer}`)}"${object.source ? ` file="${escapeXml(object.source.file)}" line="${object.source.line}"` : ""} time="0"`;
      const body: string[] = [];
      if (unknown.length > 0) {
        suiteErrors++;
        body.push(
          `<error message="${escapeXml(unknown[0]!.message)}" type="unknown">${escapeXml(unknown.map(describe).join("\n"))}</error>`,
        );
      } else if (failing.length > 0) {
        suiteFailures++;
        body.push(
          `<failure message="${escapeXml(`${failing.length} drift finding(s): ${failing.map((f) => f.category).join(", ")}`)}" type="drift">${escapeXml(failing.map(describe).join("\n"))}</failure>`,
        );
      } else if (notCompared.has(object.address)) {
        suiteSkipped++;
        body.push(`<skipped message="${escapeXml(`not compared: ${notCompared.get(object.address)!.message}`)}"/>`);
      }
      if (notes.length > 0) body.push(`<system-out>${escapeXml(notes.map(describe).join("\n"))}</system-out>`);
      cases.push(
        body.length === 0
          ? `    <testcase ${attrs}/>`
          : `    <testcase ${attrs}>\n      ${body.join("\n      ")}\n    </testcase>`,
      );
    }
    total += objects.length;
    failures += suiteFailures;
    errors += suiteErrors;
    skipped += suiteSkipped;
    suites.push(
      `  <testsuite name="${escapeXml(`customer:${customer}`)}" tests="${objects.length}" failures="${suiteFailures}" errors="${suiteErrors}" skipped="${suiteSkipped}" time="0" timestamp="${report.generatedAt.replace(/\.\d+Z$|Z$/, "")}">\n${cases.join("\n")}\n  </testsuite>`,
    );
  }
  // Customers in Partner Center that no document declares (`--all`) have no test case of their own:
  // one suite lists them, so CI shows them too.
  const undeclared = report.findings.filter((f) => f.customer === null);
  if (undeclared.length > 0) {
    const failing = failOn.has("unmanaged");
    const cases = undeclared.map((f) => {
      const body = failing
        ? `<failure message="${escapeXml(f.message)}" type="${f.category}">${escapeXml(describe(f))}</failure>`
        : `<system-out>${escapeXml(describe(f))}</system-out>`;
      return `    <testcase name="${escapeXml(f.address)}" classname="cspctl.drift.undeclared" time="0">\n      ${body}\n    </testcase>`;
    });
    total += undeclared.length;
    if (failing) failures += undeclared.length;
    suites.push(
      `  <testsuite name="undeclared customers" tests="${undeclared.length}" failures="${failing ? undeclared.length : 0}" errors="0" skipped="0" time="0" timestamp="${report.generatedAt.replace(/\.\d+Z$|Z$/, "")}">\n${cases.join("\n")}\n  </testsuite>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="cspctl drift" tests="${total}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="0">\n${suites.join("\n")}\n</testsuites>\n`;
}

/** The declared object a finding belongs to: itself, or its nearest declared parent. */
function ownerOf(f: DriftFinding, known: ReadonlySet<string>): string {
  let address = f.address;
  for (;;) {
    if (known.has(address)) return address;
    const cut = address.lastIndexOf("/");
    if (cut < 0) return f.customer === null ? "" : `customer:${f.customer}`;
    address = address.slice(0, cut);
  }
}

function describe(f: DriftFinding): string {
  const fix = f.fix.step ? ` fix: apply would ${f.fix.step.action}` : f.fix.note ? ` note: ${f.fix.note}` : "";
  return `[${f.category}] ${f.address}: ${f.message}${fix}`;
}
