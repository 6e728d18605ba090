import { describe, expect, it } from "vitest";
import { graphRequestCost } from "../../../emulator/faults/graph-cost.js";
import { RateLimiter } from "../../../emulator/faults/rate-limiter.js";

describe("graphRequestCost (Graph identity and access limits)", () => {
  it.each([
    ["GET", "/users", "", 2],
    ["GET", "/users", "$select=id,assignedLicenses&$top=999", 1],
    ["GET", "/users", "$top=10", 1],
    ["GET", "/users", "$select=id&$top=10", 1],
    ["GET", "/subscribedSkus", "", 3],
    ["GET", "/subscribedSkus", "$select=skuId", 2],
    ["GET", "/users/{userId}", "$expand=manager", 2],
    ["GET", "/users/delta", "$select=id", 1],
    ["PATCH", "/users/{userId}", "", 1],
    ["POST", "/users/{userId}/assignLicense", "", 1],
  ])("%s %s?%s costs %i", (method, template, query, cost) => {
    expect(graphRequestCost(method, template, new URLSearchParams(query))).toBe(cost);
  });
});

describe("RateLimiter with costs", () => {
  it("sums costs over its window and says when enough of it has expired", () => {
    let now = 0;
    const limiter = new RateLimiter(5, () => now, 10_000);
    expect(limiter.take("t", 2)).toBeUndefined();
    now = 4_000;
    expect(limiter.take("t", 3)).toBeUndefined();
    expect(limiter.take("t", 1)).toBe(6);
    expect(limiter.take("other", 5)).toBeUndefined();
    now = 10_000;
    expect(limiter.take("t", 2)).toBeUndefined();
    expect(limiter.take("t", 1)).toBe(4);
  });
});
