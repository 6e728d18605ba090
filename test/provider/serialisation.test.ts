// Layer 2 of the provider tests: the serialisation guard. For each resource, the SDK serialises
// the provider (in a child node process on dist/); the text must hold no absolute path, token or
// secret, stay small, not be marked secret, and revive into a provider with all its methods.
import { homedir, tmpdir } from "node:os";
import { beforeAll, describe, expect, it } from "vitest";
import { BUILD_TIMEOUT_MS, REPO_ROOT } from "./build-dist.js";
import { serialiseProviders, type SerialisedProvider } from "./child-node.js";
import { customerFixture } from "./fixtures.js";

const SECRETS = {
  CSPCTL_CLIENT_SECRET: "sEcReT-client-9f2c1",
  CSPCTL_REFRESH_TOKEN: "rEfReSh-token-77ab",
  CSPCTL_TENANT_ID: "0f0e0d0c-0000-4000-8000-0000000000aa",
  CSPCTL_CLIENT_ID: "0f0e0d0c-0000-4000-8000-0000000000bb",
};
let providers: SerialisedProvider[];

beforeAll(() => {
  providers = serialiseProviders(SECRETS, customerFixture("serial", "serial.onmicrosoft.com"));
}, BUILD_TIMEOUT_MS);

describe.each(["Customer", "Subscription", "User", "LicenseAssignment"])("the serialised %s provider", (name) => {
  const provider = () => providers.find((p) => p.type === `pulumi-nodejs:dynamic/cspctl:${name}`)!;

  it("is produced by the SDK, small, and not marked secret", () => {
    expect(provider()).toBeDefined();
    expect(Buffer.byteLength(provider().text)).toBeLessThan(50 * 1024);
    expect(provider().secret).toBe(false);
  });

  it("holds no absolute path, credential or token", () => {
    const text = provider().text;
    // This checkout, the home and temp folders of whoever runs it, and any file URL.
    for (const path of [REPO_ROOT, homedir(), tmpdir(), "file://"]) expect(text).not.toContain(path);
    for (const value of Object.values(SECRETS)) expect(text).not.toContain(value);
    expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/); // no JWT
    expect(text).toContain('import("cspctl/reconciler")');
  });

  it("revives into a provider with every method the engine calls", () => {
    expect(provider().methods).toEqual(["check", "configure", "create", "delete", "diff", "read", "update"]);
  });
});

it("declares the generated passwords as additionalSecretOutputs", () => {
  const secretOutputs = Object.fromEntries(
    providers.map((p) => [p.type.split(":").pop(), p.options.additionalSecretOutputs]),
  );
  expect(secretOutputs).toEqual({
    Customer: ["adminPassword"],
    Subscription: [],
    User: ["password"],
    LicenseAssignment: [],
  });
});
