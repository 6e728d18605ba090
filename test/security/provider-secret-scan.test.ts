// Secret scanning of the Pulumi provider: its methods (check, create, read, diff, update, delete)
// run against an emulator with a known client secret and refresh token, including a generated
// password and a refused credential. Every method result (what Pulumi would store in state),
// every error and everything the process printed is scanned for the secret, every token the
// provider sent or received, every refresh token issued, and the generated password — whose one
// allowed place is the user's `password` output, which Pulumi marks secret.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { providerFor } from "../../provider/provider-for.js";
import { startEmulator, type TestEmulator } from "../helpers/emulator.js";
import { knownPartner, seedOf, type KnownPartner } from "../helpers/known-partners.js";
import {
  captureProcessOutput,
  captureTokensInProcess,
  scanForJwts,
  scanForSecrets,
  type ScannedOutput,
} from "../helpers/secret-scan.js";
import { customerFixture, licenseFixture, subscriptionFixture, userFixture } from "../provider/fixtures.js";
import { BUILD_TIMEOUT_MS } from "../provider/build-dist.js";

const WRONG_SECRET = "chaos-provider-wrong-secret-5c1d";
const customerProvider = providerFor("customer");
const subscriptionProvider = providerFor("subscription");
const userProvider = providerFor("user");
const licenseProvider = providerFor("licenseAssignment");

let emu: TestEmulator;
let partner: KnownPartner;
let dataDir: string;
const outputs: ScannedOutput[] = [];

function configure(secret: string) {
  const config: Record<string, string> = {
    "cspctl:tenantId": partner.tenantId,
    "cspctl:clientId": partner.clientId,
    "cspctl:clientSecret": secret,
    "cspctl:refreshToken": partner.refreshToken,
    "cspctl:partnerCenterUrl": emu.env.CSPCTL_PARTNER_CENTER_URL,
    "cspctl:graphUrl": emu.env.CSPCTL_GRAPH_URL,
    "cspctl:authority": emu.env.CSPCTL_AUTHORITY,
    "cspctl:caFile": emu.env.CSPCTL_CA_FILE,
    "cspctl:pollIntervalMs": "50",
    "cspctl:requestsPerSecond": "1000",
    "cspctl:stateDir": join(dataDir, "cspctl-state"),
  };
  return customerProvider.configure!({
    config: { get: (key: string) => config[key], require: (key: string) => config[key]! } as never,
  });
}

/** The user's `password` output is secret in Pulumi state (additionalSecretOutputs) wherever it is returned. */
function withoutPasswordOutput(result: unknown): unknown {
  if (result === null || typeof result !== "object") return result;
  const copy: Record<string, unknown> = { ...(result as Record<string, unknown>) };
  for (const field of ["outs", "props"]) {
    const value = copy[field];
    if (value !== null && typeof value === "object")
      copy[field] = { ...(value as Record<string, unknown>), password: undefined };
  }
  return copy;
}

/** Runs a provider method and keeps what it returned or threw, as Pulumi would see it. */
async function keep<T>(label: string, call: () => Promise<T>): Promise<T | undefined> {
  try {
    const result = await call();
    outputs.push({ source: `provider ${label}`, content: JSON.stringify(withoutPasswordOutput(result)) ?? "" });
    return result;
  } catch (error) {
    outputs.push({
      source: `provider ${label} error`,
      content:
        error instanceof Error
          ? `${error.message}\n${JSON.stringify(error)}\n${String((error as { cause?: unknown }).cause ?? "")}`
          : String(error),
    });
    return undefined;
  }
}

beforeAll(async () => {
  partner = knownPartner("p");
  dataDir = mkdtempSync(join(tmpdir(), "cspctl-security-"));
  emu = await startEmulator({ seed: seedOf(partner), dataDir, domainConfig: { provisioningDelaySeconds: 0 } });
}, BUILD_TIMEOUT_MS);
afterAll(async () => emu?.close());

describe("secret scanning of the Pulumi provider", { timeout: 120_000 }, () => {
  it("no method result, error or printed line carries a secret, a token or the generated password", async () => {
    const tokens = captureTokensInProcess();
    const printed = captureProcessOutput();
    let password: string | undefined;
    try {
      await configure(partner.clientSecret);
      const customer = customerFixture("provsec", "provsecchaos.onmicrosoft.com");
      const created = await keep("customer create", () => customerProvider.create(customer as never));
      expect(created?.id).toBeTruthy();
      await keep("customer read", () => customerProvider.read!(created!.id, created!.outs));
      const subscription = subscriptionFixture(customer, 3);
      await keep("subscription check", () => subscriptionProvider.check!({}, subscription as never));
      const bought = await keep("subscription create", () => subscriptionProvider.create(subscription as never));
      await keep("subscription diff", () =>
        subscriptionProvider.diff!(bought!.id, bought!.outs, subscriptionFixture(customer, 4) as never),
      );
      await keep("subscription update", () =>
        subscriptionProvider.update!(bought!.id, bought!.outs, subscriptionFixture(customer, 4) as never),
      );
      const user = userFixture(customer, "ada@provsecchaos.onmicrosoft.com");
      const madeUser = await userProvider.create(user as never);
      password = (madeUser.outs as { password?: string }).password;
      // The password output is the one allowed sink; the rest of the result is scanned.
      outputs.push({
        source: "provider user create (without its password output)",
        content: JSON.stringify(withoutPasswordOutput(madeUser)),
      });
      await keep("user read", () => userProvider.read!(madeUser.id, madeUser.outs));
      await keep("user diff", () => userProvider.diff!(madeUser.id, madeUser.outs, user as never));
      await keep("license create", () =>
        licenseProvider.create(licenseFixture(subscriptionFixture(customer, 4), user) as never),
      );

      await configure(WRONG_SECRET);
      await keep("customer read with a refused secret", () => customerProvider.read!(created!.id, created!.outs));
      await keep("subscription update with a refused secret", () =>
        subscriptionProvider.update!(bought!.id, bought!.outs, subscriptionFixture(customer, 5) as never),
      );
    } finally {
      printed.stop();
      tokens.stop();
    }
    outputs.push({ source: "process stdout and stderr", content: printed.text() });

    expect(password, "the provider generated a password").toMatch(/.{12,}/);
    const saved = JSON.parse(readFileSync(join(dataDir, "state.json"), "utf8")) as {
      state: { refreshTokens: Record<string, unknown> };
    };
    const captured = tokens.secrets();
    expect(captured.some((t) => t.label.includes("bearer"))).toBe(true);
    const secrets = [
      { label: "client secret", value: partner.clientSecret },
      { label: "wrong client secret", value: WRONG_SECRET },
      { label: "seeded refresh token", value: partner.refreshToken },
      ...Object.keys(saved.state.refreshTokens).map((value, i) => ({ label: `issued refresh token #${i + 1}`, value })),
      ...captured,
      { label: "generated password", value: password! },
    ];
    expect([...scanForSecrets(outputs, secrets), ...scanForJwts(outputs)]).toEqual([]);
    expect(outputs.some((o) => o.source.endsWith("refused secret error"))).toBe(true);
  });
});
