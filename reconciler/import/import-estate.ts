// importEstate: what Partner Center holds for chosen customers, as estate YAML, one file per customer.
// It reads through the same readActual as plan, so that planning the written files reports no changes.
import { stringify } from "yaml";
import { printableLine } from "../../core/terminal-text.js";
import { literalData } from "../load/env-substitution.js";
import type { CspClient } from "../../client/index.js";
import type { Customer } from "../../client/types.js";
import { CspctlError } from "../../core/errors.js";
import { customerAddress } from "../model/address.js";
import type { DesiredCustomer } from "../model/desired-estate.js";
import { readActual, type ReadClient } from "../read/read-actual.js";
import { customerDocument, type ImportedBilling } from "./estate-document.js";
import { NameAllocator, customerName } from "./import-names.js";
import { selectionError } from "../selection-error.js";

export type ImportClient = ReadClient & { partnerCenter: Pick<CspClient["partnerCenter"], "customers"> };

export interface ImportOptions {
  /** Initial domains or tenant ids; empty with `all` = every customer. */
  customers?: readonly string[];
  all?: boolean;
  /** Written into each file's header. */
  now?: Date;
  /** Write `password: ${env:CSPCTL_PASSWORD_<CUSTOMER>_<USER>}` for every user (the variables must then be set to load the files). */
  passwordPlaceholders?: boolean;
  /** The estate schema's path relative to the output folder, for editors (yaml-language-server). */
  schemaRef?: string;
}

export interface ImportedFile {
  /** metadata.name; the file is `<name>.yaml`. */
  name: string;
  domain: string;
  yaml: string;
  notes: string[];
}

const POSTAL_CODE = /^[A-Za-z0-9][A-Za-z0-9 -]{1,11}$/;

export async function importEstate(client: ImportClient, options: ImportOptions): Promise<ImportedFile[]> {
  const wanted = (options.customers ?? []).map((c) => c.toLowerCase());
  if (wanted.length === 0 && !options.all)
    throw new CspctlError({
      code: "cli.usage",
      message: "name the customers to import (--customer DOMAIN|TENANT_ID), or --all",
      hint: "cspctl import --tenant contoso.onmicrosoft.com --out estate/customers",
    });
  const listed: Customer[] = [];
  for await (const c of client.partnerCenter.customers.list()) listed.push(c);
  const chosen =
    options.all && wanted.length === 0
      ? listed
      : listed.filter(
          (c) =>
            wanted.includes(c.domain.toLowerCase()) ||
            wanted.includes(c.id.toLowerCase()) ||
            wanted.includes(c.tenantId.toLowerCase()),
        );
  const missing = wanted.filter(
    (w) =>
      !listed.some((c) => c.domain.toLowerCase() === w || c.id.toLowerCase() === w || c.tenantId.toLowerCase() === w),
  );
  if (missing.length > 0) {
    throw selectionError({
      message: `--customer ${missing.join(", ")}: not a customer of this partner`,
      typed: missing[0]!,
      known: listed.map((c) => c.domain).sort(),
      what: "customers",
      hint: "use the customer's initial domain (*.onmicrosoft.com) or tenant id, as `cspctl import --all-customers --out DIR` would write them",
    });
  }

  const names = new NameAllocator();
  const sorted = [...chosen].sort((a, b) => (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0));
  const targets = sorted.map((c) => ({ customer: c, name: names.take(customerName(c.domain)) }));
  // readActual reads what plan reads; these stand-ins carry only what it needs to find each customer.
  const standIns = targets.map(
    (t) =>
      ({
        name: t.name,
        address: customerAddress(t.name),
        company: { domain: t.customer.domain, qualification: "commercial" },
        tenant: { mode: "link", id: t.customer.id },
        // nothing declared: the read asks for no promotions, custom domains or GDAP of its own
        subscriptions: [],
        users: [],
      }) as unknown as DesiredCustomer,
  );
  const actual = await readActual(client, standIns);
  if (actual.unknown.length > 0) {
    throw new CspctlError({
      code: "client.unexpected_response",
      message: `could not read ${actual.unknown.map((u) => `${u.address} (${u.cause})`).join("; ")}`,
      hint: "nothing was written; fix the cause and import again",
    });
  }
  const files: ImportedFile[] = [];
  for (const t of targets) {
    const have = actual.customers.find((c) => c.id === t.customer.id)!;
    const billing = await readBilling(client, t.customer.id);
    const { document, notes } = customerDocument({
      name: t.name,
      customer: have,
      tenantId: t.customer.tenantId || t.customer.id,
      country: billing.profile?.address.country ?? billing.country ?? "US",
      passwordPlaceholders: options.passwordPlaceholders === true,
      ...(billing.profile ? { billing: billing.profile } : {}),
    });
    notes.push(...billing.notes);
    // Partner Center's text is someone else's: written so that the loader reads it back literally
    files.push({
      name: t.name,
      domain: t.customer.domain,
      notes,
      yaml:
        header(t.customer, options.now ?? new Date(actual.readAt), notes, options.schemaRef) +
        stringify(literalData(document), { lineWidth: 0 }),
    });
  }
  return files;
}

async function readBilling(
  client: ImportClient,
  customerId: string,
): Promise<{ profile?: ImportedBilling; country?: string; notes: string[] }> {
  const p = await client.partnerCenter.customers.getBillingProfile(customerId);
  const a = p.address;
  const complete =
    p.email &&
    p.firstName &&
    p.lastName &&
    a.addressLine1 &&
    a.city &&
    a.postalCode &&
    POSTAL_CODE.test(a.postalCode) &&
    a.country;
  if (!complete)
    return {
      ...(a.country ? { country: a.country } : {}),
      notes: [
        "the billing profile is incomplete (contact name, address line, city or postal code missing): billing is not declared",
      ],
    };
  return {
    profile: {
      email: p.email,
      firstName: p.firstName!,
      lastName: p.lastName!,
      address: {
        line1: a.addressLine1!,
        ...(a.addressLine2 ? { line2: a.addressLine2 } : {}),
        city: a.city!,
        ...(a.state ? { state: a.state } : {}),
        postalCode: a.postalCode!,
        country: a.country,
      },
    },
    notes: [],
  };
}

function header(customer: Customer, at: Date, notes: readonly string[], schemaRef: string | undefined): string {
  return [
    ...(schemaRef ? [`# yaml-language-server: $schema=${schemaRef}`] : []),
    `# Imported by \`cspctl import\` from Partner Center on ${at.toISOString()}: ${printableLine(`${customer.companyName ?? customer.domain} (${customer.domain}, tenant ${customer.tenantId || customer.id})`)}.`,
    "# policy.mode is observe: cspctl plans and reports this customer but never writes until you set mode: enforce.",
    "# Partner Center never returns passwords or keys: none is written here. A password matters only if a user is created again (default: generate).",
    ...notes.map((n) => `# note: ${printableLine(n)}`),
    "",
  ].join("\n");
}
