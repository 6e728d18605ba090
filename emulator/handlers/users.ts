// Customer users on Partner Center (Partner Center docs: get-a-list-of-all-user-accounts-for-a-customer): list (seek paging; deleted users only through the
// UserState filter), create, get, update (partial; `state: active` restores), delete (soft, 30 days).
import { randomUUID } from "node:crypto";
import { invalidInput, invalidUserPrincipalName, passwordPolicy, userAlreadyExists, userNotFound } from "../errors.js";
import type { EmulatorRequest, Handler } from "../pipeline/types.js";
import { passwordProblem, userPrincipalNameProblem } from "../rules/users.js";
import { own, type Store } from "../store/memory-store.js";
import type { DirectoryUserRecord, TenantRecord } from "../store/state.js";
import { bodyObject, optionalObject, optionalText, requiredString } from "./body.js";
import { readSeekQuery, seekPage } from "./paging.js";
import { customerScope, ok, type CustomerScope } from "./shared.js";
import { customerUserView } from "./user-views.js";

export function listUsers(store: Store): Handler {
  return (request, context) => {
    const { customer, tenant } = customerScope(store, request);
    const query = readSeekQuery(request, context.config.defaultPageSize);
    const wanted = deletedFilter(query.filter) ? "inactive" : "active";
    const users = Object.values(tenant.users).filter((user) => user.state === wanted);
    return ok(
      seekPage(users, query, `/customers/${customer.id}/users`, `/customers/${customer.id}/users`, (user) =>
        customerUserView(customer.id, user),
      ),
    );
  };
}

export function getUser(store: Store): Handler {
  return (request) => {
    const { customer, user } = findUser(store, request);
    return ok(customerUserView(customer.id, user));
  };
}

export function createUser(store: Store): Handler {
  return (request, context) => {
    const { customer, tenant } = customerScope(store, request);
    const body = bodyObject(request.body);
    const userPrincipalName = requiredString(body, "userPrincipalName");
    const upnProblem = userPrincipalNameProblem(userPrincipalName);
    if (upnProblem !== undefined) throw invalidUserPrincipalName(upnProblem);
    const domain = userPrincipalName.slice(userPrincipalName.indexOf("@") + 1).toLowerCase();
    if (!tenant.domains.some((d) => d.toLowerCase() === domain))
      throw invalidUserPrincipalName(`The domain ${domain} is not a domain of this customer.`);
    if (findByUpn(tenant, userPrincipalName) !== undefined) throw userAlreadyExists();
    const passwordProfile = optionalObject(body, "passwordProfile");
    if (passwordProfile === undefined) throw invalidInput("passwordProfile is required.");
    const password = requiredString(passwordProfile, "password", "passwordProfile.");
    if (passwordProblem(password) !== undefined) throw passwordPolicy();
    const usageLocation = optionalText(body, "usageLocation")?.toUpperCase();
    if (usageLocation !== undefined && !/^[A-Z]{2}$/.test(usageLocation))
      throw invalidInput("usageLocation must be a two-letter country code.");
    const user: DirectoryUserRecord = {
      id: randomUUID(),
      userPrincipalName,
      ...names(body),
      displayName: requiredString(body, "displayName"),
      ...(usageLocation === undefined ? {} : { usageLocation }),
      ...(optionalText(body, "immutableId") === undefined ? {} : { immutableId: optionalText(body, "immutableId")! }),
      accountEnabled: true,
      state: "active",
      assignedLicenses: [],
      createdAt: context.clock.now().toISOString(),
    };
    tenant.users[user.id] = user;
    // The password is echoed once, as Microsoft's sample shows, and never stored. The doc answers
    // 200 OK to this create (create-user-accounts-for-a-customer.md), so the emulator does too.
    const forceChangePassword = passwordProfile["forceChangePassword"] !== false;
    return ok({
      ...customerUserView(customer.id, user),
      passwordProfile: { forceChangePassword, password },
      lastDirectorySyncTime: null,
      softDeletionTime: null,
    });
  };
}

export function updateUser(store: Store): Handler {
  return (request) => {
    const { customer, user } = findUser(store, request, true);
    const body = bodyObject(request.body);
    const state = optionalText(body, "state")?.toLowerCase();
    if (user.state === "inactive") {
      if (state !== "active") throw userNotFound();
      user.state = "active";
      delete user.softDeletionTime;
    }
    const usageLocation = optionalText(body, "usageLocation")?.toUpperCase();
    if (usageLocation !== undefined) {
      if (!/^[A-Z]{2}$/.test(usageLocation)) throw invalidInput("usageLocation must be a two-letter country code.");
      user.usageLocation = usageLocation;
    }
    Object.assign(user, names(body));
    const displayName = optionalText(body, "displayName");
    if (displayName !== undefined) user.displayName = displayName;
    return ok(customerUserView(customer.id, user));
  };
}

export function deleteUser(store: Store): Handler {
  return (request, context) => {
    const { user } = findUser(store, request);
    user.state = "inactive";
    user.softDeletionTime = context.clock.now().toISOString();
    return { status: 204 };
  };
}

export function findUser(
  store: Store,
  request: EmulatorRequest,
  includeDeleted = false,
): CustomerScope & { user: DirectoryUserRecord } {
  const scope = customerScope(store, request);
  const user = own(scope.tenant.users, (request.params["userId"] ?? "").toLowerCase());
  if (user === undefined || (!includeDeleted && user.state !== "active")) throw userNotFound();
  return { ...scope, user };
}

function findByUpn(tenant: TenantRecord, upn: string): DirectoryUserRecord | undefined {
  const wanted = upn.toLowerCase();
  return Object.values(tenant.users).find((user) => user.userPrincipalName.toLowerCase() === wanted);
}

function names(body: Record<string, unknown>): { firstName?: string; lastName?: string } {
  const firstName = optionalText(body, "firstName");
  const lastName = optionalText(body, "lastName");
  return { ...(firstName === undefined ? {} : { firstName }), ...(lastName === undefined ? {} : { lastName }) };
}

/** `{"Field":"UserState","Value":"Inactive","Operator":"equals"}` lists soft-deleted users. */
function deletedFilter(filter: string | null): boolean {
  if (filter === null || filter === "") return false;
  let parsed: Record<string, unknown>;
  try {
    parsed = Object.fromEntries(Object.entries(JSON.parse(filter) as object).map(([k, v]) => [k.toLowerCase(), v]));
  } catch {
    throw invalidInput("The filter is not valid JSON.");
  }
  if (String(parsed["field"]).toLowerCase() !== "userstate")
    throw invalidInput("Only the UserState filter is supported for users.");
  return String(parsed["value"]).toLowerCase() === "inactive";
}

/** PATCH …/users/{userId}/resetpassword: a new password under the policy (R-USR-1), echoed once. */
export function resetPassword(store: Store): Handler {
  return (request) => {
    const { customer, user } = findUser(store, request);
    const profile = optionalObject(bodyObject(request.body), "passwordProfile");
    if (profile === undefined) throw invalidInput("passwordProfile is required.");
    const password = requiredString(profile, "password", "passwordProfile.");
    if (passwordProblem(password) !== undefined) throw passwordPolicy();
    const forceChangePassword = profile["forceChangePassword"] !== false;
    return ok({
      ...customerUserView(customer.id, user),
      passwordProfile: { forceChangePassword, password },
      lastDirectorySyncTime: null,
      softDeletionTime: null,
    });
  };
}
