// A customer's read shape changes when its declaration asks the read for another part, so a snapshot
// entry without that part is never trusted: here, declaring an application consent (read from the
// customer tenant's Graph only for customers that declare one) or another application.
import { describe, expect, it } from "vitest";
import { readShape } from "../../../reconciler/snapshot/read-shape.js";
import { estateFromYaml } from "../../helpers/estate-fixtures.js";

const customer = async (access: string) =>
  (
    await estateFromYaml(`apiVersion: cspctl/v1
kind: Customer
metadata: { name: shapeco }
spec:
  company: { name: Shape Co, domain: shapeco.onmicrosoft.com, country: US }
  tenant: { mode: link, id: 33333333-3333-3333-3333-333333333333 }
${access}`)
  ).customers[0]!;

const consent = (app: string) => `  access:
    consents:
      - { applicationId: ${app}, displayName: Monitoring, scopes: [User.Read.All] }
`;

describe("readShape", () => {
  it("changes when an application consent is declared, or another application is", async () => {
    const none = readShape(await customer(""));
    const one = readShape(await customer(consent("11111111-1111-1111-1111-111111111111")));
    const other = readShape(await customer(consent("22222222-2222-2222-2222-222222222222")));
    expect(new Set([none, one, other]).size).toBe(3);
  });

  it("stays the same for the same declaration", async () => {
    const app = consent("11111111-1111-1111-1111-111111111111");
    expect(readShape(await customer(app))).toBe(readShape(await customer(app)));
  });
});
