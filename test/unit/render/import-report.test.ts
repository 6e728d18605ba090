// The import view: Partner Center's text is escaped for the terminal; the JSON keeps it as it is.
import { describe, expect, it } from "vitest";
import { renderImportReport } from "../../../reconciler/render/import/import-report.js";

const hostile = { name: "evil", domain: "evil.onmicrosoft.com\u001b[2J\u0007", file: "out/evil.yaml", notes: ["n"] };

describe("renderImportReport", () => {
  it("escapes a hostile domain in the human view and counts the notes", () => {
    const text = renderImportReport([hostile], false);
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(text).toBe("wrote out/evil.yaml (evil.onmicrosoft.com\\u001b[2J\\u0007), 1 note(s) in its header\n");
  });

  it("keeps the text as it is in the JSON view", () => {
    expect(JSON.parse(renderImportReport([hostile], true))).toEqual({ written: [hostile] });
  });
});
