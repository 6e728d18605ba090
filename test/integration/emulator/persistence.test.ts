// --emulator-dir: the built CLI is SIGKILLed in the middle of a stream of writes and restarted on the
// same directory. Every acknowledged write must be there, the state must load, and retrying the
// unanswered writes with their MS-RequestId must neither lose nor duplicate anything.
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { Agent, request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const MAIN = join(process.cwd(), "dist/cli/main.js");

interface Started {
  child: ChildProcess;
  env: Record<string, string>;
  controlUrl: string;
  adminKey: string;
  agent: Agent;
}

let dataDir: string;
const running: Started[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "cspctl-persist-"));
});
afterAll(async () => {
  for (const started of running) {
    started.child.kill("SIGKILL");
    await started.agent.close();
  }
  await rm(dataDir, { recursive: true, force: true });
});

async function startCli(): Promise<Started> {
  const child = spawn(process.execPath, [MAIN, "emulator", "--port", "0", "--emulator-dir", dataDir], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`emulator exited with ${String(code)}: ${stderr}`)));
  });
  const parsed = JSON.parse(line) as Omit<Started, "child" | "agent">;
  const agent = new Agent({ connect: { ca: await readFile(parsed.env.CSPCTL_CA_FILE!, "utf8") } });
  const started = { ...parsed, child, agent };
  running.push(started);
  return started;
}

async function call(
  started: Started,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; body: unknown }> {
  const response = await request(`${started.env.CSPCTL_PARTNER_CENTER_URL}${path}`, {
    method: method as "GET",
    headers,
    body,
    dispatcher: started.agent,
  });
  const text = await response.body.text();
  return { status: response.statusCode, body: text === "" ? undefined : JSON.parse(text) };
}

