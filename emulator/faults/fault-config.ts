// The fault settings of PUT /_emulator/faults and of the CLI flags, validated as data.
import { partnerCenterError, type EmulatorHttpError } from "../errors.js";

export interface FaultConfig {
  /** Seed of the PRNG behind jitter, errorRate and dropRate. */
  seed: number;
  /** Partner Center: requests per minute per partner tenant before 429; null = unlimited. Not Graph. */
  rateLimitPerMinute: number | null;
  /**
   * Graph: resource units per ten seconds per application and tenant before 429 (Microsoft's
   * identity limit is 3,500 for a tenant under 50 users, 5,000 up to 500, 8,000 above); null = unlimited.
   */
  graphResourceUnitsPer10Seconds: number | null;
  /** Fixed delay before every API answer. */
  latencyMs: number;
  /** Extra delay, uniformly 0..jitterMs. */
  jitterMs: number;
  /** Share (0..1) of API requests answered 503 without running the handler. */
  errorRate: number;
  /** Share (0..1) of writes that are committed and then answered by closing the connection. */
  dropRate: number;
  /** Seconds (emulator clock) a new customer cannot place orders. */
  slowStartSeconds: number;
  /** Limits errorRate and dropRate to these routes (`POST /v1/customers/{customerId}/carts`); null = all. */
  routes: string[] | null;
}

export const NO_FAULTS: FaultConfig = Object.freeze({
  seed: 1,
  rateLimitPerMinute: null,
  graphResourceUnitsPer10Seconds: null,
  latencyMs: 0,
  jitterMs: 0,
  errorRate: 0,
  dropRate: 0,
  slowStartSeconds: 0,
  routes: null,
}) as FaultConfig;

type Check = (value: unknown) => string | undefined;
const nonNegative: Check = (v) =>
  typeof v === "number" && Number.isFinite(v) && v >= 0 ? undefined : "must be a number ≥ 0";
const share: Check = (v) => (typeof v === "number" && v >= 0 && v <= 1 ? undefined : "must be a number from 0 to 1");
const positiveOrNull: Check = (v) =>
  v === null || (typeof v === "number" && Number.isInteger(v) && v > 0)
    ? undefined
    : "must be a positive integer or null";
const integer: Check = (v) => (typeof v === "number" && Number.isInteger(v) ? undefined : "must be an integer");
const routeList: Check = (v) =>
  v === null || (Array.isArray(v) && v.every((r) => typeof r === "string" && /^[A-Z]+ \//.test(r)))
    ? undefined
    : 'must be null or a list like ["POST /v1/customers/{customerId}/carts"]';

const CHECKS: Record<keyof FaultConfig, Check> = {
  seed: integer,
  rateLimitPerMinute: positiveOrNull,
  graphResourceUnitsPer10Seconds: positiveOrNull,
  latencyMs: nonNegative,
  jitterMs: nonNegative,
  errorRate: share,
  dropRate: share,
  slowStartSeconds: nonNegative,
  routes: routeList,
};

/** Fields left out keep their "off" value: PUT replaces the whole fault configuration. */
export function parseFaultConfig(body: unknown): FaultConfig {
  if (body === null || typeof body !== "object" || Array.isArray(body))
    throw invalid(["the body must be a JSON object"]);
  const problems: string[] = [];
  const config: Record<string, unknown> = { ...NO_FAULTS };
  for (const [field, value] of Object.entries(body)) {
    if (!Object.hasOwn(CHECKS, field)) {
      problems.push(`unknown field "${field}" (known: ${Object.keys(CHECKS).join(", ")})`);
      continue;
    }
    const problem = CHECKS[field as keyof FaultConfig](value);
    if (problem !== undefined) problems.push(`${field} ${problem}`);
    else config[field] = value;
  }
  if (problems.length > 0) throw invalid(problems);
  return config as unknown as FaultConfig;
}

function invalid(problems: string[]): EmulatorHttpError {
  return partnerCenterError(400, "invalid_faults", `Invalid fault configuration: ${problems.join("; ")}.`, problems);
}
