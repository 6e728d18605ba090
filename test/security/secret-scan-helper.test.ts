// The scanner itself: it must find what it is meant to find, or the zero in the real scan means nothing.
import { describe, expect, it } from "vitest";
import { scanForJwts, scanForSecrets } from "../helpers/secret-scan.js";

// Chosen so that every encoding differs from the raw text (a quote and a backslash; "+/" in base64).
const secret = { label: "client secret", value: 's3cr3t"value\\with+chars??>>~' };

describe("scanForSecrets", () => {
  it.each([
    ["raw", `error: ${secret.value} refused`],
    ["url", `client_secret=${encodeURIComponent(secret.value)}&x=1`],
    ["json", JSON.stringify({ s: secret.value })],
    ["base64", `Basic ${Buffer.from(secret.value).toString("base64")}`],
    ["base64url", Buffer.from(secret.value).toString("base64url")],
  ])("finds a %s occurrence", (form, text) => {
    expect(scanForSecrets([{ source: "out", content: text }], [secret]).map((h) => h.form)).toContain(form);
  });

  it("scans bytes too, and honours an output's allow rule", () => {
    const bytes = new Uint8Array(Buffer.from(`\u0000${secret.value}\u00ff`));
    expect(scanForSecrets([{ source: "file", content: bytes }], [secret])).toHaveLength(1);
    expect(scanForSecrets([{ source: "file", content: bytes, allow: () => true }], [secret])).toEqual([]);
  });

  it("refuses a secret too short to scan for meaningfully", () => {
    expect(() => scanForSecrets([], [{ label: "short", value: "abc" }])).toThrow(/shorter/);
  });

  it("finds JWT-shaped strings and nothing in plain text", () => {
    const jwt = `${Buffer.from('{"alg":"RS256","typ":"JWT"}').toString("base64url")}.${Buffer.from('{"aud":"https://graph.microsoft.com"}').toString("base64url")}.c2lnbmF0dXJlLXNpZ25hdHVyZQ`;
    expect(scanForJwts([{ source: "log", content: `Authorization: Bearer ${jwt}` }])).toHaveLength(1);
    expect(scanForJwts([{ source: "log", content: "customer:contoso/subscription:bp eyJ is not a token" }])).toEqual(
      [],
    );
  });
});