async function appToken(started: Started): Promise<string> {
  const { env } = started;
  const form = new URLSearchParams({
    grant_type: "client_credentials",
    client_id: env.CSPCTL_CLIENT_ID!,
    client_secret: env.CSPCTL_CLIENT_SECRET!,
    scope: "https://api.partnercenter.microsoft.com/.default",
  });
  const response = await request(`${env.CSPCTL_AUTHORITY}/${env.CSPCTL_TENANT_ID}/oauth2/v2.0/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form.toString(),
    dispatcher: started.agent,
  });
  return ((await response.body.json()) as { access_token: string }).access_token;
}

function customerBody(domain: string): string {
  return JSON.stringify({
    companyProfile: { domain },
    billingProfile: {
      culture: "en-US",
      email: "b@example.com",
      language: "en",
      companyName: domain,
      defaultAddress: {
        firstName: "Ada",
        lastName: "Lovelace",
        addressLine1: "1 Main St",
        city: "Redmond",
        state: "WA",
        postalCode: "98052",
        country: "US",
      },
    },
  });
}

async function listCustomerDomains(started: Started, token: string): Promise<string[]> {
  const result = await call(started, "GET", "/v1/customers?size=500", { authorization: `Bearer ${token}` });
  expect(result.status).toBe(200);
  return (result.body as { items: { companyProfile: { domain: string } }[] }).items.map((c) => c.companyProfile.domain);
}

describe("persistence across a SIGKILL", () => {
  it("keeps every acknowledged write and dedupes retries of the unanswered ones", { timeout: 120_000 }, async () => {
    expect(existsSync(MAIN), "run `npx tsc -p tsconfig.json` first: the test spawns the built CLI").toBe(true);
    const first = await startCli();
    const token = await appToken(first);
    const writes = Array.from({ length: 200 }, () => ({
      requestId: randomUUID(),
      domain: `persist${randomUUID().slice(0, 8)}.onmicrosoft.com`,
    }));
    const acknowledged = new Map<string, string>();
    let next = 0;
    let killed = false;
    const worker = async (): Promise<void> => {
      while (!killed && next < writes.length) {
        const write = writes[next++]!;
        try {
          const result = await call(
            first,
            "POST",
            "/v1/customers",
            { authorization: `Bearer ${token}`, "ms-requestid": write.requestId, "content-type": "application/json" },
            customerBody(write.domain),
          );
          if (result.status === 201) acknowledged.set(write.requestId, (result.body as { id: string }).id);
          if (acknowledged.size >= 25 && !killed) {
            killed = true;
            first.child.kill("SIGKILL");
          }
        } catch {
          // The connection died with the process: this write is unanswered.
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    if (!killed) first.child.kill("SIGKILL");
    expect(killed, "the stream ended before 25 writes were acknowledged").toBe(true);
    await new Promise((resolve) =>
      first.child.exitCode !== null || first.child.signalCode !== null
        ? resolve(undefined)
        : first.child.once("exit", resolve),
    );
    expect(killed).toBe(true);
    expect(acknowledged.size).toBeGreaterThanOrEqual(25);

    const second = await startCli();
    expect(second.env.CSPCTL_CLIENT_SECRET).toBe(first.env.CSPCTL_CLIENT_SECRET);
    // The signing key survived too: the token from before the kill still works.
    const domainsAfterRestart = await listCustomerDomains(second, token);
    const attempted = writes.slice(0, next);
    for (const write of attempted) {
      if (acknowledged.has(write.requestId)) expect(domainsAfterRestart).toContain(write.domain);
    }
    expect(new Set(domainsAfterRestart).size).toBe(domainsAfterRestart.length);

    // Retry every attempted write with its own MS-RequestId: committed ones replay, lost ones run now.
    for (const write of attempted) {
      const retried = await call(
        second,
        "POST",
        "/v1/customers",
        { authorization: `Bearer ${token}`, "ms-requestid": write.requestId, "content-type": "application/json" },
        customerBody(write.domain),
      );
      expect(retried.status, JSON.stringify(retried.body)).toBe(201);
      const firstId = acknowledged.get(write.requestId);
      if (firstId !== undefined) expect((retried.body as { id: string }).id).toBe(firstId);
    }
    const finalDomains = await listCustomerDomains(second, token);
    expect(finalDomains.filter((d) => d.startsWith("persist")).sort()).toEqual(attempted.map((w) => w.domain).sort());

    second.child.kill("SIGTERM");
    const exitCode = await new Promise<number | null>((resolve) => second.child.once("exit", (code) => resolve(code)));
    expect(exitCode).toBe(0);
  });

  it("keeps every refresh token it handed out before a SIGKILL in the middle of a stream of grants", {
    timeout: 60_000,
  }, async () => {
    const first = await startCli();
    const { env } = first;
    const grant = async (
      started: Started,
      refreshToken: string,
    ): Promise<{ status: number; refreshToken?: string }> => {
      const form = new URLSearchParams({
        grant_type: "refresh_token",
        client_id: env.CSPCTL_CLIENT_ID!,
        client_secret: env.CSPCTL_CLIENT_SECRET!,
        refresh_token: refreshToken,
        scope: "https://graph.microsoft.com/.default offline_access",
      });
      const response = await request(`${started.env.CSPCTL_AUTHORITY}/${env.CSPCTL_TENANT_ID}/oauth2/v2.0/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: form.toString(),
        dispatcher: started.agent,
      });
      const body = (await response.body.json()) as { refresh_token?: string };
      return { status: response.statusCode, refreshToken: body.refresh_token };
    };
    const handedOut: string[] = [];
    let killed = false;
    const worker = async (): Promise<void> => {
      let token = env.CSPCTL_REFRESH_TOKEN!;
      while (!killed) {
        try {
          const answer = await grant(first, token);
          if (answer.status === 200 && answer.refreshToken !== undefined) {
            handedOut.push(answer.refreshToken);
            token = answer.refreshToken;
          }
          if (handedOut.length >= 40 && !killed) {
            killed = true;
            first.child.kill("SIGKILL");
          }
        } catch {
          return; // the connection died with the process
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    await new Promise((resolve) =>
      first.child.exitCode !== null || first.child.signalCode !== null
        ? resolve(undefined)
        : first.child.once("exit", resolve),
    );
    expect(handedOut.length).toBeGreaterThanOrEqual(40);

    const second = await startCli();
    for (const token of handedOut) expect((await grant(second, token)).status).toBe(200);
    second.child.kill("SIGTERM");
    await new Promise((resolve) => second.child.once("exit", resolve));
  });
});
