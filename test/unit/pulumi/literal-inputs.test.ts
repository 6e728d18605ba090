// A Pulumi program's resource inputs are values: `${env:…}` in a name is text, never a reference
// (a credential's value cannot reach Partner Center or Pulumi's outputs through it); only a user's
// password may name a variable.
import { describe, expect, it } from "vitest";
import { customerDocument, loadCustomerDocument } from "../../../reconciler/pulumi/resource-estate.js";
import { customerFixture } from "../../provider/fixtures.js";

const env = { CSPCTL_CLIENT_SECRET: "provider-secret-4c1d", OTHER: "other-value-77", ADA_PW: "Pw-0a9!x" };

describe("resource inputs", () => {
  it("keep ${env:} text in names literal, and still read a password from its variable", async () => {
    const customer = {
      ...customerFixture("lit", "lit.onmicrosoft.com"),
      company: {
        name: "${env:CSPCTL_CLIENT_SECRET} and ${env:OTHER} $${x}",
        domain: "lit.onmicrosoft.com",
        country: "US" as const,
      },
    };
    const user = {
      userPrincipalName: "ada@lit.onmicrosoft.com",
      firstName: "${env:OTHER}",
      lastName: "L",
      usageLocation: "US" as const,
      password: "${env:ADA_PW}",
    };
    const loaded = await loadCustomerDocument(customerDocument(customer, { user }), env);
    if (!loaded.valid) throw new Error(JSON.stringify(loaded.failures));
    expect(loaded.customer.company.name).toBe("${env:CSPCTL_CLIENT_SECRET} and ${env:OTHER} $${x}");
    expect(loaded.customer.users[0]!.firstName).toBe("${env:OTHER}");
    expect(loaded.customer.users[0]!.password).toEqual({ source: "env", variable: "ADA_PW" });
    expect((loaded.customer.users[0]!.password as { value?: string }).value).toBe("Pw-0a9!x");
  });

  it("refuse a password that names a credential variable", async () => {
    const user = {
      userPrincipalName: "ada@lit.onmicrosoft.com",
      firstName: "Ada",
      lastName: "L",
      usageLocation: "US" as const,
      password: "${env:CSPCTL_CLIENT_SECRET}",
    };
    const loaded = await loadCustomerDocument(
      customerDocument(customerFixture("lit", "lit.onmicrosoft.com"), { user }),
      env,
    );
    expect(loaded.valid).toBe(false);
    expect(JSON.stringify(loaded)).toContain("estate.env_credential");
    expect(JSON.stringify(loaded)).not.toContain("provider-secret-4c1d");
  });
});
