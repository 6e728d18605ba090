// The emulator serves HTTPS only (MSAL refuses insecure authorities): a CA made at start signs a
// server certificate for 127.0.0.1, ::1 and localhost; clients trust the CA through CSPCTL_CA_FILE.
import { generate } from "selfsigned";

export interface TlsMaterial {
  caCertPem: string;
  caKeyPem: string;
  certPem: string;
  keyPem: string;
}

const TEN_YEARS_MS = 10 * 365 * 24 * 3600 * 1000;

export async function createTlsMaterial(now = new Date()): Promise<TlsMaterial> {
  const notBeforeDate = new Date(now.getTime() - 24 * 3600 * 1000);
  const notAfterDate = new Date(now.getTime() + TEN_YEARS_MS);
  const ca = await generate([{ name: "commonName", value: "cspctl emulator local CA" }], {
    keySize: 2048,
    algorithm: "sha256",
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: "basicConstraints", cA: true, critical: true },
      { name: "keyUsage", keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const server = await generate([{ name: "commonName", value: "localhost" }], {
    keySize: 2048,
    algorithm: "sha256",
    notBeforeDate,
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: [
          { type: 2, value: "localhost" },
          { type: 7, ip: "127.0.0.1" },
          { type: 7, ip: "::1" },
        ],
      },
    ],
  });
  return { caCertPem: ca.cert, caKeyPem: ca.private, certPem: server.cert, keyPem: server.private };
}
