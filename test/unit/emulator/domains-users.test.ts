import { describe, expect, it } from "vitest";
import { domainPrefixProblem, isDomainTaken } from "../../../emulator/rules/domains.js";
import { passwordProblem, userPrincipalNameProblem } from "../../../emulator/rules/users.js";
import { stateWith } from "./records.js";

describe("domain uniqueness (R-DOM-1) and prefixes (R-DOM-2)", () => {
  it("treats a domain of any tenant as taken, case-insensitively", () => {
    const state = stateWith();
    expect(isDomainTaken(state, "CONTOSO.onmicrosoft.com")).toBe(true);
    expect(isDomainTaken(state, "contoso2.onmicrosoft.com")).toBe(false);
  });
  it.each([
    ["contoso.onmicrosoft.com", undefined],
    ["contoso", undefined],
    ["con-toso.onmicrosoft.com", "Your domain name can only contain letters and numbers."],
    [`${"a".repeat(28)}.onmicrosoft.com`, "The domain prefix can be at most 27 characters long."],
  ])("%s → %s", (domain, problem) => {
    expect(domainPrefixProblem(domain)).toBe(problem);
  });
});

describe("password policy (R-USR-1)", () => {
  it.each([
    ["abCD123*", true],
    ["Password1", true],
    ["password1!", true],
    ["short1A", false],
    ["alllowercase", false],
    ["lower and space", false],
    ["Ünïcode123", false],
    ["Lower Space 1", true],
    ["x".repeat(257), false],
  ])("%s acceptable = %s", (password, acceptable) => {
    expect(passwordProblem(password) === undefined).toBe(acceptable);
  });
});

describe("user principal names (R-USR-3)", () => {
  it.each([
    ["ada@contoso.onmicrosoft.com", true],
    ["o'neil@contoso.onmicrosoft.com", true],
    ["ada.@contoso.onmicrosoft.com", false],
    ["a da@contoso.onmicrosoft.com", false],
    ["noatsign", false],
    [`${"a".repeat(65)}@contoso.onmicrosoft.com`, false],
  ])("%s valid = %s", (upn, valid) => {
    expect(userPrincipalNameProblem(upn) === undefined).toBe(valid);
  });
});
