// examples/broken: one file per class of mistake, each with its expected diagnostics as a golden file,
// and every diagnostic's full span (start and end) in broken-spans.json (the text shows only the start).
// Regenerate the goldens after an intended change with: UPDATE_GOLDEN=1 npx vitest run test/unit/load/golden.test.ts
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderValidationReport } from "../../../reconciler/render/diagnostics/diagnostics-human.js";
import { toValidationReport } from "../../../reconciler/render/diagnostics/validation-report.js";
import { loadEstate } from "../../../reconciler/index.js";

const repo = join(import.meta.dirname, "..", "..", "..");
const brokenDir = join(repo, "examples", "broken");
const broken = readdirSync(brokenDir)
  .filter((f) => f.endsWith(".yaml"))
  .sort();

const spansGolden = join(import.meta.dirname, "broken-spans.json");
const spans: Record<string, string[]> = JSON.parse(readFileSync(spansGolden, "utf8"));

describe("examples/broken goldens", () => {
  it("has one example per class of mistake", () => {
    expect(broken.length).toBeGreaterThanOrEqual(15);
  });

  it.each(broken)("%s matches its .expected.txt", async (file) => {
    const result = await loadEstate(join("examples", "broken", file), { cwd: repo, env: {} });
    const text = renderValidationReport(toValidationReport(result));
    const golden = join(brokenDir, file.replace(/\.yaml$/, ".expected.txt"));
    if (process.env.UPDATE_GOLDEN === "1") writeFileSync(golden, text);
    expect(result.valid).toBe(false);
    expect(text).toBe(readFileSync(golden, "utf8"));
    const full = result.diagnostics.map(
      (d) => `${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.severity} ${d.code}`,
    );
    if (process.env.UPDATE_GOLDEN === "1") {
      spans[file] = full;
      writeFileSync(spansGolden, `${JSON.stringify(spans, Object.keys(spans).sort(), 2)}\n`);
    }
    expect(full).toEqual(spans[file]);
  });
});
