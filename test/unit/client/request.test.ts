// The request core against a local HTTP server: JSON, status mapping, timeouts, resets, aborts.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Agent } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendRequest } from "../../../client/request.js";
import type { ClientRequest } from "../../../client/send.js";

let server: Server;
let origin: string;
const agent = new Agent({ headersTimeout: 300, bodyTimeout: 300, connect: { timeout: 300 } });

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const path = request.url ?? "/";
      if (path === "/echo") {
        response.setHeader("content-type", "application/json; charset=utf-8");
        response.setHeader("MS-RequestId", request.headers["ms-requestid"] ?? "");
        response.end(
          JSON.stringify({
            method: request.method,
            accept: request.headers["accept"],
            contentType: request.headers["content-type"],
            body: JSON.parse(Buffer.concat(chunks).toString() || "null"),
          }),
        );
      } else if (path === "/error") {
        response.statusCode = 400;
        response.end(
          JSON.stringify({
            code: 800090,
            description: "Subscription quantity cannot be decreased.",
            data: [],
            source: "PartnerFD",
          }),
        );
      } else if (path === "/throttled") {
        response.statusCode = 429;
        response.setHeader("Retry-After", "12");
        response.end(JSON.stringify({ statusCode: 429, message: "Rate limit is exceeded. Try again in 12 seconds." }));
      } else if (path === "/empty") {
        response.statusCode = 204;
        response.end();
      } else if (path === "/free") {
        response.statusCode = 404;
        response.end();
      } else if (path === "/hang") {
        // never answers
      } else if (path === "/reset") {
        request.socket.destroy();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await agent.close();
});

const request = (path: string, extra: Partial<ClientRequest> = {}): ClientRequest => ({
  service: "partner-center",
  method: "GET",
  url: `${origin}${path}`,
  headers: {},
  auth: { kind: "none" },
  operation: "test",
  ...extra,
});

describe("sendRequest", () => {
  it("sends JSON with Accept and Content-Type and parses the JSON answer", async () => {
    const response = await sendRequest(
      agent,
      request("/echo", { method: "POST", body: { quantity: 3 }, headers: { "MS-RequestId": "r-1" } }),
    );
    expect(response.status).toBe(200);
    expect(response.headers["ms-requestid"]).toBe("r-1");
    expect(response.body).toEqual({
      method: "POST",
      accept: "application/json",
      contentType: "application/json",
      body: { quantity: 3 },
    });
  });

  it("maps a Partner Center error body to a PartnerCenterError", async () => {
    await expect(sendRequest(agent, request("/error"))).rejects.toMatchObject({
      code: "client.bad_request",
      status: 400,
      serviceCode: 800090,
      retryable: false,
    });
  });

  it("maps the 429 body and Retry-After", async () => {
    await expect(sendRequest(agent, request("/throttled"))).rejects.toMatchObject({
      code: "client.throttled",
      retryAfterSeconds: 12,
      retryable: true,
    });
  });

  it("returns an empty body as undefined and accepts listed statuses", async () => {
    expect((await sendRequest(agent, request("/empty"))).body).toBeUndefined();
    expect((await sendRequest(agent, request("/free", { method: "HEAD", acceptStatuses: [404] }))).status).toBe(404);
  });

  it("turns a silent server into client.timeout (retryable)", async () => {
    await expect(sendRequest(agent, request("/hang"))).rejects.toMatchObject({
      code: "client.timeout",
      retryable: true,
      notSent: false,
    });
  });

  it("turns a reset connection into client.network_error that may have been applied", async () => {
    await expect(sendRequest(agent, request("/reset", { method: "POST", body: {} }))).rejects.toMatchObject({
      code: "client.network_error",
      retryable: true,
      notSent: false,
    });
  });

  it("marks a refused connection as never sent", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(sendRequest(agent, request("/", { url: `http://127.0.0.1:${port}/` }))).rejects.toMatchObject({
      code: "client.network_error",
      notSent: true,
    });
  });

  it("honours an AbortSignal", async () => {
    const controller = new AbortController();
    const pending = sendRequest(agent, request("/hang", { signal: controller.signal }));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: "client.aborted", retryable: false });
  });
});
