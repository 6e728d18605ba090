// Checks a generated estate against what the emulator holds, through its own API with test tokens
// (not through the reconciler under test): one customer per domain, exactly one live subscription
// per declared offer+term+billing at the declared quantity, every declared user once, every
// declared licence assigned. Duplicates and lost changes are counted, not thrown, so runs can report them.
import type { HttpResult } from "./emulator.js";
import type { DeclaredCustomer } from "./generated-estate.js";

export interface InvariantView {
  send(path: string, options?: { token?: string; headers?: Record<string, string> }): Promise<HttpResult>;
  token(options: { audience: "partner-center" | "graph"; kind: "app" | "user"; tenant?: string }): Promise<string>;
}

export interface InvariantReport {
  /** Each extra customer, subscription or user beyond the one declared. */
  duplicates: string[];
  /** Each declared customer, subscription, quantity, user or licence that is not there. */
  lost: string[];
  /** Seats beyond those declared: every seat of an extra subscription, and quantities above the declared one. */
  extraSeats: number;
  checked: { customers: number; subscriptions: number; users: number; licenses: number };
}

interface WireCustomer {
  id: string;
  companyProfile: { domain: string };
}
interface WireSubscription {
  id: string;
  offerId: string;
  quantity: number;
  termDuration: string;
  billingCycle: string;
  status: string;
}
interface GraphUser {
  userPrincipalName: string;
  assignedLicenses: { skuId: string }[];
}

async function ok(result: Promise<HttpResult>, what: string): Promise<unknown> {
  const answer = await result;
  if (answer.status !== 200) throw new Error(`${what} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

async function allCustomers(view: InvariantView, token: string): Promise<WireCustomer[]> {
  const customers: WireCustomer[] = [];
  let page = (await ok(view.send("/v1/customers?size=500", { token }), "customer list")) as {
    items: WireCustomer[];
    links?: { next?: { uri: string; headers: { key: string; value: string }[] } };
  };
  customers.push(...page.items);
  while (page.links?.next) {
    const next = page.links.next;
    const headers = Object.fromEntries(next.headers.map((h) => [h.key, h.value]));
    page = (await ok(
      view.send(next.uri.startsWith("/v1") ? next.uri : `/v1${next.uri}`, { token, headers }),
      "customer page",
    )) as typeof page;
    customers.push(...page.items);
  }
  return customers;
}

export async function checkEstateInvariants(
  view: InvariantView,
  declared: readonly DeclaredCustomer[],
): Promise<InvariantReport> {
  const report: InvariantReport = {
    duplicates: [],
    lost: [],
    extraSeats: 0,
    checked: { customers: 0, subscriptions: 0, users: 0, licenses: 0 },
  };
  const token = await view.token({ audience: "partner-center", kind: "user" });
  const customers = await allCustomers(view, token);
  for (const customer of declared) {
    report.checked.customers++;
    const matches = customers.filter((c) => c.companyProfile.domain.toLowerCase() === customer.domain.toLowerCase());
    for (const extra of matches.slice(1)) report.duplicates.push(`customer ${customer.domain} (${extra.id})`);
    const found = matches[0];
    if (found === undefined) {
      report.lost.push(`customer ${customer.domain}`);
      continue;
    }
    const subscriptions = (
      (await ok(
        view.send(`/v1/customers/${found.id}/subscriptions`, { token }),
        `subscriptions of ${customer.domain}`,
      )) as { items: WireSubscription[] }
    ).items.filter((s) => s.status !== "deleted");
    const claimed = new Set<string>();
    for (const wanted of customer.subscriptions) {
      report.checked.subscriptions++;
      const offer = `${wanted.productId}:${wanted.skuId}`.toLowerCase();
      const same = subscriptions.filter(
        (s) =>
          s.offerId.toLowerCase().startsWith(offer) &&
          s.termDuration === wanted.term &&
          s.billingCycle.toLowerCase() === wanted.billing,
      );
      for (const s of same) claimed.add(s.id);
      for (const extra of same.slice(1))
        report.duplicates.push(`${customer.name}/subscription:${wanted.name} (${extra.id}, ${extra.quantity} seats)`);
      report.extraSeats +=
        same.slice(1).reduce((seats, extra) => seats + extra.quantity, 0) +
        Math.max(0, (same[0]?.quantity ?? 0) - wanted.quantity);
      if (same.length === 0) report.lost.push(`${customer.name}/subscription:${wanted.name}`);
      else if (same[0]!.quantity !== wanted.quantity)
        report.lost.push(
          `${customer.name}/subscription:${wanted.name} quantity ${same[0]!.quantity}, declared ${wanted.quantity}`,
        );
    }
    for (const stray of subscriptions.filter((s) => !claimed.has(s.id)))
      report.duplicates.push(`${customer.name} undeclared subscription ${stray.offerId} (${stray.id})`);

    const graphToken = await view.token({ audience: "graph", kind: "user", tenant: found.id });
    const users = (
      (await ok(
        view.send("/graph/v1.0/users?$select=userPrincipalName,assignedLicenses&$top=999", { token: graphToken }),
        `users of ${customer.domain}`,
      )) as { value: GraphUser[] }
    ).value;
    for (const wanted of customer.users) {
      report.checked.users++;
      const same = users.filter((u) => u.userPrincipalName.toLowerCase() === wanted.userPrincipalName.toLowerCase());
      for (const extra of same.slice(1)) report.duplicates.push(`${customer.name}/user:${extra.userPrincipalName}`);
      if (same.length === 0) {
        report.lost.push(`${customer.name}/user:${wanted.userPrincipalName}`);
        continue;
      }
      for (const skuId of wanted.licenseSkuIds) {
        report.checked.licenses++;
        if (!same[0]!.assignedLicenses.some((l) => l.skuId === skuId))
          report.lost.push(`${customer.name}/user:${wanted.userPrincipalName}/license:${skuId}`);
      }
    }
  }
  return report;
}
