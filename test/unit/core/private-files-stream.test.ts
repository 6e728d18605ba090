// writePrivateFileFrom: a file written as its chunks arrive (cspctl billing --format csv/jsonl),
// private (0600) and put in place only once complete; a stream that fails leaves neither the file
// nor a temporary one behind.
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writePrivateFileFrom } from "../../../core/private-files.js";

async function* chunks(parts: string[], failAfter?: number): AsyncGenerator<string> {
  for (const [i, part] of parts.entries()) {
    if (i === failAfter) throw new Error("the export failed");
    yield part;
  }
}

describe("writePrivateFileFrom", () => {
  it("writes every chunk to a 0600 file, replacing what was there", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cspctl-private-stream-"));
    const file = join(dir, "billing.csv");
    writeFileSync(file, "old", { mode: 0o644 });
    await writePrivateFileFrom(file, chunks(["a,b\n", "1,2\n", "3,4\n"]));
    expect(readFileSync(file, "utf8")).toBe("a,b\n1,2\n3,4\n");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(["billing.csv"]);
  });

  it("leaves the old file as it was and no temporary file when the chunks fail", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cspctl-private-stream-"));
    const file = join(dir, "billing.csv");
    writeFileSync(file, "old");
    await expect(writePrivateFileFrom(file, chunks(["a,b\n", "1,2\n"], 1))).rejects.toThrow("the export failed");
    expect(readFileSync(file, "utf8")).toBe("old");
    expect(readdirSync(dir)).toEqual(["billing.csv"]);
  });
});
