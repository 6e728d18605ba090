// Load for the emulator-throughput scenario: the built `cspctl emulator` runs as its own process (as
// partners run it) and a keep-alive undici pool drives customer and subscription reads with 32
// requests in flight. Goal: ≥ 2,000 requests/s per read route.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { Pool, request } from "undici";
import { nextLine } from "./emulator-process.js";

const DURATION_MS = 3_000;
/** JIT and TLS handshakes first: a cold server measures the compiler, not the emulator. */
const WARM_UP_MS = 1_500;
/** Requests the load keeps in flight (the plan scenarios' client cap is a different quantity). */
export const LOAD_IN_FLIGHT = 32;
export const THROUGHPUT_GOAL = 2_000;

interface EmulatorLine {
  env: Record<string, string>;
  controlUrl: string;
  adminKey: string;
}

export interface RouteThroughput {
  name: string;
  requests: number;
  seconds: number;
  perSecond: number;
  failures: number;
  statuses: string;
}

/** Drives each read route for `durationMs` after a warm-up; the emulator runs as its own process. */
export async function measureEmulatorThroughput(
  durationMs = DURATION_MS,
  warmUpMs = WARM_UP_MS,
): Promise<RouteThroughput[]> {
  const mainJs = fileURLToPath(new URL("../../cli/main.js", import.meta.url));
  const child = spawn(process.execPath, [mainJs, "emulator", "--port", "0"], { stdio: ["ignore", "pipe", "ignore"] });
  try {
    const lines = createInterface({ input: child.stdout! });
    const line = JSON.parse(await nextLine(lines, child)) as EmulatorLine;
    lines.close();
    const ca = await readFile(line.env.CSPCTL_CA_FILE!, "utf8");
    const origin = line.env.CSPCTL_PARTNER_CENTER_URL!;
    const pool = new Pool(origin, { connect: { ca }, connections: 8, pipelining: 1 });
    try {
      const customerId = randomUUID();
      await post(
        pool,
        `${line.controlUrl}/seed`,
        { "x-emulator-key": line.adminKey, "content-type": "application/json" },
        JSON.stringify(benchSeed(line.env.CSPCTL_TENANT_ID!, customerId)),
      );
      const token = await appToken(pool, line.env);
      const headers = { authorization: `Bearer ${token}`, accept: "application/json" };
      const routes: RouteThroughput[] = [];
      for (const [name, path] of [
        ["GET /v1/customers", "/v1/customers"],
        ["GET /v1/customers/{id}", `/v1/customers/${customerId}`],
        ["GET /v1/customers/{id}/subscriptions", `/v1/customers/${customerId}/subscriptions`],
      ] as const) {
        await drive(pool, path, headers, warmUpMs);
        routes.push({ name, ...(await drive(pool, path, headers, durationMs)) });
      }
      return routes;
    } finally {
      await pool.close();
    }
  } finally {
    child.kill("SIGTERM");
  }
}

async function drive(
  pool: Pool,
  path: string,
  headers: Record<string, string>,
  durationMs: number,
): Promise<Omit<RouteThroughput, "name">> {
  let completed = 0;
  let failures = 0;
  const statuses = new Set<number>();
  const started = performance.now();
  const deadline = started + durationMs;
  const worker = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const response = await pool.request({ path, method: "GET", headers });
      await response.body.dump();
      if (response.statusCode !== 200) {
        failures++;
        statuses.add(response.statusCode);
      }
      completed++;
    }
  };
  await Promise.all(Array.from({ length: LOAD_IN_FLIGHT }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { requests: completed, seconds, perSecond: completed / seconds, failures, statuses: [...statuses].join(",") };
}

async function appToken(pool: Pool, env: Record<string, string>): Promise<string> {
  const form = new URLSearchParams({
    grant_type: "client_credentials",
    client_id: env.CSPCTL_CLIENT_ID!,
    client_secret: env.CSPCTL_CLIENT_SECRET!,
    scope: "https://api.partnercenter.microsoft.com/.default",
  });
  const body = await post(
    pool,
    `${env.CSPCTL_AUTHORITY}/${env.CSPCTL_TENANT_ID}/oauth2/v2.0/token`,
    { "content-type": "application/x-www-form-urlencoded" },
    form.toString(),
  );
  return (JSON.parse(body) as { access_token: string }).access_token;
}

async function post(pool: Pool, url: string, headers: Record<string, string>, body: string): Promise<string> {
  const response = await request(url, { method: "POST", headers, body, dispatcher: pool });
  const text = await response.body.text();
  if (response.statusCode >= 300)
    throw new Error(`bench setup: POST ${new URL(url).pathname} answered ${response.statusCode}: ${text}`);
  return text;
}

function benchSeed(partnerTenantId: string, customerId: string): unknown {
  const customers = Array.from({ length: 40 }, (_, i) => ({
    tenantId: i === 0 ? customerId : randomUUID(),
    domain: `bench${i}-${randomUUID().slice(0, 8)}.onmicrosoft.com`,
    companyName: `Bench Customer ${i}`,
    subscriptions:
      i === 0
        ? [
            { offerId: "CFQ7TTC0LH18:0001", quantity: 10 },
            { offerId: "CFQ7TTC0LDPB:0001", quantity: 5 },
          ]
        : [],
  }));
  return { partners: [{ tenantId: partnerTenantId, customers }] };
}
