// Partner Center customer users: wire ↔ domain. Passwords go out only in create/reset bodies and
// are registered as secrets so no log line or error can show them.
import { secretRegistry } from "../redact.js";
import type { CustomerUser, NewUser, UserChange } from "../types.js";
import { defined, optStr, optTimestamp, record, str } from "../wire-read.js";
import type * as Wire from "./user.js";

export function customerUserFromWire(wire: Wire.CustomerUser): CustomerUser {
  const context = "customer user";
  const source = record(wire, context);
  return defined({
    id: str(source, "id", context),
    userPrincipalName: str(source, "userPrincipalName", context),
    displayName: str(source, "displayName", context),
    firstName: optStr(source, "firstName", context),
    lastName: optStr(source, "lastName", context),
    usageLocation: optStr(source, "usageLocation", context),
    state: optStr(source, "state", context),
    userDomainType: optStr(source, "userDomainType", context),
    softDeletionTime: optTimestamp(source, "softDeletionTime", context),
  });
}

export function newUserToWire(user: NewUser): Wire.CustomerUserCreateRequest {
  secretRegistry.add(user.password);
  return defined({
    userPrincipalName: user.userPrincipalName,
    displayName: user.displayName,
    firstName: user.firstName,
    lastName: user.lastName,
    usageLocation: user.usageLocation,
    passwordProfile: { password: user.password, forceChangePassword: user.forceChangePassword ?? true },
    attributes: { objectType: "CustomerUser" },
  });
}

export function userChangeToWire(change: UserChange): Partial<Wire.CustomerUser> {
  return defined({ ...change, attributes: { objectType: "CustomerUser" } });
}

export function roleMemberFromWire(wire: unknown): {
  id: string;
  userPrincipalName?: string;
  displayName?: string;
  roleId?: string;
} {
  const context = "directory role member";
  const source = record(wire, context);
  return defined({
    id: str(source, "id", context),
    userPrincipalName: optStr(source, "userPrincipalName", context),
    displayName: optStr(source, "displayName", context),
    roleId: optStr(source, "roleId", context),
  });
}
