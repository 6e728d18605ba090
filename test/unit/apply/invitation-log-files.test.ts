// The invitation log holds reseller invitation links: its folder (the CLI's state folder) is created
// 0700 with a `.gitignore` of `*`, and the file is 0600 even where a 0644 one was before.
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readInvitationLog, recordInvitation } from "../../../reconciler/apply/invitation-log.js";

const mode = (path: string): string => (statSync(path).mode & 0o777).toString(8);
const record = {
  customer: "acme",
  domain: "acme.onmicrosoft.com",
  tenantId: null,
  url: "https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=x",
  sentAt: "2026-12-07T00:00:00.000Z",
};

describe("recordInvitation", () => {
  it("creates the state folder 0700 with a .gitignore of * and the log 0600", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "cspctl-state-")), ".cspctl");
    const path = join(dir, "invitations.json");
    recordInvitation(path, record);
    expect(mode(dir)).toBe("700");
    expect(readFileSync(join(dir, ".gitignore"), "utf8")).toBe("*\n");
    expect(mode(path)).toBe("600");
    expect(readInvitationLog(path).map((r) => r.customer)).toEqual(["acme"]);
  });

  it("replaces a 0644 log with a 0600 one and tightens an existing state folder", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "cspctl-state-")), ".cspctl");
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    const path = join(dir, "invitations.json");
    writeFileSync(path, JSON.stringify({ kind: "cspctl-invitations", invitations: [] }), { mode: 0o644 });
    chmodSync(path, 0o644);
    recordInvitation(path, record);
    expect(mode(path)).toBe("600");
    expect(mode(dir)).toBe("700");
  });
});
