// matchCustomer and matchUser look up in an index (planning 10,000 customers scanned the lists once
// per lookup); they must answer exactly as the scan did: case-insensitive, first match wins, and a list
// that grew after the first lookup is indexed again.
import { describe, expect, it } from "vitest";
import { matchCustomer, matchUser } from "../../../reconciler/plan/match.js";
import type { ActualUser } from "../../../reconciler/read/actual-estate.js";
import type { DesiredCustomer } from "../../../reconciler/model/desired-estate.js";
import { actualCustomer } from "../../helpers/estate-fixtures.js";

const desired = (domain: string, tenant: DesiredCustomer["tenant"] = { mode: "create" }): DesiredCustomer =>
  ({ company: { domain }, tenant }) as DesiredCustomer;

describe("matchCustomer", () => {
  it("finds by initial domain regardless of case, and the first of two alike", () => {
    const first = actualCustomer({ domain: "Contoso.onmicrosoft.com", id: "A" });
    const second = actualCustomer({ domain: "contoso.onmicrosoft.com", id: "B" });
    const list = [actualCustomer({ domain: "other.onmicrosoft.com" }), first, second];
    expect(matchCustomer(desired("CONTOSO.onmicrosoft.com"), list)).toBe(first);
    expect(matchCustomer(desired("missing.onmicrosoft.com"), list)).toBeUndefined();
  });

  it("finds a link customer with a tenant id by id, not by domain", () => {
    const byId = actualCustomer({ domain: "a.onmicrosoft.com", id: "ABC-1" });
    const list = [actualCustomer({ domain: "b.onmicrosoft.com", id: "x" }), byId];
    expect(matchCustomer(desired("b.onmicrosoft.com", { mode: "link", id: "abc-1" }), list)).toBe(byId);
    expect(matchCustomer(desired("a.onmicrosoft.com", { mode: "link", id: "nope" }), list)).toBeUndefined();
  });

  it("sees customers added to the same list after an earlier lookup", () => {
    const list = [actualCustomer({ domain: "a.onmicrosoft.com" })];
    expect(matchCustomer(desired("late.onmicrosoft.com"), list)).toBeUndefined();
    const late = actualCustomer({ domain: "late.onmicrosoft.com" });
    list.push(late);
    expect(matchCustomer(desired("late.onmicrosoft.com"), list)).toBe(late);
  });
});

describe("matchUser", () => {
  const user = (userPrincipalName: string, id: string): ActualUser => ({
    id,
    userPrincipalName,
    displayName: "",
    firstName: null,
    lastName: null,
    usageLocation: null,
    enabled: true,
    licenses: [],
  });

  it("finds by UPN regardless of case, the first of two alike, and users added later", () => {
    const first = user("Ada@Contoso.com", "1");
    const list = [user("bob@contoso.com", "0"), first, user("ada@contoso.com", "2")];
    expect(matchUser("ADA@contoso.com", list)).toBe(first);
    expect(matchUser("eve@contoso.com", list)).toBeUndefined();
    const eve = user("eve@contoso.com", "3");
    list.push(eve);
    expect(matchUser("eve@contoso.com", list)).toBe(eve);
  });
});
