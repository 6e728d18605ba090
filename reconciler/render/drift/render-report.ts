// One entry point for every drift report format.
import type { DriftReport } from "../../drift/drift-report.js";
import { renderDriftHtml } from "./report-html.js";
import { renderDriftJunit } from "./report-junit.js";
import { renderDriftMarkdown } from "./report-markdown.js";
import { renderDriftSarif } from "./report-sarif.js";
import { renderDriftText } from "./report-text.js";

export const REPORT_FORMATS = ["text", "json", "markdown", "html", "junit", "sarif"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderReportOptions {
  color?: boolean;
  toolVersion?: string;
}

export function renderDriftReport(
  report: DriftReport,
  format: ReportFormat,
  options: RenderReportOptions = {},
): string {
  switch (format) {
    case "text":
      return renderDriftText(report, { color: options.color === true });
    case "json":
      return `${JSON.stringify(report, null, 2)}\n`;
    case "markdown":
      return renderDriftMarkdown(report);
    case "html":
      return renderDriftHtml(report);
    case "junit":
      return renderDriftJunit(report);
    case "sarif":
      return renderDriftSarif(report, options.toolVersion ? { toolVersion: options.toolVersion } : {});
  }
}
