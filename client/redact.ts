// Allowlist redaction, applied where log lines and errors are built: a header, query parameter or
// body field prints only when its name is listed here; everything else becomes REDACTED. Known
// secret values (client secret, refresh token, every access token issued, generated passwords) are
// additionally scrubbed from any text as a second line of defence.

export const REDACTED = "REDACTED";

const allowedHeaders = new Set([
  "accept",
  "content-type",
  "content-length",
  "ms-requestid",
  "ms-correlationid",
  "client-request-id",
  "request-id",
  "x-locale",
  "ms-partnercenter-client",
  "ms-contract-version",
  "ms-cv",
  "ms-serverid",
  "retry-after",
  "location",
  "date",
  "etag",
  "if-match",
  "consistencylevel",
  "user-agent",
]);

const allowedQuery = new Set([
  "size",
  "country",
  "targetview",
  "targetsegment",
  "order_id",
  "mpn_id",
  "seekoperation",
  "eligibilitytype",
  "operationid",
  "licensegroupids",
  "$select",
  "$top",
  "$filter",
  "$count",
  "filter",
]);

/** Body fields that are safe to print. Names are compared case-insensitively. */
const allowedFields = new Set(
  [
    "id",
    "objectType",
    "etag",
    "attributes",
    "links",
    "self",
    "next",
    "uri",
    "method",
    "items",
    "totalCount",
    "value",
    "@odata.nextLink",
    "@odata.deltaLink",
    "@odata.context",
    "code",
    "description",
    "message",
    "error",
    "errorCode",
    "errorDescription",
    "statusCode",
    "source",
    "data",
    "companyProfile",
    "billingProfile",
    "tenantId",
    "domain",
    "companyName",
    "relationshipToPartner",
    "culture",
    "language",
    "country",
    "region",
    "city",
    "state",
    "postalCode",
    "lineItems",
    "catalogItemId",
    "offerId",
    "offerName",
    "quantity",
    "billingCycle",
    "termDuration",
    "friendlyName",
    "status",
    "orderId",
    "subscriptionId",
    "lineItemNumber",
    "orderGroup",
    "orders",
    "orderErrors",
    "creationDate",
    "creationTimestamp",
    "autoRenewEnabled",
    "isTrial",
    "productId",
    "skuId",
    "availabilityId",
    "productType",
    "displayName",
    "commitmentEndDate",
    "effectiveStartDate",
    "cancellationAllowedUntilDate",
    "scheduledNextTermInstructions",
    "product",
    "refundableQuantity",
    "parentSubscriptionId",
    "userPrincipalName",
    "usageLocation",
    "userDomainType",
    "licensesToAssign",
    "licensesToRemove",
    "excludedPlans",
    "licenseWarnings",
    "addLicenses",
    "removeLicenses",
    "disabledPlans",
    "skuPartNumber",
    "consumedUnits",
    "availableUnits",
    "activeUnits",
    "totalUnits",
    "suspendedUnits",
    "warningUnits",
    "productSku",
    "capabilityStatus",
    "prepaidUnits",
    "enabled",
    "qualification",
    "vettingStatus",
    "transitionType",
    "toCatalogItemId",
    "fromCatalogItemId",
    "qualifications",
    "title",
    "isEligible",
    "name",
    "currencyCode",
    "target",
    "innerError",
    "date",
    "request-id",
    "client-request-id",
    "accountEnabled",
  ].map((name) => name.toLowerCase()),
);

/** Body fields whose value is a URL: printed through redactUrl. */
const linkFields = new Set(["@odata.nextlink", "@odata.deltalink"]);

/** Values that must never appear in output, whatever field or header carries them. */
class SecretRegistry {
  private readonly secrets = new Set<string>();

  add(secret: string | undefined): void {
    // Very short strings would scrub ordinary words; real secrets are long.
    if (secret !== undefined && secret.length >= 6) this.secrets.add(secret);
  }

  scrub(text: string): string {
    let result = text;
    for (const secret of this.secrets) {
      if (result.includes(secret)) result = result.split(secret).join(REDACTED);
    }
    return result;
  }
}

/** Process-wide registry: errors and logs are built in many places, secrets are learned in auth. */
export const secretRegistry = new SecretRegistry();

export function redactHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(", ") : value;
    result[name] = allowedHeaders.has(name.toLowerCase()) ? secretRegistry.scrub(text) : REDACTED;
  }
  return result;
}

/** Keeps the path; query values print only for listed parameter names. */
export function redactUrl(url: string): string {
  const queryStart = url.indexOf("?");
  if (queryStart < 0) return secretRegistry.scrub(url);
  const params = new URLSearchParams(url.slice(queryStart + 1));
  const kept: string[] = [];
  for (const [name, value] of params) {
    const shown = allowedQuery.has(name.toLowerCase()) ? value : REDACTED;
    kept.push(`${encodeURIComponent(name)}=${encodeURIComponent(shown)}`);
  }
  return secretRegistry.scrub(`${url.slice(0, queryStart)}?${kept.join("&")}`);
}

/** Deep copy of a JSON value in which only allow-listed field names keep their values. */
export function redactBody(value: unknown, depth = 0): unknown {
  if (depth > 12) return REDACTED;
  if (typeof value === "string") return secretRegistry.scrub(value);
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item) => redactBody(item, depth + 1));
  const result: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(value as Record<string, unknown>)) {
    const lower = name.toLowerCase();
    if (!allowedFields.has(lower)) result[name] = REDACTED;
    // Paging and delta links carry state tokens in their query: only the query's listed names print.
    else if (linkFields.has(lower) && typeof field === "string") result[name] = redactUrl(field);
    else result[name] = redactBody(field, depth + 1);
  }
  return result;
}

/** For callers outside the client that handle secrets of their own (e.g. passwords from an estate). */
export function registerSecret(secret: string): void {
  secretRegistry.add(secret);
}

export function scrubSecrets(text: string): string {
  return secretRegistry.scrub(text);
}
