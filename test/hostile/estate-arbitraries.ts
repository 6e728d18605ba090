// fast-check arbitraries for estate folders: documents built from plausible and implausible values,
// valid documents with one subtree replaced by arbitrary JSON, and example files mutated byte-wise.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { stringify } from "yaml";

export interface EstateCase {
  /** File name → content. */
  files: Record<string, string | Uint8Array>;
}

const ROOT = join(import.meta.dirname, "..", "..");
const OFFERS = Object.keys(
  (JSON.parse(readFileSync(join(ROOT, "data", "catalog.json"), "utf8")) as { offers: Record<string, unknown> }).offers,
).slice(0, 40);

const slug = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,12}[a-z0-9])?$/);
const weirdText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(
    "",
    " ",
    "~",
    "null",
    "yes",
    "0x10",
    "1e3",
    "${env:SEATS}",
    "${env:NOPE}",
    "${env:}",
    "*alias",
    "&anchor",
    "!tag",
    "__proto__",
    "\u202e\u0000\u001b[2J",
    "a".repeat(300),
  ),
);
const text = fc.oneof({ weight: 4, arbitrary: slug }, { weight: 1, arbitrary: weirdText });
const number = fc.oneof(
  fc.integer({ min: -5, max: 400 }),
  fc.constantFrom(0, -0, 25, 300, 301, 2 ** 53, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, 1e21, 0.5, Number.MAX_VALUE),
  fc.double({ noNaN: false }),
  fc.constant("${env:SEATS}"),
);
const anyScalar = fc.oneof(text, number, fc.boolean(), fc.constant(null));
const country = fc.oneof(fc.constantFrom("US", "GB", "DE", "FR", "CA", "AU", "XX", "usa", ""), weirdText);

function subscription(names: string[]) {
  return fc.record(
    {
      name: fc.oneof(fc.constantFrom(...names), text),
      offer: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...OFFERS) }, { weight: 1, arbitrary: text }),
      term: fc.oneof(fc.constantFrom("P1Y", "P1M", "P3Y"), anyScalar),
      billing: fc.oneof(fc.constantFrom("monthly", "annual", "triennial", "none"), anyScalar),
      quantity: number,
      autoRenew: fc.oneof(fc.boolean(), anyScalar),
      state: fc.constantFrom("active", "suspended", "cancelled", "paused"),
      trial: fc.record({ convert: fc.constantFrom("auto", "never", "now", "x") }, { requiredKeys: [] }),
      renewal: fc.record(
        { quantity: number, term: fc.constantFrom("P1Y", "P1M"), billing: fc.constantFrom("monthly", "annual") },
        { requiredKeys: [] },
      ),
      addons: fc.array(
        fc.record({
          name: text,
          offer: fc.constantFrom(...OFFERS),
          term: fc.constantFrom("P1Y", "P1M"),
          billing: fc.constantFrom("monthly", "annual"),
          quantity: number,
        }),
        { maxLength: 2 },
      ),
    },
    { requiredKeys: ["name", "offer", "term", "billing", "quantity"] },
  );
}

function user(domain: string, subscriptionNames: string[]) {
  return fc.record(
    {
      userPrincipalName: fc.oneof(
        slug.map((s) => `${s}@${domain}`),
        text,
      ),
      firstName: text,
      lastName: text,
      usageLocation: country,
      enabled: fc.boolean(),
      password: fc.oneof(fc.constantFrom("generate", "${env:PW}", "${env:SEATS}"), text),
      licenses: fc.array(
        fc.oneof(
          fc.record({ subscription: fc.oneof(fc.constantFrom(...subscriptionNames), text) }),
          fc.record({
            sku: fc.oneof(fc.constantFrom("SPB", "O365_BUSINESS_ESSENTIALS", "EXCHANGESTANDARD"), text),
            disabledPlans: fc.array(text, { maxLength: 2 }),
          }),
        ),
        { maxLength: 3 },
      ),
    },
    { requiredKeys: ["userPrincipalName"] },
  );
}

const profileNames = ["base", "gold", "edu"];

