import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fileCredentialSink } from "../../../reconciler/apply/credentials.js";

describe("--credentials-out", () => {
  it("creates the file 0600 and appends one JSON line per credential", () => {
    const path = join(mkdtempSync(join(tmpdir(), "cspctl-cred-")), "creds.jsonl");
    const sink = fileCredentialSink(path);
    sink.record({
      address: "customer:a/user:u@a.onmicrosoft.com",
      userName: "u@a.onmicrosoft.com",
      password: "Xy7#secret",
    });
    sink.close();
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(
      readFileSync(path, "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l)),
    ).toEqual([
      { address: "customer:a/user:u@a.onmicrosoft.com", userName: "u@a.onmicrosoft.com", password: "Xy7#secret" },
    ]);
    expect(sink.count).toBe(1);
  });

  it("refuses an existing file that others can read", () => {
    const path = join(mkdtempSync(join(tmpdir(), "cspctl-cred-")), "open.jsonl");
    writeFileSync(path, "");
    chmodSync(path, 0o644);
    expect(() => fileCredentialSink(path)).toThrow(expect.objectContaining({ code: "apply.credentials_file_mode" }));
  });
});
