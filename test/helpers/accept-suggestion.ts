// Writes a drift finding's suggested YAML into the estate, the way a user would paste it, so a test
// can load the result back through the real loader. Each alternative ("# or …") gives one estate.
import { isMap, isSeq, parse, parseAllDocuments, type YAMLMap } from "yaml";
import type { DriftFinding } from "../../reconciler/drift/drift-report.js";

/** Placeholders a suggestion asks the user to fill, filled the way a user would. */
const PLACEHOLDERS: [RegExp, string][] = [
  [/<name>/g, "accepted"],
  [/<first>/g, "First"],
  [/<last>/g, "Last"],
  [/YYYY-MM-DD/g, "2099-12-31"],
];

export function estatesWithSuggestion(estateYaml: string, finding: DriftFinding): string[] {
  if (finding.fix.yaml === undefined) return [];
  return finding.fix.yaml
    .split(/^# or [^\n]*\n?/m)
    .map((part) => PLACEHOLDERS.reduce((text, [pattern, value]) => text.replace(pattern, value), part))
    .map((part) => pasted(estateYaml, finding, parse(part) as Record<string, unknown> | null));
}

function pasted(estateYaml: string, finding: DriftFinding, fragment: Record<string, unknown> | null): string {
  const docs = parseAllDocuments(estateYaml);
  if (fragment === null) return estateYaml; // a comment: remove or keep, nothing to paste
  const doc = docs.find((d) => d.getIn(["metadata", "name"]) === finding.customer);
  if (doc === undefined) throw new Error(`no document declares ${finding.customer}`);
  const spec = doc.get("spec") as YAMLMap;
  const scoped = /\/(subscription|user):([^/]+)$/.exec(finding.address);
  const specLevel = Object.keys(fragment).some((k) =>
    ["policy", "subscriptions", "users", "billing", "company"].includes(k),
  );
  const target = scoped && !specLevel ? item(spec, scoped[1] === "user" ? "users" : "subscriptions", scoped[2]!) : spec;
  if (target === undefined)
    throw new Error(`${finding.address} is not declared: nowhere to paste ${JSON.stringify(fragment)}`);
  for (const [key, value] of Object.entries(fragment)) {
    const held = target.get(key);
    if (isSeq(held) && Array.isArray(value)) for (const v of value) held.add(doc.createNode(v));
    else if (isMap(held) && value !== null && typeof value === "object")
      for (const [k, v] of Object.entries(value)) held.set(k, doc.createNode(v));
    else target.set(key, doc.createNode(value));
  }
  return docs.map((d) => d.toString()).join("---\n");
}

function item(spec: YAMLMap, list: string, key: string): YAMLMap | undefined {
  const items = (spec.get(list) as { items?: YAMLMap[] } | undefined)?.items ?? [];
  const idKey = list === "users" ? "userPrincipalName" : "name";
  for (const entry of items) {
    if (String(entry.get(idKey)).toLowerCase() === key.toLowerCase()) return entry;
    const addon = (entry.get("addons") as { items?: YAMLMap[] } | undefined)?.items?.find((a) => a.get("name") === key);
    if (addon !== undefined) return addon;
  }
  return undefined;
}
