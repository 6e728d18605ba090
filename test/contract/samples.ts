// Reads Microsoft's payload samples from the shared research folder.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The shared research folder; CSPCTL_SAMPLES_DIR overrides it when the checkout lives elsewhere. */
export const SAMPLES_DIR = process.env["CSPCTL_SAMPLES_DIR"] ?? fileURLToPath(new URL("../../../shared/partner-center/samples/", import.meta.url));

export function sample<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(`${SAMPLES_DIR}${name}`, "utf8")) as T;
}

export function responseSampleNames(): string[] {
  return readdirSync(SAMPLES_DIR).filter((name) => name.endsWith(".json") && !name.endsWith(".request.json")).sort();
}
