// One factory per documented Partner Center / Graph error (Partner Center docs: error-codes; test/fixtures/partner-center/samples/error.*.json).
// Handlers and the pipeline throw EmulatorHttpError; the pipeline serialises it as-is.

export class EmulatorHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`emulator error ${status}`);
    this.name = "EmulatorHttpError";
  }
}

/** Partner Center's documented error body: `{code, description, data, source}` (Partner Center docs: error-codes). */
export function partnerCenterError(
  status: number,
  code: number | string,
  description: string,
  data: unknown[] = [],
): EmulatorHttpError {
  return new EmulatorHttpError(status, { code, description, data, source: "PartnerFD" });
}

/** Microsoft Graph's error body (Microsoft Graph docs: errors). */
export function graphError(status: number, code: string, message: string, requestId = ""): EmulatorHttpError {
  return new EmulatorHttpError(status, {
    error: {
      code,
      message,
      innerError: {
        date: new Date().toISOString().replace(/\.\d{3}Z$/, ""),
        "request-id": requestId,
        "client-request-id": requestId,
      },
    },
  });
}

// --- transport errors (pipeline, token check, routing) ---

const notEmulatedMessage = (method: string, path: string): string =>
  `The cspctl emulator does not emulate ${method} ${path}. docs/emulator.md lists what it emulates and what it answers 501.`;

/** An operation the emulator does not emulate, in Partner Center's error shape. Never 405: a method the real API has is answered 501. */
export const notEmulated = (method: string, path: string): EmulatorHttpError =>
  partnerCenterError(501, 501, notEmulatedMessage(method, path));

/** The same, in Graph's error shape, for the Graph face. */
export const graphNotEmulated = (method: string, path: string): EmulatorHttpError =>
  graphError(501, "notSupported", notEmulatedMessage(method, path));

/** App-only token on a licence or user route (samples/error.partner-token-not-allowed-license-management.response.json). */
export const partnerTokenNotAllowed = (): EmulatorHttpError =>
  partnerCenterError(
    400,
    900316,
    "Partner token is not allowed in license management calls. Please call with Partner Access Token. To learn more, see https://learn.microsoft.com/partner-center/developer/enable-secure-app-model#get-access-token",
  );

/** App-only token on another app+user route (Partner Center docs: error-codes, 900329). */
export const applicationOnlyNotSupported = (): EmulatorHttpError =>
  partnerCenterError(403, 900329, "This resource does not support application-only authentication.");

/** Partner Center 401 (Partner Center docs: error-codes; 401/800001 token missing, 401/400 access denied). */
export const partnerCenterUnauthorized = (missing: boolean, reason: string): EmulatorHttpError =>
  new EmulatorHttpError(
    401,
    { code: missing ? 800001 : 400, description: reason, data: [], source: "PartnerFD" },
    { "www-authenticate": 'Bearer error="invalid_token"' },
  );

/** Graph 401 `InvalidAuthenticationToken`. */
export const graphUnauthorized = (message: string, requestId = ""): EmulatorHttpError => {
  const error = graphError(401, "InvalidAuthenticationToken", message, requestId);
  return new EmulatorHttpError(401, error.body, { "www-authenticate": 'Bearer error="invalid_token"' });
};

/** Graph 403 when the token's tenant is not (or no longer) a customer of the calling partner. */
export const graphForbidden = (requestId = ""): EmulatorHttpError =>
  graphError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.", requestId);

/** Partner Center's 429 body is not the usual error shape (samples/error.throttled-429.response.json). */
export const throttled = (retryAfterSeconds: number): EmulatorHttpError =>
  new EmulatorHttpError(
    429,
    { statusCode: 429, message: `Rate limit is exceeded. Try again in ${retryAfterSeconds} seconds.` },
    { "retry-after": String(retryAfterSeconds) },
  );

/** Injected 5xx fault (faults.errorRate). */
export const serviceUnavailable = (): EmulatorHttpError =>
  partnerCenterError(
    503,
    503,
    "The service is temporarily unavailable. Please retry the request (fault injected by the cspctl emulator).",
  );

export const internalServerError = (): EmulatorHttpError =>
  partnerCenterError(
    500,
    500,
    "An unexpected error occurred in the cspctl emulator. The request may be retried with the same MS-RequestId.",
  );

export const graphInternalServerError = (): EmulatorHttpError =>
  graphError(500, "generalException", "An unexpected error occurred in the cspctl emulator.");

export const badRequestBody = (reason: string): EmulatorHttpError =>
  partnerCenterError(400, 400, `The request body is not valid JSON: ${reason}`);

export const graphBadRequestBody = (reason: string): EmulatorHttpError =>
  graphError(400, "BadRequest", `Unable to read JSON request payload: ${reason}`);

/** A request body over the emulator's size limit, in the face's error shape. */
export const bodyTooLarge = (face: string | undefined, reason: string): EmulatorHttpError =>
  face === "graph" ? graphError(413, "RequestEntityTooLarge", reason) : partnerCenterError(413, 413, reason);

