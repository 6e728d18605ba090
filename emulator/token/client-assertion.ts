// Verifies a certificate-signed client assertion (RFC 7523) the way Entra ID does: the header's
// `x5t` (SHA-1) or `x5t#S256` thumbprint selects one of the application's registered certificates,
// whose public key must verify the signature; aud is the token endpoint, iss = sub = client id.
import { createHash, X509Certificate } from "node:crypto";
import { decodeProtectedHeader, errors, jwtVerify } from "jose";

export const CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

export type AssertionFailure =
  | { aadsts: 700027; message: string }
  | { aadsts: 700024; message: string }
  | { aadsts: 700021; message: string }
  | { aadsts: 50012; message: string };

export interface VerifyAssertionOptions {
  assertion: string;
  clientId: string;
  /** PEM certificates registered on the application. */
  certificates: readonly string[];
  /** Token endpoint URLs the assertion may be addressed to. */
  audiences: readonly string[];
  nowMs: number;
}

export async function verifyClientAssertion(options: VerifyAssertionOptions): Promise<AssertionFailure | undefined> {
  let header: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(options.assertion) as Record<string, unknown>;
  } catch {
    return { aadsts: 50012, message: "The client assertion is not a well-formed JWT." };
  }
  const certificate = findCertificate(header, options.certificates);
  if (certificate === undefined) {
    return {
      aadsts: 700027,
      message: `The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${options.clientId}'.]`,
    };
  }
  try {
    await jwtVerify(options.assertion, certificate.publicKey, {
      algorithms: ["RS256", "PS256"],
      audience: [...options.audiences],
      currentDate: new Date(options.nowMs),
      // Entra ID allows five minutes of clock skew; MSAL rounds nbf to the nearest second.
      clockTolerance: 300,
      requiredClaims: ["exp", "iss", "sub", "aud"],
    });
  } catch (error) {
    if (error instanceof errors.JWTExpired)
      return { aadsts: 700024, message: "Client assertion is not within its valid time range." };
    if (error instanceof errors.JWTClaimValidationFailed) {
      if (error.claim === "nbf")
        return { aadsts: 700024, message: "Client assertion is not within its valid time range." };
      if (error.claim === "aud")
        return { aadsts: 50012, message: "Client assertion audience claim does not match Realm issuer." };
    }
    if (error instanceof errors.JWSSignatureVerificationFailed)
      return { aadsts: 700027, message: "Client assertion contains an invalid signature." };
    return { aadsts: 50012, message: "The client assertion could not be validated." };
  }
  const payload = decodePayload(options.assertion);
  if (payload.iss !== options.clientId || payload.sub !== options.clientId) {
    return { aadsts: 700021, message: "Client assertion application identifier doesn't match 'client_id' parameter." };
  }
  return undefined;
}

function findCertificate(header: Record<string, unknown>, pems: readonly string[]): X509Certificate | undefined {
  const sha1 = typeof header.x5t === "string" ? header.x5t : undefined;
  const sha256 = typeof header["x5t#S256"] === "string" ? (header["x5t#S256"] as string) : undefined;
  for (const pem of pems) {
    let certificate: X509Certificate;
    try {
      certificate = new X509Certificate(pem);
    } catch {
      continue;
    }
    if (sha1 !== undefined && thumbprint(certificate, "sha1") === sha1) return certificate;
    if (sha256 !== undefined && thumbprint(certificate, "sha256") === sha256) return certificate;
  }
  return undefined;
}

/** base64url of the certificate's DER digest, as in the JOSE `x5t` / `x5t#S256` headers. */
function thumbprint(certificate: X509Certificate, algorithm: "sha1" | "sha256"): string {
  return createHash(algorithm).update(certificate.raw).digest("base64url");
}

function decodePayload(jwt: string): Record<string, unknown> {
  const part = jwt.split(".")[1] ?? "";
  return JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as Record<string, unknown>;
}
