// Entra's password policy as cspctl reads it (NCE-RULES R-USR-1), table-driven.
import { describe, expect, it } from "vitest";
import { passwordPolicyProblem } from "../../../reconciler/plan/password-policy.js";

describe("passwordPolicyProblem (R-USR-1)", () => {
  it.each([
    ["Correct-Horse-9", undefined],
    ["abcDEF12", undefined], // three classes, no symbol
    ["abc def 1", undefined], // space is one of Entra's symbols
    ["Ab1!", /4 characters; Entra needs 8 to 256/],
    [`Aa1!${"x".repeat(253)}`, /257 characters/],
    ["password1", /mixes 2 of/],
    ["ALLCAPSONLY", /mixes 1 of/],
    ["Pässword-12", /character Entra does not allow/],
  ])("%s", (password, expected) => {
    const problem = passwordPolicyProblem(password);
    if (expected === undefined) expect(problem).toBeUndefined();
    else expect(problem).toMatch(expected);
    expect(problem ?? "").not.toContain(password);
  });
});
