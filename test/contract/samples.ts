// Reads Microsoft's payload samples, vendored with their sources in test/fixtures/partner-center/samples/.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Microsoft's documented payloads, one per file; SOURCES.md there says where each comes from. */
export const SAMPLES_DIR = fileURLToPath(new URL("../fixtures/partner-center/samples/", import.meta.url));

export function sample<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(`${SAMPLES_DIR}${name}`, "utf8")) as T;
}

export function responseSampleNames(): string[] {
  return readdirSync(SAMPLES_DIR)
    .filter((name) => name.endsWith(".json") && !name.endsWith(".request.json"))
    .sort();
}
