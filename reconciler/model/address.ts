// Stable, readable addresses used in plans, diagnostics and logs.
// Built with join(), which gives one flat string: `a${b}c` gives a tree of concatenations that, kept
// for every licence of a large estate, holds tens of MiB more than the text itself.

export function customerAddress(customer: string): string {
  return ["customer:", customer].join("");
}

/** Subscriptions and add-ons share one namespace per customer, so add-ons are addressed as subscriptions. */
export function subscriptionAddress(customer: string, subscription: string): string {
  return ["customer:", customer, "/subscription:", subscription].join("");
}

export function userAddress(customer: string, userPrincipalName: string): string {
  return ["customer:", customer, "/user:", userPrincipalName.toLowerCase()].join("");
}

/** A licence is keyed by its target: `license:<subscription>` or `license:sku:<skuPartNumber>`. */
export function licenseAddress(
  customer: string,
  userPrincipalName: string,
  target: { subscription?: string; sku?: string },
): string {
  return licenseAddressUnder(userAddress(customer, userPrincipalName), target);
}

/** The same, below a user address already built (the loader builds one per licence of the estate). */
export function licenseAddressUnder(userAddress: string, target: { subscription?: string; sku?: string }): string {
  return target.subscription !== undefined
    ? [userAddress, "/license:", target.subscription].join("")
    : [userAddress, "/license:sku:", target.sku ?? ""].join("");
}

export function profileAddress(profile: string): string {
  return ["profile:", profile].join("");
}

/** The customer's metadata.name from an address (`customer:contoso/user:…` → `contoso`). */
export function customerOf(address: string): string | null {
  const match = /^customer:([^/]+)/.exec(address);
  return match ? match[1]! : null;
}