const customerDocument = fc.tuple(slug, fc.constantFrom("contoso", "fabrikam", "a1")).chain(([name, domainPrefix]) => {
  const domain = `${domainPrefix}.onmicrosoft.com`;
  const subscriptionNames = ["bp", "exo", "teams"];
  return fc.record(
    {
      apiVersion: fc.oneof({ weight: 5, arbitrary: fc.constant("cspctl/v1") }, { weight: 1, arbitrary: anyScalar }),
      kind: fc.oneof(
        { weight: 5, arbitrary: fc.constant("Customer") },
        { weight: 1, arbitrary: fc.constantFrom("Profile", "customer", "Tenant") },
      ),
      metadata: fc.record(
        {
          name: fc.oneof({ weight: 4, arbitrary: fc.constant(name) }, { weight: 1, arbitrary: text }),
          labels: fc.dictionary(text, text, { maxKeys: 3 }),
        },
        { requiredKeys: ["name"] },
      ),
      spec: fc.record(
        {
          profiles: fc.array(fc.oneof(fc.constantFrom(...profileNames), text), { maxLength: 3 }),
          company: fc.record(
            {
              name: text,
              domain: fc.oneof(fc.constant(domain), text),
              country,
              culture: fc.constantFrom("en-US", "de-DE", "xx"),
            },
            { requiredKeys: ["name", "domain", "country"] },
          ),
          tenant: fc.oneof(
            fc.constant({ mode: "create" }),
            fc.record({ mode: fc.constant("link"), id: fc.oneof(fc.uuid(), text) }),
            anyScalar,
          ),
          billing: fc.record({
            email: text,
            firstName: text,
            lastName: text,
            address: fc.record({ line1: text, city: text, postalCode: text, country, state: text }),
          }),
          subscriptions: fc.array(subscription(subscriptionNames), { maxLength: 4 }),
          users: fc.array(user(domain, subscriptionNames), { maxLength: 4 }),
          policy: fc.record(
            {
              protect: fc.boolean(),
              mode: fc.constantFrom("enforce", "observe", "x"),
              prune: fc.record({ subscriptions: fc.boolean(), users: fc.boolean() }),
            },
            { requiredKeys: [] },
          ),
        },
        { requiredKeys: ["company", "tenant"] },
      ),
    },
    { requiredKeys: ["apiVersion", "kind", "metadata", "spec"] },
  );
});

const profileDocument = fc.record({
  apiVersion: fc.constant("cspctl/v1"),
  kind: fc.constant("Profile"),
  metadata: fc.record({ name: fc.oneof(fc.constantFrom(...profileNames), text) }),
  spec: fc.record(
    {
      profiles: fc.array(fc.constantFrom(...profileNames), { maxLength: 2 }),
      subscriptions: fc.array(subscription(["bp", "exo"]), { maxLength: 2 }),
      company: fc.record({ country }, { requiredKeys: [] }),
    },
    { requiredKeys: [] },
  ),
});

/** Replaces the value at a random path of `document` with arbitrary JSON. */
function replaceAt(document: unknown, steps: number[], replacement: unknown): unknown {
  if (steps.length === 0 || document === null || typeof document !== "object") return replacement;
  const keys = Object.keys(document);
  if (keys.length === 0) return replacement;
  const key = keys[steps[0]! % keys.length]!;
  const copy: Record<string, unknown> = Array.isArray(document)
    ? ([...document] as unknown as Record<string, unknown>)
    : { ...(document as Record<string, unknown>) };
  copy[key] = replaceAt((document as Record<string, unknown>)[key], steps.slice(1), replacement);
  return copy;
}

const documentsFile = fc
  .array(fc.oneof({ weight: 3, arbitrary: customerDocument }, { weight: 1, arbitrary: profileDocument }), {
    minLength: 1,
    maxLength: 4,
  })
  .map((docs) => docs.map((d) => stringify(d)).join("---\n"));

export const structuredEstate: fc.Arbitrary<EstateCase> = fc
  .array(documentsFile, { minLength: 1, maxLength: 3 })
  .map((files) => ({ files: Object.fromEntries(files.map((content, i) => [`f${i}.yaml`, content])) }));

export const replacedSubtreeEstate: fc.Arbitrary<EstateCase> = fc
  .tuple(customerDocument, fc.array(fc.nat(), { maxLength: 6 }), fc.jsonValue({ maxDepth: 4 }))
  .map(([doc, steps, value]) => ({ files: { "customer.yaml": stringify(replaceAt(doc, steps, value)) } }));

function exampleFiles(): string[] {
  const dir = join(ROOT, "examples", "estate");
  const found: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(d, entry.name));
      else if (entry.name.endsWith(".yaml")) found.push(readFileSync(join(d, entry.name), "utf8"));
    }
  };
  walk(dir);
  return found;
}

const YAML_TOKENS = [
  "&a ",
  "*a",
  "<<: *a\n",
  "!!str ",
  "!x ",
  "? ",
  "- ",
  ": ",
  "{",
  "}",
  "[",
  "]",
  "|\n",
  ">-\n",
  "'",
  '"',
  "#",
  "\t",
  "\n",
  "---\n",
  "...\n",
  "%YAML 1.1\n",
  "\\x",
  "${env:SEATS}",
  "__proto__: 1\n",
  "\u0000",
  "\ufeff",
  "\r",
];

const mutation = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 24 }),
  insert: fc.oneof(
    fc.constantFrom(...YAML_TOKENS).map((t) => Buffer.from(t)),
    fc.uint8Array({ maxLength: 8 }).map((b) => Buffer.from(b)),
  ),
});

export const mutatedExampleEstate: fc.Arbitrary<EstateCase> = fc
  .tuple(fc.constantFrom(...exampleFiles()), fc.array(mutation, { minLength: 1, maxLength: 6 }))
  .map(([source, mutations]) => {
    let bytes = Buffer.from(source);
    for (const m of mutations) {
      const at = m.at % (bytes.length + 1);
      bytes = Buffer.concat([bytes.subarray(0, at), m.insert, bytes.subarray(Math.min(bytes.length, at + m.remove))]);
    }
    return { files: { "mutated.yaml": new Uint8Array(bytes) } };
  });