// --- domain errors (handlers, rules) ---

/** A seed body (control API) that cannot be applied; names the offending field. */
export const invalidSeed = (message: string): EmulatorHttpError =>
  partnerCenterError(400, 800002, `Invalid seed: ${message}`);
export const invalidInput = (description: string): EmulatorHttpError => partnerCenterError(400, 800002, description);

// Not found (Partner Center docs: error-codes). An unknown customer and another partner's customer answer the same,
// so a partner cannot probe for other partners' customers.
export const tenantNotFound = (): EmulatorHttpError => partnerCenterError(404, 60003, "Tenant not found.");
export const resourceNotFound = (what: string): EmulatorHttpError =>
  partnerCenterError(404, 1000, `${what} was not found.`);
export const subscriptionNotFound = (): EmulatorHttpError => partnerCenterError(404, 20003, "Subscription not found.");
export const orderNotFound = (): EmulatorHttpError => partnerCenterError(404, 20000, "Order not found.");
export const userNotFound = (): EmulatorHttpError => partnerCenterError(404, 60002, "User object not found.");
export const cartNotFound = (): EmulatorHttpError =>
  partnerCenterError(404, 800008, "Cart with the given id was not found.");
export const productNotFound = (): EmulatorHttpError => partnerCenterError(404, 400013, "Product not found.");
export const skuNotFound = (): EmulatorHttpError => partnerCenterError(404, 400018, "Sku not found.");
export const availabilityNotFound = (): EmulatorHttpError =>
  partnerCenterError(404, 400019, "Availability not found. Get the availability again and retry.");

// Customers and profiles.
export const domainAlreadyTaken = (domain: string): EmulatorHttpError =>
  partnerCenterError(
    400,
    800002,
    `The domain ${domain} is already in use. Check availability with HEAD /v1/domains/{domain} first.`,
  );
export const ifMatchRequired = (): EmulatorHttpError =>
  partnerCenterError(400, 3000, "The If-Match header with the resource's ETag is required.");
export const etagNoLongerValid = (): EmulatorHttpError =>
  partnerCenterError(400, 2055, "The ETag is no longer valid. Get the resource again and retry with its current ETag.");
export const qualificationNotSettable = (qualification: string): EmulatorHttpError =>
  partnerCenterError(400, 800002, `The qualification ${qualification} cannot be set through the API.`);

// Catalog, carts, orders.
export const invalidOfferId = (catalogItemId: string): EmulatorHttpError =>
  partnerCenterError(400, 800004, `Invalid offer id ${catalogItemId}.`);
/** 400/27007 invalid promotion code (Partner Center docs: error-codes), naming the eligibility error types. */
export const invalidPromotion = (promotionId: string, reasons: string[]): EmulatorHttpError =>
  partnerCenterError(
    400,
    27007,
    `Invalid promotion code ${promotionId}: the line is not eligible (${reasons.join(", ") || "InvalidPromotion"}).`,
  );
export const cartAlreadySubmitted = (): EmulatorHttpError =>
  partnerCenterError(400, 800065, "The cart has already been submitted.");
export const lineItemNumbering = (): EmulatorHttpError =>
  partnerCenterError(400, 800071, "Line item ids must be numbered 0 to n-1.");
export const customerNotReady = (): EmulatorHttpError =>
  partnerCenterError(
    404,
    60003,
    "Tenant not found. A newly created customer tenant can take a few minutes to become available; retry later.",
  );
export const notEligibleForPurchase = (reason: string): EmulatorHttpError =>
  partnerCenterError(403, 800020, `The customer is not eligible to purchase this offer. ${reason}`);
/** NCE-RULES R-LIM-1, Microsoft's wording. */
export const seatLimitExceeded = (requested: number, remaining: number, catalogItemId: string): EmulatorHttpError =>
  partnerCenterError(
    403,
    800088,
    `The requested number of ${requested} seats exceeds the remaining limit of ${remaining} seats allowed per subscription for the CatalogItemId ${catalogItemId}.`,
  );
/** NCE-RULES R-ADD-2. */
export const addonWithoutBase = (): EmulatorHttpError =>
  partnerCenterError(400, 400041, "The addon is not purchasable without a compatible base product.");

// Subscription updates (Partner Center docs: error-codes).
export const quantityCannotBeDecreased = (): EmulatorHttpError =>
  partnerCenterError(400, 800090, "Subscription quantity cannot be decreased.");
export const cancellationWindowPassed = (days: number): EmulatorHttpError =>
  partnerCenterError(
    400,
    900117,
    `Subscription can't be cancelled because it is past the ${days}-day cancellation window.`,
  );
export const quantityOutOfRange = (minimum: number, maximum: number | null): EmulatorHttpError =>
  partnerCenterError(400, 2002, `The quantity must be between ${minimum} and ${maximum ?? "the offer's maximum"}.`);
export const quantityChangeWhileSuspending = (): EmulatorHttpError =>
  partnerCenterError(400, 2001, "The quantity cannot be changed while suspending the subscription.");
