import { describe, expect, it } from "vitest";
import { RouteTable } from "../../../emulator/pipeline/route-table.js";
import type { Route } from "../../../emulator/pipeline/types.js";

const route = (method: Route["method"], template: string, face: Route["face"] = "partner-center"): Route => ({
  face,
  method,
  template,
  auth: "app-or-user",
  write: method !== "GET" && method !== "HEAD",
  handler: () => ({ status: 200, body: template }),
});

const table = new RouteTable([
  route("GET", "/customers"),
  route("GET", "/customers/{customerId}"),
  route("GET", "/customers/relationshiprequests"),
  route("GET", "/customers/{customerId}/subscriptions/{subscriptionId}"),
  route("PATCH", "/customers/{customerId}/subscriptions/{subscriptionId}"),
  route("HEAD", "/domains/{domain}"),
  route("GET", "/users", "graph"),
]);

describe("RouteTable", () => {
  it.each([
    ["GET", "/customers", "/customers", {}],
    ["GET", "/customers/", "/customers", {}],
    ["GET", "/customers/abc", "/customers/{customerId}", { customerId: "abc" }],
    ["GET", "/Customers/RelationshipRequests", "/customers/relationshiprequests", {}],
    [
      "GET",
      "/customers/c1/subscriptions/s%2F1",
      "/customers/{customerId}/subscriptions/{subscriptionId}",
      { customerId: "c1", subscriptionId: "s/1" },
    ],
    [
      "PATCH",
      "/customers/c1/subscriptions/s1",
      "/customers/{customerId}/subscriptions/{subscriptionId}",
      { customerId: "c1", subscriptionId: "s1" },
    ],
    ["HEAD", "/domains/contoso.onmicrosoft.com", "/domains/{domain}", { domain: "contoso.onmicrosoft.com" }],
  ])("%s %s → %s", (method, path, template, params) => {
    const match = table.match("partner-center", method, path);
    expect(match?.route.template).toBe(template);
    expect(match?.params).toEqual(params);
  });

  it.each([
    ["GET", "/customers/c1/subscriptions"],
    ["DELETE", "/customers/c1"],
    ["GET", "/users"],
    ["GET", "/customers/c1/extra/segments/here"],
    ["GET", "/customers/%E0%A4%A"],
  ])("%s %s does not match on the Partner Center face", (method, path) => {
    expect(table.match("partner-center", method, path)).toBeUndefined();
  });

  it("keeps faces apart", () => {
    expect(table.match("graph", "GET", "/users")?.route.face).toBe("graph");
  });

  it("refuses two routes with the same shape", () => {
    expect(() => new RouteTable([route("GET", "/customers/{a}"), route("GET", "/customers/{b}")])).toThrow(/duplicate/);
  });
});
