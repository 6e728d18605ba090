import { describe, expect, it } from "vitest";
import { collect, paginateGraph, paginatePartnerCenter, resolvePartnerCenterLink } from "../../../client/paginate.js";
import type { ClientRequest, ClientResponse } from "../../../client/send.js";

const host = "https://api.partnercenter.microsoft.com";
const first: ClientRequest = {
  service: "partner-center",
  method: "GET",
  url: `${host}/v1/customers?size=2`,
  headers: { "MS-RequestId": "first" },
  auth: { kind: "app" },
  operation: "customers.list",
};

function pages(bodies: unknown[]): ((request: ClientRequest) => Promise<ClientResponse>) & { seen: ClientRequest[] } {
  const seen: ClientRequest[] = [];
  const send = async (request: ClientRequest): Promise<ClientResponse> => {
    seen.push(request);
    return { status: 200, headers: {}, body: bodies[seen.length - 1] };
  };
  return Object.assign(send, { seen });
}

describe("resolvePartnerCenterLink", () => {
  it.each([
    ["/customers?size=2&seekOperation=Next", `${host}/v1/customers?size=2&seekOperation=Next`],
    ["/v1/customers?size=2&seekOperation=Next", `${host}/v1/customers?size=2&seekOperation=Next`],
    ["customers/abc", `${host}/v1/customers/abc`],
    ["/v1?x=1", `${host}/v1?x=1`],
    ["/v10things", `${host}/v1/v10things`],
  ])("%s → %s", (uri, expected) => {
    expect(resolvePartnerCenterLink(host, uri)).toBe(expected);
  });
});

describe("paginatePartnerCenter", () => {
  it("follows links.next with every listed header, adding /v1 only when missing", async () => {
    const next = (uri: string, token: string): unknown => ({
      next: { uri, method: "GET", headers: [{ key: "MS-ContinuationToken", value: token }] },
    });
    const send = pages([
      {
        totalCount: 2,
        items: [1, 2],
        links: next("/customers?size=2&seekOperation=Next", "t1"),
        continuationToken: "t1",
      },
      { totalCount: 2, items: [3, 4], links: next("/v1/customers?size=2&seekOperation=Next", "t2") },
      { totalCount: 1, items: [5], links: { self: { uri: "/customers", method: "GET", headers: [] } } },
    ]);
    expect(await collect(paginatePartnerCenter(send, first, host))).toEqual([1, 2, 3, 4, 5]);
    expect(send.seen.map((r) => r.url)).toEqual([
      `${host}/v1/customers?size=2`,
      `${host}/v1/customers?size=2&seekOperation=Next`,
      `${host}/v1/customers?size=2&seekOperation=Next`,
    ]);
    expect(send.seen.map((r) => r.headers["MS-ContinuationToken"])).toEqual([undefined, "t1", "t2"]);
    // Each page is its own operation: the first page's request id is not reused.
    expect(send.seen[1]?.headers["MS-RequestId"]).toBeUndefined();
  });

  it("rejects a body without items and a next link that repeats", async () => {
    await expect(collect(paginatePartnerCenter(pages([{ value: [] }]), first, host))).rejects.toMatchObject({
      code: "client.unexpected_response",
    });
    const loop = { items: [1], links: { next: { uri: "/customers?x", method: "GET", headers: [] } } };
    await expect(collect(paginatePartnerCenter(pages([loop, loop, loop]), first, host))).rejects.toMatchObject({
      code: "client.unexpected_response",
    });
  });
});

describe("paginateGraph", () => {
  it("follows @odata.nextLink verbatim and re-sends the first request's headers", async () => {
    const graphFirst: ClientRequest = {
      ...first,
      service: "graph",
      url: "https://graph.microsoft.com/v1.0/users?$top=999",
      headers: { ConsistencyLevel: "eventual" },
    };
    const nextLink = "https://graph.microsoft.com/v1.0/users?$top=999&$skiptoken=X%27abc%27";
    const send = pages([{ value: ["a", "b"], "@odata.nextLink": nextLink }, { value: ["c"] }]);
    expect(await collect(paginateGraph(send, graphFirst))).toEqual(["a", "b", "c"]);
    expect(send.seen[1]?.url).toBe(nextLink);
    expect(send.seen[1]?.headers["ConsistencyLevel"]).toBe("eventual");
  });
});
