// The snapshot file: written 0600 and atomically, loaded only when its format, partner tenant and
// fingerprint hold; anything else is refused with a code and a message that says a full read follows.
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  loadSnapshot,
  makeSnapshot,
  markStale,
  type SnapshotCustomer,
  snapshotPath,
  writeSnapshot,
} from "../../../reconciler/snapshot/snapshot-file.js";

const PARTNER = "11111111-2222-3333-4444-555555555555";

function entry(name: string): SnapshotCustomer {
  return {
    name,
    readShape: "shape",
    readAt: "2026-12-01T00:00:00.000Z",
    lastFullReadAt: "2026-12-01T00:00:00.000Z",
    deltaLink: "users/delta?$deltatoken=abc",
    customer: {
      id: `${name}-id`,
      domain: `${name}.onmicrosoft.com`,
      companyName: name,
      billing: null,
      qualifications: [],
      subscriptions: [],
      subscribedSkus: [],
      users: [],
    },
    unreadable: [],
  };
}

function written(): string {
  const file = snapshotPath(join(mkdtempSync(join(tmpdir(), "snapshot-")), "state"));
  writeSnapshot(file, makeSnapshot(PARTNER, { "contoso-id": entry("contoso"), "fabrikam-id": entry("fabrikam") }));
  return file;
}

describe("snapshot file", () => {
  it("round-trips, 0600 in a 0700 folder, with no temporary file left behind", () => {
    const file = written();
    const loaded = loadSnapshot(file, PARTNER.toUpperCase());
    expect(loaded.kind).toBe("loaded");
    expect(loaded.kind === "loaded" && Object.keys(loaded.snapshot.customers).sort()).toEqual([
      "contoso-id",
      "fabrikam-id",
    ]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(file, "..")).mode & 0o777).toBe(0o700);
    expect(readdirSync(join(file, "..")).sort()).toEqual([".gitignore", "snapshot.json"]);
  });

  it("is missing when there is no file", () => {
    expect(loadSnapshot(join(tmpdir(), "no-such-dir", "snapshot.json"), PARTNER)).toEqual({ kind: "missing" });
  });

  it.each([
    [
      "another partner tenant",
      (s: Record<string, unknown>) => ({ ...s, partnerTenantId: "other" }),
      "snapshot.other_partner",
    ],
    [
      "another format version",
      (s: Record<string, unknown>) => ({ ...s, formatVersion: 2 }),
      "snapshot.unsupported_format",
    ],
    [
      "not a snapshot",
      (s: Record<string, unknown>) => ({ ...s, format: "cspctl-plan" }),
      "snapshot.unsupported_format",
    ],
    [
      "content changed after writing",
      (s: Record<string, unknown>) => ({ ...s, customers: { ...(s.customers as object), extra: entry("extra") } }),
      "snapshot.corrupt",
    ],
  ])("refuses a snapshot of %s, saying a full read follows", (_what, edit, code) => {
    const file = written();
    const snapshot = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    const edited: Record<string, unknown> = edit(snapshot);
    // a changed partner or version is refused for what it is, not as a broken fingerprint
    if (code !== "snapshot.corrupt") {
      const { fingerprint: _f, ...body } = edited;
      edited.fingerprint = makeSnapshot(String(body.partnerTenantId), body.customers as never).fingerprint;
      if (code === "snapshot.unsupported_format") edited.fingerprint = "irrelevant";
    }
    writeFileSync(file, JSON.stringify(edited));
    const loaded = loadSnapshot(file, PARTNER);
    expect(loaded.kind).toBe("refused");
    expect(loaded.kind === "refused" && loaded.refusal.code).toBe(code);
    expect(loaded.kind === "refused" && loaded.refusal.message).toMatch(/every customer is read in full/);
  });

  it("refuses a file cut short (a copy interrupted outside cspctl)", () => {
    const file = written();
    writeFileSync(file, readFileSync(file, "utf8").slice(0, 100));
    const loaded = loadSnapshot(file, PARTNER);
    expect(loaded.kind === "refused" && loaded.refusal.code).toBe("snapshot.corrupt");
  });

  it("markStale marks the named customers for a full read and keeps the others", () => {
    const file = written();
    markStale(file, PARTNER, ["contoso"]);
    const loaded = loadSnapshot(file, PARTNER);
    if (loaded.kind !== "loaded") throw new Error("the marked snapshot must load");
    expect(loaded.snapshot.customers["contoso-id"]?.stale).toBe(true);
    expect(loaded.snapshot.customers["fabrikam-id"]?.stale).toBeUndefined();
  });
});
