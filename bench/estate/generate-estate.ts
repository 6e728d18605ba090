// A seeded synthetic estate at partner scale: C customers, S subscriptions and U users each, a
// licence mix drawn from the embedded catalog (suites, standalone products, an add-on on the suite,
// disabled service plans) and a share of existing tenants linked with a multi-channel Exchange SKU.
// The same shape and seed always give the same files, so runs compare.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { catalog, type CatalogOffer } from "../../core/catalog.js";
import { seededRandom, type Random } from "../../emulator/faults/random.js";

export interface EstateShape {
  customers: number;
  /** Per customer, including the add-on; at least 1. */
  subscriptions: number;
  usersPerCustomer: number;
  seed: number;
  /** Letters and digits; keeps domains unique when several estates share one emulator. */
  tag?: string;
  /** Share (0..1) of customers that are existing tenants (tenant mode link) holding a SKU bought elsewhere. */
  linkedShare?: number;
  /** Every customer an existing tenant (mode link, no billing declared); the share above still holds the other-channel SKU. */
  allExisting?: boolean;
}

/** An existing tenant the partner already serves, as the emulator's /seed takes it. */
export interface LinkedTenant {
  domain: string;
  companyName: string;
  /** Units of the multi-channel SKU bought through another channel. */
  otherChannelUnits: number;
}

export interface GeneratedEstate {
  /** Relative path → YAML text; one file per customer in folders of 100, plus the profiles. */
  files: Map<string, string>;
  customerNames: string[];
  linkedTenants: LinkedTenant[];
}

const SUITES = ["CFQ7TTC0LCHC:0002", "CFQ7TTC0LDPB:0001", "CFQ7TTC0LH18:0001", "CFQ7TTC0LF8R:0001"];
const STANDALONE = [
  "CFQ7TTC0HD32:0002",
  "CFQ7TTC0LHSF:0001",
  "CFQ7TTC0HDB0:0002",
  "CFQ7TTC0LFLS:0002",
  "CFQ7TTC0HL8W:0001",
  "CFQ7TTC0HD9Z:0002",
];
const ADD_ON = "CFQ7TTC0RM8K:0002";
export const MULTI_CHANNEL_SKU = "EXCHANGESTANDARD";
const COUNTRIES = [
  { country: "US", state: "WA", city: "Redmond", postalCode: "98052" },
  { country: "GB", state: undefined, city: "London", postalCode: "EC1A 1BB" },
  { country: "DE", state: undefined, city: "Berlin", postalCode: "10115" },
];

const PROFILE_YAML = `apiVersion: cspctl/v1
kind: Profile
metadata: { name: bench-defaults }
spec:
  users: { defaults: { usageLocation: US } }
  policy: { protect: true }
`;

function customerName(index: number, tag = ""): string {
  return `bench-${tag}${String(index).padStart(5, "0")}`;
}

export function generateEstate(shape: EstateShape): GeneratedEstate {
  const random = seededRandom(shape.seed);
  const files = new Map<string, string>([["profiles.yaml", PROFILE_YAML]]);
  const customerNames: string[] = [];
  const linkedTenants: LinkedTenant[] = [];
  for (let i = 0; i < shape.customers; i++) {
    const name = customerName(i, shape.tag);
    const linked = random() < (shape.linkedShare ?? 0.15);
    const domain = `${name.replaceAll("-", "")}.onmicrosoft.com`;
    if (linked)
      linkedTenants.push({ domain, companyName: `Bench ${i} Ltd`, otherChannelUnits: shape.usersPerCustomer });
    customerNames.push(name);
    files.set(
      `customers-${String(Math.floor(i / 100)).padStart(3, "0")}/${name}.yaml`,
      customerYaml({ index: i, name, domain, linked, existing: linked || shape.allExisting === true, shape, random }),
    );
  }
  return { files, customerNames, linkedTenants };
}

