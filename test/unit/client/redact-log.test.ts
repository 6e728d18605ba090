import { describe, expect, it } from "vitest";
import { createLogger, withLogging, type LogRecord } from "../../../client/log.js";
import { REDACTED, redactBody, redactHeaders, redactUrl, secretRegistry } from "../../../client/redact.js";
import type { ClientRequest } from "../../../client/send.js";

describe("redaction", () => {
  it("prints only allow-listed headers", () => {
    expect(
      redactHeaders({
        Authorization: "Bearer abc",
        "MS-RequestId": "r",
        Cookie: "c",
        "x-custom": "v",
        "retry-after": "5",
      }),
    ).toEqual({
      Authorization: REDACTED,
      "MS-RequestId": "r",
      Cookie: REDACTED,
      "x-custom": REDACTED,
      "retry-after": "5",
    });
  });

  it("prints only allow-listed fields, at any depth", () => {
    const body = {
      id: "u1",
      userPrincipalName: "ada@contoso.com",
      passwordProfile: { password: "P@ssw0rd-123", forceChangePassword: true },
      userCredentials: { userName: "admin", password: "x" },
      client_secret: "shh",
      lineItems: [{ quantity: 2, refresh_token: "rt" }],
    };
    expect(redactBody(body)).toEqual({
      id: "u1",
      userPrincipalName: "ada@contoso.com",
      passwordProfile: REDACTED,
      userCredentials: REDACTED,
      client_secret: REDACTED,
      lineItems: [{ quantity: 2, refresh_token: REDACTED }],
    });
  });

  it("keeps only allow-listed query values", () => {
    expect(redactUrl("https://x/v1/customers?size=500&code=abc&$select=id")).toBe(
      "https://x/v1/customers?size=500&code=REDACTED&%24select=id",
    );
  });

  it("scrubs registered secrets from any text, even in an allowed field", () => {
    secretRegistry.add("registered-secret-value");
    expect(redactBody({ description: "echo registered-secret-value back" })).toEqual({
      description: "echo REDACTED back",
    });
  });
});

describe("logger", () => {
  const request: ClientRequest = {
    service: "partner-center",
    method: "POST",
    url: "https://x/v1/customers/c/users",
    headers: { Authorization: "Bearer token-abcdef", "MS-RequestId": "r1" },
    body: { userPrincipalName: "a@b.c", passwordProfile: { password: "Generated#Pass1" } },
    auth: { kind: "user" },
    operation: "users.create",
  };

  it("filters by level and writes one JSON line per record", () => {
    const lines: LogRecord[] = [];
    const logger = createLogger({ level: "info", sink: (_line, record) => lines.push(record), now: () => new Date(0) });
    logger.debug("hidden");
    logger.info("shown", { n: 1 });
    logger.error("also shown");
    expect(lines).toEqual([
      { level: "info", time: "1970-01-01T00:00:00.000Z", event: "shown", n: 1 },
      { level: "error", time: "1970-01-01T00:00:00.000Z", event: "also shown" },
    ]);
  });

  it("logs requests and responses at debug without credentials or passwords", async () => {
    const output: string[] = [];
    const logger = createLogger({ level: "debug", sink: (line) => output.push(line) });
    const send = withLogging(logger)(async () => ({
      status: 201,
      headers: { "ms-requestid": "r1" },
      body: { id: "u", passwordProfile: { password: "Generated#Pass1" } },
    }));
    await send(request);
    const text = output.join("\n");
    expect(output).toHaveLength(2);
    expect(text).toContain("users.create");
    expect(text).toContain("a@b.c");
    expect(text).not.toContain("token-abcdef");
    expect(text).not.toContain("Generated#Pass1");
  });
});
