import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CspctlError } from "../../../core/errors.js";
import { errorCodes } from "../../../core/error-codes.js";
import { PartnerCenterError, errorFromResponse, parseErrorBody, parseRetryAfter } from "../../../client/errors.js";
import type { ClientRequest } from "../../../client/send.js";
import { SAMPLES_DIR } from "../../contract/samples.js";

const samples = SAMPLES_DIR;
const sample = (name: string): unknown => JSON.parse(readFileSync(`${samples}${name}`, "utf8"));
const request: ClientRequest = {
  service: "partner-center",
  method: "PATCH",
  url: "https://api.partnercenter.microsoft.com/v1/customers/c1/subscriptions/s1?secretParam=abc",
  headers: { Authorization: "Bearer eyJ.secret.token", "MS-RequestId": "req-1", "MS-CorrelationId": "corr-1" },
  body: { quantity: 3, passwordProfile: { password: "Hunter2!!x" } },
  auth: { kind: "app" },
  operation: "subscriptions.update",
};

describe("parseErrorBody", () => {
  it.each([
    ["error.conditional-access-blocked.response.json", 900309],
    ["error.license-quota-exceeded.response.json", 60012],
    ["error.nce-quantity-decrease-outside-window.response.json", 800090],
    ["error.partner-token-not-allowed-license-management.response.json", 900316],
    ["error.throttled-429.response.json", 429],
  ])("reads %s", (file, code) => {
    const parsed = parseErrorBody(sample(file));
    expect(parsed.serviceCode).toBe(code);
    expect(parsed.description).toBeTruthy();
  });

  it("reads Graph's error shape and string codes", () => {
    expect(parseErrorBody({ error: { code: "Request_BadRequest", message: "Invalid usage location" } })).toEqual({
      serviceCode: "Request_BadRequest",
      description: "Invalid usage location",
    });
    expect(parseErrorBody({ code: "800090", description: "x" }).serviceCode).toBe("800090");
    expect(parseErrorBody(undefined)).toEqual({});
  });
});

describe("errorFromResponse", () => {
  it("builds an actionable PartnerCenterError with ids and a redacted request", () => {
    const error = errorFromResponse({
      service: "partner-center",
      status: 400,
      body: sample("error.nce-quantity-decrease-outside-window.response.json"),
      headers: { "ms-correlationid": "corr-1", "ms-requestid": "req-1" },
      request,
    });
    expect(error).toBeInstanceOf(CspctlError);
    expect(error).toMatchObject({
      code: "client.bad_request",
      status: 400,
      serviceCode: 800090,
      correlationId: "corr-1",
      requestId: "req-1",
      retryable: false,
    });
    expect(error.message).toBe(
      "Partner Center answered 400 to PATCH https://api.partnercenter.microsoft.com/v1/customers/c1/subscriptions/s1 (code 800090): Subscription quantity cannot be decreased.",
    );
    const printed = JSON.stringify(error.toJSON());
    expect(printed).not.toContain("eyJ.secret.token");
    expect(printed).not.toContain("Hunter2!!x");
    expect(printed).not.toContain("abc");
    expect(error.request?.headers["Authorization"]).toBe("REDACTED");
    expect(error.request?.body).toEqual({ quantity: 3, passwordProfile: "REDACTED" });
  });

  it("parses the 429 body and Retry-After, and marks it retryable", () => {
    const error = errorFromResponse({
      service: "partner-center",
      status: 429,
      body: sample("error.throttled-429.response.json"),
      headers: { "retry-after": "57" },
      request,
    });
    expect(error).toMatchObject({ code: "client.throttled", retryable: true, retryAfterSeconds: 57, serviceCode: 429 });
    expect(error.message).toContain("Rate limit is exceeded");
    expect(error.hint).toContain("57s");
  });

  it("points app-only callers of user routes at CSPCTL_REFRESH_TOKEN", () => {
    const error = errorFromResponse({
      service: "partner-center",
      status: 400,
      body: sample("error.partner-token-not-allowed-license-management.response.json"),
      headers: {},
      request,
    });
    expect(error.hint).toContain("CSPCTL_REFRESH_TOKEN");
  });

  it("names who throttles in a 429's hint: the partner for Partner Center, the tenant for Graph", () => {
    const throttled = (service: "partner-center" | "graph") =>
      errorFromResponse({
        service,
        status: 429,
        body: { error: { code: "TooManyRequests", message: "Too many requests." } },
        headers: { "retry-after": "10" },
        request,
      });
    expect(throttled("partner-center").hint).toContain("Partner Center is throttling this partner (Retry-After 10s)");
    expect(throttled("graph").hint).toContain("Microsoft Graph is throttling this application in this tenant");
  });

  it("keeps only a scrubbed name and message of a cause", () => {
    const cause = Object.assign(new Error("socket hang up"), {
      code: "ECONNRESET",
      options: { headers: { authorization: "Bearer leak" } },
    });
    const error = new PartnerCenterError({
      code: "client.network_error",
      message: "failed",
      service: "partner-center",
      retryable: true,
      cause,
    });
    expect(JSON.stringify(error.cause, Object.getOwnPropertyNames(error.cause))).not.toContain("leak");
    expect((error.cause as { code?: string }).code).toBe("ECONNRESET");
  });

  it("uses only codes listed in core/error-codes.ts", () => {
    for (const status of [400, 401, 403, 404, 409, 412, 418, 429, 500, 503]) {
      expect(
        errorCodes[errorFromResponse({ service: "graph", status, body: {}, headers: {}, request }).code],
      ).toBeTruthy();
    }
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and ignores junk", () => {
    expect(parseRetryAfter("57")).toBe(57);
    expect(parseRetryAfter("0")).toBe(0);
    expect(parseRetryAfter("")).toBeUndefined();
    expect(parseRetryAfter("soon")).toBeUndefined();
  });
});