export function writeEstate(estate: GeneratedEstate, root: string): void {
  for (const [path, text] of estate.files) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

interface Purchase {
  name: string;
  offer: CatalogOffer;
  quantity: number;
  users: number[];
}

function customerYaml(input: {
  index: number;
  name: string;
  domain: string;
  linked: boolean;
  existing: boolean;
  shape: EstateShape;
  random: Random;
}): string {
  const { index, name, domain, linked, existing, shape, random } = input;
  const users = shape.usersPerCustomer;
  const everyone = Array.from({ length: users }, (_, u) => u);
  const suite = offer(pick(SUITES, random));
  const purchases: Purchase[] = [{ name: "suite", offer: suite, quantity: 0, users: everyone }];
  const addOn: Purchase | undefined =
    shape.subscriptions >= 2
      ? { name: "addon", offer: offer(ADD_ON), quantity: 0, users: everyone.filter((u) => u % 4 === 0) }
      : undefined;
  const standalone = shuffled(STANDALONE, random).slice(0, Math.max(0, shape.subscriptions - 2));
  for (const [k, id] of standalone.entries())
    purchases.push({
      name: `product-${k + 1}`,
      offer: offer(id),
      quantity: 0,
      users: everyone.filter((u) => (u + k) % 2 === 0),
    });
  for (const purchase of [...purchases, ...(addOn ? [addOn] : [])])
    purchase.quantity = purchase.users.length + 1 + Math.floor(random() * 3);
  const disabledPlan = catalog.licenseSkus[suite.skuPartNumber!]!.servicePlans[0]!.name;
  const place = COUNTRIES[index % COUNTRIES.length]!;

  const subscription = (p: Purchase, indent: string): string =>
    `${indent}- { name: ${p.name}, offer: ${p.offer.id}, term: P1Y, billing: ${random() < 0.8 ? "monthly" : "annual"}, quantity: ${p.quantity} }`;
  const subscriptionLines = purchases.map((p, k) => {
    const line = subscription(p, "    ");
    if (k !== 0 || addOn === undefined) return line;
    return `${line.slice(0, -2)},\n        addons: [ ${subscription(addOn, "").slice(2)} ] }`;
  });
  const userLines = everyone.map((u) => {
    const licenses: string[] = [];
    for (const p of [...purchases, ...(addOn ? [addOn] : [])]) {
      if (!p.users.includes(u)) continue;
      licenses.push(
        p === purchases[0] && u === 0
          ? `{ subscription: ${p.name}, disabledPlans: [${disabledPlan}] }`
          : `{ subscription: ${p.name} }`,
      );
    }
    if (linked && u % 3 === 0) licenses.push(`{ sku: ${MULTI_CHANNEL_SKU} }`);
    return `    - { userPrincipalName: user${u}@${domain}, firstName: User, lastName: Number${u}, licenses: [${licenses.join(", ")}] }`;
  });
  const tenant = existing
    ? "  tenant: { mode: link }\n"
    : `  tenant: { mode: create }
  billing:
    email: ap@${name}.example
    firstName: Ada
    lastName: Lovelace
    address: { line1: 1 Main St, city: ${place.city},${place.state ? ` state: ${place.state},` : ""} postalCode: "${place.postalCode}", country: ${place.country} }
`;
  return `apiVersion: cspctl/v1
kind: Customer
metadata:
  name: ${name}
  labels: { tier: ${["gold", "silver", "bronze"][index % 3]} }
spec:
  profiles: [bench-defaults]
  company: { name: Bench ${index} Ltd, domain: ${domain}, country: ${existing ? "US" : place.country} }
${tenant}  subscriptions:
${subscriptionLines.join("\n")}
  users:
${userLines.join("\n")}
`;
}

function offer(id: string): CatalogOffer {
  const found = catalog.offers[id];
  if (found === undefined) throw new Error(`bench generator: offer ${id} is not in the embedded catalog`);
  return found;
}

function pick<T>(items: readonly T[], random: Random): T {
  return items[Math.floor(random() * items.length)]!;
}

function shuffled<T>(items: readonly T[], random: Random): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
