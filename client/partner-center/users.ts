// Customer users, their licences and the customer's licence inventory. Partner Center only
// accepts app+user tokens for all of these (each operation's Prerequisites in the Partner Center docs).
import { collect } from "../paginate.js";
import { segment, type ServiceCaller } from "../service.js";
import type {
  CustomerUser,
  LicenseChange,
  LicenseChangeResult,
  NewUser,
  SubscribedSku,
  UserChange,
  UserLicense,
} from "../types.js";
import type * as LicensingWire from "../wire/licensing.js";
import type * as UserWire from "../wire/user.js";
import {
  licenseChangeResultFromWire,
  licenseChangeToWire,
  subscribedSkuFromWire,
  userLicenseFromWire,
} from "../wire/licensing.mappers.js";
import { customerUserFromWire, newUserToWire, userChangeToWire } from "../wire/user.mappers.js";

const user = { auth: "user" } as const;

export function usersFacade(caller: ServiceCaller) {
  const base = (customerId: string, userId?: string): string =>
    `/customers/${segment(customerId)}/users${userId === undefined ? "" : `/${segment(userId)}`}`;
  return {
    /** Every active user of the customer (seek-paged); `deleted: true` lists the soft-deleted ones instead. */
    async *list(
      customerId: string,
      options: { pageSize?: number; deleted?: boolean; signal?: AbortSignal } = {},
    ): AsyncGenerator<CustomerUser> {
      const filter =
        options.deleted === true
          ? JSON.stringify({ Field: "UserState", Value: "Inactive", Operator: "equals" })
          : undefined;
      const items = caller.partnerCenterItems("users.list", base(customerId), {
        ...user,
        query: { size: options.pageSize ?? 500, filter },
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      });
      for await (const item of items) yield customerUserFromWire(item as UserWire.CustomerUser);
    },

    async get(customerId: string, userId: string): Promise<CustomerUser> {
      return customerUserFromWire(
        (await caller.partnerCenter("users.get", "GET", base(customerId, userId), user)).body as UserWire.CustomerUser,
      );
    },

    async create(customerId: string, newUser: NewUser): Promise<CustomerUser> {
      const response = await caller.partnerCenter("users.create", "POST", base(customerId), {
        ...user,
        body: newUserToWire(newUser),
      });
      return customerUserFromWire(response.body as UserWire.CustomerUser);
    },

    async update(customerId: string, userId: string, change: UserChange): Promise<CustomerUser> {
      const response = await caller.partnerCenter("users.update", "PATCH", base(customerId, userId), {
        ...user,
        body: userChangeToWire(change),
      });
      return customerUserFromWire(response.body as UserWire.CustomerUser);
    },

    /** Soft delete: the user stays restorable (state `inactive`) for 30 days. */
    async delete(customerId: string, userId: string): Promise<void> {
      await caller.partnerCenter("users.delete", "DELETE", base(customerId, userId), user);
    },

    restore(customerId: string, userId: string): Promise<CustomerUser> {
      return this.update(customerId, userId, { state: "active" });
    },

    async listLicenses(customerId: string, userId: string): Promise<UserLicense[]> {
      const items = await collect(
        caller.partnerCenterItems("users.licenses.list", `${base(customerId, userId)}/licenses`, user),
      );
      return items.map((item) => userLicenseFromWire(item as LicensingWire.License));
    },

    /** Assigns and removes licences in one call; all SKUs must be in the same licence group. */
    async updateLicenses(customerId: string, userId: string, change: LicenseChange): Promise<LicenseChangeResult> {
      const response = await caller.partnerCenter(
        "users.licenses.update",
        "POST",
        `${base(customerId, userId)}/licenseupdates`,
        { ...user, body: licenseChangeToWire(change) },
      );
      return licenseChangeResultFromWire(response.body as LicensingWire.LicenseUpdate);
    },
  };
}

export function subscribedSkusFacade(caller: ServiceCaller) {
  return {
    async list(customerId: string): Promise<SubscribedSku[]> {
      const items = await collect(
        caller.partnerCenterItems("subscribedSkus.list", `/customers/${segment(customerId)}/subscribedskus`, user),
      );
      return items.map((item) => subscribedSkuFromWire(item as LicensingWire.SubscribedSku));
    },
  };
}
