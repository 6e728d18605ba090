import type { BenchCase } from "../run.js";
import { loadEstateBench } from "./load-estate.js";
import { clientThroughput } from "./client-throughput.js";
import { persistWriteCost } from "./persist-write-cost.js";
import { billingReportBench } from "./billing-report.js";
import { reportDashboard } from "./report-dashboard.js";

/** One entry per benchmark module; each returns rows for the table. */
export const benchCases: Record<string, BenchCase> = {
  "client-throughput": clientThroughput,
  "load-estate": loadEstateBench,
  "persist-write-cost": persistWriteCost,
  "billing-report": billingReportBench,
  "report-dashboard": reportDashboard,
};
