import type { BenchCase } from "../run.js";

/** One entry per benchmark module; each returns rows for the table. */
export const benchCases: Record<string, BenchCase> = {
};
