// Customers, their profiles and qualifications, domain availability and the reseller invitation.
import type {
  BillingProfile,
  CreatedCustomer,
  Customer,
  NewCustomer,
  NewQualification,
  Qualification,
} from "../types.js";
import { segment, type ServiceCaller } from "../service.js";
import type * as Wire from "../wire/customer.js";
import {
  billingProfileFromWire,
  billingProfileToWire,
  createdCustomerFromWire,
  customerFromWire,
  newCustomerToWire,
  newQualificationToWire,
  qualificationsFromWire,
  relationshipRequestUrlFromWire,
} from "../wire/customer.mappers.js";

export interface CustomerListOptions {
  /** Page size; Partner Center serves at most 500 per page. */
  pageSize?: number;
  /** `starts_with` search on company name or domain. */
  filter?: { field: "CompanyName" | "Domain"; value: string };
  signal?: AbortSignal;
}

export function customersFacade(caller: ServiceCaller) {
  return {
    /** Every customer of the partner, following seek paging to the end. */
    async *list(options: CustomerListOptions = {}): AsyncGenerator<Customer> {
      const filter =
        options.filter === undefined
          ? undefined
          : JSON.stringify({ Field: options.filter.field, Value: options.filter.value, Operator: "starts_with" });
      const query = { size: options.pageSize ?? 500, filter };
      for await (const item of caller.partnerCenterItems("customers.list", "/customers", {
        query,
        ...signalOf(options),
      }))
        yield customerFromWire(item as Wire.Customer);
    },

    async get(customerId: string): Promise<Customer> {
      const response = await caller.partnerCenter("customers.get", "GET", `/customers/${segment(customerId)}`);
      return customerFromWire(response.body as Wire.Customer);
    },

    /** Idempotent by MS-RequestId: a retried create returns the first result instead of a second tenant. */
    async create(customer: NewCustomer): Promise<CreatedCustomer> {
      const response = await caller.partnerCenter("customers.create", "POST", "/customers", {
        body: newCustomerToWire(customer),
      });
      return createdCustomerFromWire(response.body as Wire.Customer);
    },

    async getBillingProfile(customerId: string): Promise<BillingProfile> {
      const response = await caller.partnerCenter(
        "customers.billingProfile.get",
        "GET",
        `/customers/${segment(customerId)}/profiles/billing`,
      );
      return billingProfileFromWire(response.body as Wire.BillingProfile);
    },

    /** Full-resource PUT with If-Match; reads the current profile first when no etag is given. */
    async updateBillingProfile(customerId: string, profile: BillingProfile): Promise<BillingProfile> {
      const etag = profile.etag ?? (await this.getBillingProfile(customerId)).etag;
      const response = await caller.partnerCenter(
        "customers.billingProfile.update",
        "PUT",
        `/customers/${segment(customerId)}/profiles/billing`,
        {
          body: billingProfileToWire({ ...profile, ...(etag === undefined ? {} : { etag }) }),
          ...(etag === undefined ? {} : { headers: { "If-Match": quoteEtag(etag) } }),
        },
      );
      return billingProfileFromWire(response.body as Wire.BillingProfile);
    },

    async listQualifications(customerId: string): Promise<Qualification[]> {
      const response = await caller.partnerCenter(
        "customers.qualifications.list",
        "GET",
        `/customers/${segment(customerId)}/qualifications`,
      );
      return qualificationsFromWire(response.body);
    },

    async addQualification(customerId: string, qualification: NewQualification): Promise<Qualification> {
      const response = await caller.partnerCenter(
        "customers.qualifications.create",
        "POST",
        `/customers/${segment(customerId)}/qualifications`,
        {
          body: newQualificationToWire(qualification),
          auth: "user",
        },
      );
      const [created] = qualificationsFromWire(response.body);
      return created!;
    },

    /** The admin.microsoft.com link a customer's global admin opens to accept the reseller relationship. */
    async relationshipRequestUrl(): Promise<string> {
      const response = await caller.partnerCenter(
        "customers.relationshipRequest",
        "GET",
        "/customers/relationshiprequests",
        { auth: "user" },
      );
      return relationshipRequestUrlFromWire(response.body as Wire.RelationshipRequest);
    },
  };
}

export function domainsFacade(caller: ServiceCaller) {
  return {
    /** HEAD /domains/{domain}: 200 means taken, 404 means free. */
    async isAvailable(domain: string): Promise<boolean> {
      const response = await caller.partnerCenter("domains.availability", "HEAD", `/domains/${segment(domain)}`, {
        acceptStatuses: [404],
      });
      return response.status === 404;
    },
  };
}

/** Partner Center wants ETags double-quoted in If-Match. */
export function quoteEtag(etag: string): string {
  return etag.startsWith('"') ? etag : `"${etag}"`;
}

function signalOf(options: { signal?: AbortSignal }): { signal?: AbortSignal } {
  return options.signal === undefined ? {} : { signal: options.signal };
}
