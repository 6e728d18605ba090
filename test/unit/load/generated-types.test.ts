// The model's types come from the schema: regenerating them must give the committed file, byte for byte.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const repo = join(import.meta.dirname, "..", "..", "..");

describe("reconciler/model/estate.generated.ts", () => {
  it("is what `npm run types` generates from schemas/estate.schema.json", () => {
    const generated = execFileSync(process.execPath, [join(repo, "scripts", "generate-types.mjs"), "--stdout"], {
      encoding: "utf8",
    });
    expect(generated).toBe(readFileSync(join(repo, "reconciler", "model", "estate.generated.ts"), "utf8"));
  });
});
