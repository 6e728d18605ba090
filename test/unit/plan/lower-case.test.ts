// lowerCase skips toLowerCase's copy for text it would not change; its result must always equal
// toLowerCase's, for ASCII and beyond (UPNs and domains may hold any Unicode letter).
import { describe, expect, it } from "vitest";
import { lowerCase } from "../../../reconciler/plan/lower-case.js";

describe("lowerCase", () => {
  it.each([
    "ada@contoso.onmicrosoft.com",
    "Ada@Contoso.com",
    "ADA",
    "",
    "cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46",
    "CBDC14AB-D96C",
    "zoë@contoso.com",
    "ÄRGER@x.de",
    "İstanbul",
    "STRASSE ß",
    "ΣΊΣΥΦΟΣ",
    "[@`{~\u007f",
    "x\u0080y",
    "😀A",
  ])("%s", (text) => {
    expect(lowerCase(text)).toBe(text.toLowerCase());
  });

  it("returns the same string when nothing changes", () => {
    const text = "user1@bench00001.onmicrosoft.com";
    expect(lowerCase(text)).toBe(text);
  });
});
