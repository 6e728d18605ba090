// What one write costs the emulator on --emulator-dir, at 100 and at 10,000 customers: a refresh-token
// grant (the write every Graph token of a plan makes) and a subscription PATCH, each timed over
// HTTPS against two emulators in this process, one per size, running side by side; their writes
// alternate, so a busy machine slows both alike, and each figure is the median of its writes. With
// a cost that follows the change, not the state, the two sizes cost about the same.
import { randomUUID } from "node:crypto";
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Agent, request } from "undici";
import { startEmulator } from "../../emulator/index.js";
import type { BenchCase, BenchResult } from "../run.js";

const SIZES = [100, 10_000] as const;
const WRITES = 40;
const USERS_PER_CUSTOMER = 5;
const SEED_BATCH = 1_000;
/** Ratio of the per-write cost at 10,000 customers over that at 100 this case holds to. */
const COST_RATIO_GOAL = 2;

interface WriteCost {
  refreshGrantMs: number;
  subscriptionPatchMs: number;
  stateBytes: number;
}

interface SeededEmulator {
  grant(): Promise<void>;
  patch(): Promise<void>;
  stateBytes(): Promise<number>;
  close(): Promise<void>;
}

function customerSeed(index: number): { seed: unknown; customerId: string; subscriptionId: string } {
  const customerId = randomUUID();
  const subscriptionId = randomUUID();
  const domain = `persist${index}.onmicrosoft.com`;
  return {
    customerId,
    subscriptionId,
    seed: {
      tenantId: customerId,
      domain,
      companyName: `Persist ${index}`,
      subscriptions: [
        {
          id: subscriptionId,
          offerId: "CFQ7TTC0LH18:0001",
          quantity: 10,
          termDuration: "P1Y",
          billingCycle: "monthly",
        },
      ],
      users: Array.from({ length: USERS_PER_CUSTOMER }, (_, u) => ({
        userPrincipalName: `user${u}@${domain}`,
        displayName: `User ${u}`,
        firstName: "User",
        lastName: String(u),
        accountEnabled: true,
      })),
    },
  };
}

async function seededEmulator(customers: number): Promise<SeededEmulator> {
  const dataDir = await mkdtemp(join(tmpdir(), "cspctl-bench-persist-"));
  const emulator = await startEmulator({
    dataDir,
    log: () => undefined,
    domainConfig: { provisioningDelaySeconds: 0 },
  });
  const agent = new Agent({ connect: { ca: emulator.caPem } });
  const close = async (): Promise<void> => {
    await agent.close();
    await emulator.close();
    await rm(dataDir, { recursive: true, force: true });
  };
  const send = async (
    url: string,
    init: { method: "POST" | "PATCH"; headers: Record<string, string>; body: string },
  ): Promise<string> => {
    const response = await request(url, { ...init, dispatcher: agent });
    const text = await response.body.text();
    if (response.statusCode >= 300)
      throw new Error(`bench: ${init.method} ${url} answered ${response.statusCode}: ${text.slice(0, 200)}`);
    return text;
  };
  try {
    const env = emulator.env;
    const seeded = Array.from({ length: customers }, (_, index) => customerSeed(index));
    for (let i = 0; i < seeded.length; i += SEED_BATCH) {
      const body = {
        partners: [{ tenantId: env.CSPCTL_TENANT_ID, customers: seeded.slice(i, i + SEED_BATCH).map((c) => c.seed) }],
      };
      await send(`${emulator.controlUrl}/seed`, {
        method: "POST",
        headers: { "x-emulator-key": emulator.adminKey, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    }
    const tokenUrl = `${env.CSPCTL_AUTHORITY}/${env.CSPCTL_TENANT_ID}/oauth2/v2.0/token`;
    const form = { "content-type": "application/x-www-form-urlencoded" };
    let refreshToken = env.CSPCTL_REFRESH_TOKEN!;
    let accessToken = "";
    let quantity = 10;
    const grant = async (): Promise<void> => {
      const body = new URLSearchParams({
        grant_type: "refresh_token",
        client_id: env.CSPCTL_CLIENT_ID!,
        client_secret: env.CSPCTL_CLIENT_SECRET!,
        refresh_token: refreshToken,
        scope: "https://api.partnercenter.microsoft.com/.default offline_access",
      });
      const answer = JSON.parse(await send(tokenUrl, { method: "POST", headers: form, body: body.toString() })) as {
        refresh_token: string;
        access_token: string;
      };
      refreshToken = answer.refresh_token;
      accessToken = answer.access_token;
    };
    await grant();
    return {
      grant,
      patch: async () => {
        const target = seeded[Math.floor(Math.random() * seeded.length)]!;
        quantity += 1;
        await send(
          `${env.CSPCTL_PARTNER_CENTER_URL}/v1/customers/${target.customerId}/subscriptions/${target.subscriptionId}`,
          {
            method: "PATCH",
            headers: {
              authorization: `Bearer ${accessToken}`,
              "content-type": "application/json",
              "ms-requestid": randomUUID(),
            },
            body: JSON.stringify({ quantity }),
          },
        );
      },
      stateBytes: () => folderBytes(dataDir),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Median milliseconds of one write on each emulator, their writes taking turns. */
async function alternate(writes: (() => Promise<void>)[]): Promise<number[]> {
  const times = writes.map((): number[] => []);
  for (let i = 0; i < WRITES; i++) {
    for (const [index, write] of writes.entries()) {
      const started = performance.now();
      await write();
      times[index]!.push(performance.now() - started);
    }
  }
  return times.map((list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)]!);
}

async function folderBytes(directory: string): Promise<number> {
  let total = 0;
  for (const name of await readdir(directory)) total += (await stat(join(directory, name))).size;
  return total;
}

export const persistWriteCost: BenchCase = async () => {
  const emulators: SeededEmulator[] = [];
  const costs = new Map<number, WriteCost>();
  try {
    for (const size of SIZES) emulators.push(await seededEmulator(size));
    const grants = await alternate(emulators.map((e) => e.grant));
    const patches = await alternate(emulators.map((e) => e.patch));
    for (const [index, size] of SIZES.entries())
      costs.set(size, {
        refreshGrantMs: grants[index]!,
        subscriptionPatchMs: patches[index]!,
        stateBytes: await emulators[index]!.stateBytes(),
      });
  } finally {
    for (const emulator of emulators) await emulator.close();
  }
  const small = costs.get(SIZES[0])!;
  const large = costs.get(SIZES[1])!;
  const results: BenchResult[] = [];
  for (const [label, key] of [
    ["refresh grant", "refreshGrantMs"],
    ["subscription PATCH", "subscriptionPatchMs"],
  ] as const) {
    for (const size of SIZES) {
      const cost = costs.get(size)!;
      results.push({
        name: `persist: ${label}, ${size.toLocaleString("en")} customers`,
        value: cost[key],
        unit: "ms",
        target: "",
        met: null,
        note: `median of ${WRITES}; --emulator-dir holds ${(cost.stateBytes / 1_048_576).toFixed(1)} MiB`,
      });
    }
    const costRatio = large[key] / small[key];
    results.push({
      name: `persist: ${label}, 10,000 / 100 customers`,
      value: costRatio,
      unit: "x",
      target: `<= ${COST_RATIO_GOAL}`,
      met: costRatio <= COST_RATIO_GOAL,
    });
  }
  return results;
};
