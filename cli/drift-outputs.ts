// `--format`/`--out` pairs of `cspctl drift`: the n-th --out is where the n-th --format goes;
// one format may go to stdout (the last one, when it has no --out).
import { CspctlError } from "../core/errors.js";
import { DRIFT_CATEGORIES, type DriftCategory } from "../reconciler/drift/drift-report.js";
import { REPORT_FORMATS, type ReportFormat } from "../reconciler/render/drift/render-report.js";

export interface DriftOutput {
  format: ReportFormat;
  /** undefined = stdout */
  file?: string;
}

export function parseOutputs(
  formats: readonly string[] | undefined,
  outputs: readonly string[] | undefined,
  json: boolean,
): DriftOutput[] {
  const wanted = formats && formats.length > 0 ? [...formats] : [json ? "json" : "text"];
  const files = outputs ?? [];
  for (const f of wanted) {
    if (!(REPORT_FORMATS as readonly string[]).includes(f))
      throw usage(`--format ${f}: expected one of ${REPORT_FORMATS.join(", ")}`, "for example --format markdown");
  }
  if (files.length > wanted.length || files.length < wanted.length - 1) {
    throw usage(
      `${wanted.length} --format and ${files.length} --out: each --format needs its --out, except the last, which may go to stdout`,
      "cspctl drift estate/ --format html --out drift.html --format junit --out drift.xml",
    );
  }
  return wanted.map((format, i) => ({
    format: format as ReportFormat,
    ...(files[i] !== undefined ? { file: files[i] } : {}),
  }));
}

/** `14d`, `14`, `2w` → days. */
export function parseHorizon(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const match = /^(\d+)\s*([dw]?)$/i.exec(text.trim());
  if (!match) throw usage(`--horizon ${text}: expected a number of days such as 14d or 2w`, "--horizon 30d");
  return Number(match[1]) * (match[2]?.toLowerCase() === "w" ? 7 : 1);
}

export function parseFailOn(values: readonly string[] | undefined): DriftCategory[] | undefined {
  if (values === undefined || values.length === 0) return undefined;
  const list = values
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);
  for (const c of list)
    if (!(DRIFT_CATEGORIES as readonly string[]).includes(c))
      throw usage(
        `--fail-on ${c}: expected categories among ${DRIFT_CATEGORIES.join(", ")}`,
        "--fail-on changed,missing,unmanaged,pending",
      );
  return list as DriftCategory[];
}

function usage(message: string, hint: string): CspctlError {
  return new CspctlError({ code: "cli.usage", message, hint });
}