export const deletedSubscriptionCannotBeUpdated = (): EmulatorHttpError =>
  partnerCenterError(400, 2011, "A deleted subscription can't be updated.");
export const suspendedSubscriptionCannotBeUpdated = (): EmulatorHttpError =>
  partnerCenterError(400, 800091, "A suspended subscription can't be updated. Reactivate it first.");
export const subscriptionNotReady = (): EmulatorHttpError =>
  partnerCenterError(409, 800082, "The subscription is not ready to be updated. Try again later.");
export const notEligibleForAutoRenew = (): EmulatorHttpError =>
  partnerCenterError(400, 800093, "The subscription is not eligible to auto-renew.");
export const seatQuantityNotUpdatable = (reason: string): EmulatorHttpError =>
  partnerCenterError(400, 800095, `The seat quantity can't be updated. ${reason}`);
export const statusNotUpdatable = (reason: string): EmulatorHttpError =>
  partnerCenterError(400, 800096, `The subscription status can't be updated. ${reason}`);
export const billingCycleNotUpdatable = (): EmulatorHttpError =>
  partnerCenterError(400, 800097, "The billing cycle can't be updated through a subscription update.");
export const termChangeNotSupportedForTrial = (): EmulatorHttpError =>
  partnerCenterError(400, 800107, "Term change is not supported for trial subscriptions.");
export const invalidTerm = (term: string): EmulatorHttpError =>
  partnerCenterError(400, 800121, `The term duration ${term} is not valid for this offer.`);
export const termShorterThanCurrent = (): EmulatorHttpError =>
  partnerCenterError(
    400,
    800122,
    "The target term duration is shorter than the current term; the term can only be lengthened mid-term.",
  );
export const updatesNotAllowedNow = (reason: string): EmulatorHttpError =>
  partnerCenterError(400, 900280, `Updates are currently not allowed. ${reason}`);
export const tooManyUpdates = (): EmulatorHttpError =>
  partnerCenterError(400, 900311, "The subscription has reached the maximum number of updates.");

// Transitions (Partner Center docs: error-codes; which code means which condition is inferred).
export const transitionTargetNotActive = (): EmulatorHttpError =>
  partnerCenterError(400, 900258, "The target subscription must be active.");
export const transitionSameSubscription = (): EmulatorHttpError =>
  partnerCenterError(400, 900259, "The target subscription must be different from the source subscription.");
export const transitionCatalogItemMismatch = (): EmulatorHttpError =>
  partnerCenterError(400, 900260, "The target subscription must be for the catalog item being transitioned to.");
export const transitionEndDateEarlier = (): EmulatorHttpError =>
  partnerCenterError(400, 900261, "The target subscription must end on or after the source subscription.");
export const transitionNotEligible = (reason: string): EmulatorHttpError =>
  partnerCenterError(400, 900236, `The subscription is not eligible for this transition. ${reason}`);

// Users and licences.
export const passwordPolicy = (): EmulatorHttpError =>
  partnerCenterError(
    400,
    800002,
    "The specified password does not comply with password complexity requirements. Please provide a different password.",
  );
export const invalidUserPrincipalName = (reason: string): EmulatorHttpError =>
  partnerCenterError(400, 800002, `The userPrincipalName is not valid. ${reason}`);
export const userAlreadyExists = (): EmulatorHttpError =>
  partnerCenterError(409, 800002, "Another object with the same value for property userPrincipalName already exists.");
/** NCE-RULES R-LIC-2, Microsoft's sample body. */
export const licenseQuotaExceeded = (tenantId: string, skuId: string): EmulatorHttpError =>
  partnerCenterError(
    400,
    60012,
    "We are sorry, it looks like you have run out of licenses. Buy more licenses, and then try again.",
    [
      `LicenseQuotaExceededException : Subscription with Account ${tenantId} and SKU ${skuId} does not have any available licenses left.`,
    ],
  );
/** NCE-RULES R-LIC-1. */
export const invalidUsageLocation = (): EmulatorHttpError =>
  partnerCenterError(400, 800002, "License assignment cannot be done for user with invalid usage location.");
export const unknownLicenseSku = (skuId: string): EmulatorHttpError =>
  partnerCenterError(400, 800002, `The customer has no subscription for the SKU ${skuId}.`);

// Graph face.
export const graphNotFound = (what: string): EmulatorHttpError =>
  graphError(
    404,
    "Request_ResourceNotFound",
    `Resource '${what}' does not exist or one of its queried reference-property objects are not present.`,
  );
export const graphBadRequest = (message: string): EmulatorHttpError => graphError(400, "Request_BadRequest", message);
export const graphUnsupportedQuery = (message: string): EmulatorHttpError =>
  graphError(400, "Request_UnsupportedQuery", message);
/** Co-terming (Partner Center docs: error-codes, 900242–900246; the emulator answers 900242 with the specific reason). */
export const invalidCustomTermEndDate = (reason: string): EmulatorHttpError =>
  partnerCenterError(400, 900242, `The customTermEndDate is not valid. ${reason}`);
