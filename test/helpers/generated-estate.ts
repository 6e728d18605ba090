// Generated estates for chaos and security runs: N customers, each a new tenant with two
// subscriptions and licensed users, written as one file per customer. Returns what was declared,
// so invariants can be checked against Partner Center without going through the reconciler.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface DeclaredSubscription {
  name: string;
  productId: string;
  skuId: string;
  term: string;
  billing: string;
  quantity: number;
  /** The licence SKU (Graph skuId) the subscription provides. */
  licenseSkuId: string;
}

export interface DeclaredUser {
  userPrincipalName: string;
  /** Graph skuIds the user must hold. */
  licenseSkuIds: string[];
}

export interface DeclaredCustomer {
  name: string;
  domain: string;
  subscriptions: DeclaredSubscription[];
  users: DeclaredUser[];
}

export interface GeneratedEstateOptions {
  customers: number;
  /** Letters/digits only; keeps domains unique across runs sharing one emulator. */
  tag: string;
  usersPerCustomer?: number;
  /** Quantity added to every subscription (a second apply with a change). */
  extraSeats?: number;
  /** Names of the subscriptions to declare (default all: bp and exo), for a later run that adds the rest. */
  subscriptions?: string[];
  /** Users whose index is listed take `password: ${env:NAME}` instead of a generated one. */
  envPassword?: { name: string; userIndexes: number[] };
}

const BUSINESS_PREMIUM = {
  productId: "CFQ7TTC0LCHC",
  skuId: "0002",
  licenseSkuId: "cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46",
};
const EXCHANGE_PLAN_1 = {
  productId: "CFQ7TTC0LH16",
  skuId: "0001",
  licenseSkuId: "4b9405b0-7788-4568-add1-99614e613b69",
};

export function writeGeneratedEstate(dir: string, options: GeneratedEstateOptions): DeclaredCustomer[] {
  mkdirSync(dir, { recursive: true });
  const usersPerCustomer = options.usersPerCustomer ?? 2;
  const extra = options.extraSeats ?? 0;
  const declared: DeclaredCustomer[] = [];
  for (let i = 0; i < options.customers; i++) {
    const name = `c${i}${options.tag}`;
    const domain = `${name}.onmicrosoft.com`;
    const subscriptions: DeclaredSubscription[] = (
      [
        {
          name: "bp",
          ...BUSINESS_PREMIUM,
          term: "P1Y",
          billing: "monthly",
          quantity: usersPerCustomer + 1 + (i % 3) + extra,
        },
        { name: "exo", ...EXCHANGE_PLAN_1, term: "P1M", billing: "monthly", quantity: 1 + (i % 2) + extra },
      ] satisfies DeclaredSubscription[]
    ).filter((s) => options.subscriptions === undefined || options.subscriptions.includes(s.name));
    const users: DeclaredUser[] = [];
    const userLines: string[] = [];
    for (let u = 0; u < usersPerCustomer; u++) {
      const upn = `user${u}@${domain}`;
      const withExchange = u === 0;
      users.push({
        userPrincipalName: upn,
        licenseSkuIds: withExchange
          ? [BUSINESS_PREMIUM.licenseSkuId, EXCHANGE_PLAN_1.licenseSkuId]
          : [BUSINESS_PREMIUM.licenseSkuId],
      });
      const password = options.envPassword?.userIndexes.includes(u)
        ? `, password: "\${env:${options.envPassword.name}}"`
        : "";
      const licenses = withExchange ? "[{ subscription: bp }, { subscription: exo }]" : "[{ subscription: bp }]";
      userLines.push(
        `    - { userPrincipalName: ${upn}, firstName: User, lastName: N${u}, usageLocation: US${password}, licenses: ${licenses} }`,
      );
    }
    writeFileSync(
      join(dir, `${name}.yaml`),
      `apiVersion: cspctl/v1
kind: Customer
metadata: { name: ${name} }
spec:
  company: { name: Chaos ${i}, domain: ${domain}, country: US }
  tenant: { mode: create }
  billing: { email: ap@${name}.example, firstName: Ada, lastName: Lovelace, address: { line1: One Way, city: Redmond, state: WA, postalCode: "98052", country: US } }
  subscriptions:
${subscriptions.map((s) => `    - { name: ${s.name}, offer: ${s.productId}:${s.skuId}, term: ${s.term}, billing: ${s.billing}, quantity: ${s.quantity} }`).join("\n")}
  users:${userLines.length === 0 ? " []" : `\n${userLines.join("\n")}`}
`,
    );
    declared.push({ name, domain, subscriptions, users });
  }
  return declared;
}
