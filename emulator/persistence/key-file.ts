// With --emulator-dir the CA, server certificate and token signing key survive restarts, so a client's
// CA file and cached tokens stay valid. Without it they are made fresh each start.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { JWK } from "jose";
import type { TlsMaterial } from "../tls.js";
import { writeFileAtomic } from "./atomic-file.js";

export interface KeyMaterial {
  tls: TlsMaterial;
  signingKey: JWK;
}

const KEY_FILE_NAME = "keys.json";

export async function loadKeyMaterial(directory: string): Promise<KeyMaterial | undefined> {
  try {
    return JSON.parse(await readFile(join(directory, KEY_FILE_NAME), "utf8")) as KeyMaterial;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

export async function saveKeyMaterial(directory: string, material: KeyMaterial): Promise<void> {
  await writeFileAtomic(join(directory, KEY_FILE_NAME), JSON.stringify(material));
}
