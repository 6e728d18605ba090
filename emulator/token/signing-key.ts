// The authority's RS256 signing key. With --emulator-dir it is kept on disk so tokens a client cached
// before a restart stay valid after it, as they would against Entra ID.
import type { webcrypto } from "node:crypto";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from "jose";

type CryptoKey = webcrypto.CryptoKey;

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** The public half as published in the JWKS. */
  publicJwk: JWK;
}

export async function createSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true, modulusLength: 2048 });
  return fromKeys(privateKey, publicKey);
}

/** The private JWK, for persistence only. */
export async function exportSigningKey(key: SigningKey): Promise<JWK> {
  return exportJWK(key.privateKey);
}

export async function importSigningKey(privateJwk: JWK): Promise<SigningKey> {
  const privateKey = (await importJWK(privateJwk, "RS256", { extractable: true })) as CryptoKey;
  const { n, e, kty } = privateJwk;
  const publicKey = (await importJWK({ kty, n, e }, "RS256", { extractable: true })) as CryptoKey;
  return fromKeys(privateKey, publicKey);
}

async function fromKeys(privateKey: CryptoKey, publicKey: CryptoKey): Promise<SigningKey> {
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { kid, privateKey, publicKey, publicJwk: { kty: jwk.kty, use: "sig", kid, n: jwk.n, e: jwk.e, alg: "RS256" } };
}
