// The YAML a drift finding proposes is written by the `yaml` library: whatever text Partner Center
// holds (quotes, colons, line breaks, terminal escapes, words YAML reads as booleans or numbers), every
// suggestion loads back, with js-yaml as the estate loader reads it, as exactly that text.
import { load, loadAll } from "js-yaml";
import { describe, expect, it } from "vitest";
import { acceptChanged, acceptUnmanaged, ignorePath, yamlValue } from "../../../reconciler/drift/accept-yaml.js";

const HOSTILE = [
  "plain",
  "yes",
  "true",
  "null",
  "~",
  "12",
  "0x1F",
  "1e400",
  "a: b",
  "x #y",
  "-x",
  "- x",
  "[a]",
  "{a: b}",
  "*alias",
  "&anchor",
  "!tag",
  "%directive",
  "@at",
  "`tick",
  "'single'",
  '"double"',
  " leading",
  "trailing ",
  "",
  "line\nbreak",
  "cr\r\nlf",
  "\u001b[31mred\u001b[0m",
  "tab\there",
  "Müller",
  "…",
  "--- ",
  "# hash",
];

/** The suggestion loaded as the estate loader reads YAML; every line stays a line of its own. */
function loadBack(yaml: string): Record<string, unknown> {
  for (const line of yaml.split("\n")) expect(line, yaml).not.toMatch(/[\r\u001b]/);
  return (load(yaml) ?? {}) as Record<string, unknown>;
}

describe("accept-yaml", () => {
  it.each(HOSTILE)("writes %j as one line that reads back as itself", (text) => {
    expect(yamlValue(text)).not.toContain("\n");
    expect((load(`v: ${yamlValue(text)}`) as { v: unknown }).v).toBe(text);
    expect((load(`v: ${yamlValue([text, { k: text }])}`) as { v: unknown }).v).toEqual([text, { k: text }]);
  });

  it.each(HOSTILE)("declares changed fields holding %j so that they load back as Partner Center holds them", (text) => {
    const address = `customer:c/user:${text.replace(/[/\n\r]/g, "")}`;
    const fields = ["billing.email", "firstName", "usageLocation"];
    const yaml = acceptChanged(address, fields, { email: text, firstName: text, usageLocation: text });
    const loaded = loadBack(yaml) as {
      billing: { email: string };
      firstName: string;
      usageLocation: string;
      policy: { ignore: { path: string }[] };
    };
    expect(loaded.billing.email).toBe(text);
    expect(loaded.firstName).toBe(text);
    expect(loaded.usageLocation).toBe(text);
    expect(loaded.policy.ignore.map((rule) => rule.path)).toEqual(fields.map((f) => ignorePath(address, f)));
  });

  it.each(HOSTILE)("declares unmanaged objects named %j in YAML that loads back", (text) => {
    const subscription = loadBack(
      acceptUnmanaged("customer:c/subscription:s1", {
        offer: text,
        term: "P1Y",
        billing: "monthly",
        quantity: 3,
        state: "suspended",
        friendlyName: text,
      }),
    ) as { subscriptions: Record<string, unknown>[] };
    expect(subscription.subscriptions[0]).toEqual({
      name: "<name>",
      offer: text,
      term: "P1Y",
      billing: "monthly",
      quantity: 3,
      state: "suspended",
      ...(text === "" ? {} : { friendlyName: text }),
    });
    const upn = `${text.replace(/[/\n\r]/g, "")}@x`;
    const user = loadBack(acceptUnmanaged(`customer:c/user:${upn}`, {})) as { users: Record<string, unknown>[] };
    expect(user.users[0]).toEqual({ userPrincipalName: upn, firstName: "<first>", lastName: "<last>" });
    const license = loadBack(acceptUnmanaged("customer:c/user:u/license:skuid:x", { skuId: text })) as {
      licenses: { sku: string }[];
    };
    expect(license.licenses[0]!.sku).toBe(`<skuPartNumber of ${text}>`);
    // a customer gets a comment: it stays one comment line whatever the domain holds
    const customer = acceptUnmanaged("customer:c", { domain: text });
    expect(customer.split("\n")).toHaveLength(1);
    expect(loadAll(customer)).toEqual([]);
  });

  it("names disabled plans as the estate does, in flow style", () => {
    expect(acceptChanged("customer:c/user:u/license:bp", ["disabledPlans"], { disabledPlans: [] })).toMatch(
      /^disabledPlans: \[\]\n/,
    );
  });
});
