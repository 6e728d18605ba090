// The TLS material and token signing key for this start: read from --emulator-dir when present there,
// otherwise created (and, with --emulator-dir, saved for the next start).
import { ensurePrivateDir } from "../../core/private-files.js";
import { createTlsMaterial, type TlsMaterial } from "../tls.js";
import { createSigningKey, exportSigningKey, importSigningKey, type SigningKey } from "../token/signing-key.js";
import { loadKeyMaterial, saveKeyMaterial } from "./key-file.js";

export interface EmulatorKeys {
  tls: TlsMaterial;
  signingKey: SigningKey;
}

export async function loadKeys(dataDir: string | undefined): Promise<EmulatorKeys> {
  if (dataDir !== undefined) {
    ensurePrivateDir(dataDir);
    const saved = await loadKeyMaterial(dataDir);
    if (saved !== undefined) return { tls: saved.tls, signingKey: await importSigningKey(saved.signingKey) };
  }
  const [tls, signingKey] = await Promise.all([createTlsMaterial(), createSigningKey()]);
  if (dataDir !== undefined) await saveKeyMaterial(dataDir, { tls, signingKey: await exportSigningKey(signingKey) });
  return { tls, signingKey };
}
