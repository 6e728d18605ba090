// The emulator prints every timestamp as Partner Center and Graph do (.NET's round-trip form): UTC
// with `Z`, fraction digits trimmed of trailing zeros and left out when zero, the same way in every
// answer (recorded samples: `2022-01-13T00:00:00Z`, `2021-01-24T20:39:17.182697Z`).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type TestEmulator } from "../../helpers/emulator.js";

const MICROSOFT_FORM = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{0,6}[1-9])?Z$/;
const TIMESTAMP_KEY = /(Date|DateTime|Timestamp|Time|At|timestamp)$/;
const customerId = randomUUID();
let emulator: TestEmulator;

/** Every string under a key that names a point in time, with its path. */
function timestamps(value: unknown, path = ""): Array<[string, string]> {
  if (Array.isArray(value)) return value.flatMap((item, index) => timestamps(item, `${path}[${index}]`));
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, field]) =>
    typeof field === "string" && TIMESTAMP_KEY.test(key) && field !== ""
      ? [[`${path}.${key}`, field] as [string, string]]
      : timestamps(field, `${path}.${key}`),
  );
}

beforeAll(async () => {
  emulator = await startEmulator({ domainConfig: { provisioningDelaySeconds: 0 } });
  // A whole second, frozen: the moment where three fixed fraction digits (".000") would show.
  const moved = await emulator.send(`${emulator.controlUrl}/clock`, {
    method: "POST",
    body: { now: "2026-11-02T09:30:00.000Z", frozen: true },
    headers: { "x-emulator-key": emulator.adminKey },
  });
  expect(moved.status).toBe(200);
  await emulator.control.seed({
    partners: [
      {
        tenantId: emulator.env.CSPCTL_TENANT_ID,
        customers: [
          {
            tenantId: customerId,
            companyName: "Times",
            domain: "times.onmicrosoft.com",
            country: "US",
            subscriptions: [
              { offerId: "CFQ7TTC0LH18:0001", quantity: 3, termDuration: "P1Y", billingCycle: "monthly" },
            ],
            users: [{ userPrincipalName: "ada@times.onmicrosoft.com", displayName: "Ada", usageLocation: "US" }],
          },
        ],
      },
    ],
  });
});
afterAll(async () => {
  await emulator?.close();
});

describe("emulator timestamps", () => {
  it("take Microsoft's form in subscriptions, orders, carts and Graph users", async () => {
    const pc = await emulator.token({ audience: "partner-center", kind: "app" });
    const graph = await emulator.token({ audience: "graph", kind: "user", tenant: customerId });
    const subscriptions = await emulator.send(`/v1/customers/${customerId}/subscriptions`, { token: pc });
    const orders = await emulator.send(`/v1/customers/${customerId}/orders`, { token: pc });
    const cart = await emulator.send(`/v1/customers/${customerId}/carts`, {
      method: "POST",
      token: pc,
      body: {
        lineItems: [
          {
            id: 0,
            catalogItemId: (subscriptions.body as { items: { offerId: string }[] }).items[0]!.offerId,
            quantity: 1,
            billingCycle: "monthly",
            termDuration: "P1Y",
          },
        ],
      },
    });
    const users = await emulator.send("/graph/v1.0/users?$select=id,createdDateTime", { token: graph });
    const found = [subscriptions, orders, cart, users].flatMap((answer) => {
      expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(300);
      return timestamps(answer.body);
    });
    const names = new Set(found.map(([path]) => path.replace(/\[\d+\]/g, "[]")));
    for (const name of [
      ".items[].creationDate",
      ".items[].effectiveStartDate",
      ".items[].commitmentEndDate",
      ".items[].commitmentEndDateTime",
      ".items[].cancellationAllowedUntilDate",
      ".items[].refundableQuantity.details[].allowedUntilDateTime",
      ".creationTimestamp",
      ".expirationTimestamp",
      ".value[].createdDateTime",
    ]) {
      expect(names, name).toContain(name);
    }
    expect(found.filter(([, text]) => !MICROSOFT_FORM.test(text))).toEqual([]);
    expect(found.find(([path]) => path.endsWith("commitmentEndDate"))?.[1]).toBe("2027-11-01T00:00:00Z");
  });
});
