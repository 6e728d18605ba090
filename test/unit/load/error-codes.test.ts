// One table of error codes (docs/reference/error-codes.md is generated from it): every estate code the
// loader can emit is in core/error-codes.ts.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { errorCodes } from "../../../core/error-codes.js";
import { CspctlError } from "../../../core/errors.js";

const repo = join(import.meta.dirname, "..", "..", "..");
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : name.endsWith(".ts") ? [path] : [];
  });
}

describe("error codes", () => {
  it("include every code the loader and validate can emit", () => {
    const files = [...sourceFiles(join(repo, "reconciler", "load")), join(repo, "cli", "commands", "validate.ts")];
    const used = new Set(
      files.flatMap((file) =>
        [...readFileSync(file, "utf8").matchAll(/"((?:estate|cli)\.[a-z_]+)"/g)].map((m) => m[1]!),
      ),
    );
    expect([...used].filter((code) => !Object.hasOwn(errorCodes, code))).toEqual([]);
  });

  it("include every code any product module throws", () => {
    const files = ["core", "cli", "client", "emulator", "reconciler", "provider"].flatMap((dir) =>
      sourceFiles(join(repo, dir)),
    );
    const used = new Set(
      files.flatMap((file) =>
        [...readFileSync(file, "utf8").matchAll(/\bcode: "([a-z]+\.[a-z0-9_]+)"/g)].map((m) => m[1]!),
      ),
    );
    expect([...used].filter((code) => !Object.hasOwn(errorCodes, code))).toEqual([]);
  });

  it("are a closed type: an unregistered code does not compile (npm test type-checks the tests)", () => {
    const registered = new CspctlError({ code: "plan.blocked", message: "m" });
    // @ts-expect-error "plan.not_a_registered_code" is not in core/error-codes.ts
    const unregistered = new CspctlError({ code: "plan.not_a_registered_code", message: "m" });
    expect(Object.hasOwn(errorCodes, registered.code)).toBe(true);
    expect(Object.hasOwn(errorCodes, unregistered.code)).toBe(false);
  });

  it("are area.snake_case", () => {
    for (const code of Object.keys(errorCodes)) expect(code).toMatch(/^[a-z]+\.[a-z0-9_]+$/);
  });
});
