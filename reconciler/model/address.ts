// Stable, readable addresses used in plans, diagnostics and logs (STYLE.md §3).

export function customerAddress(customer: string): string {
  return `customer:${customer}`;
}

/** Subscriptions and add-ons share one namespace per customer, so add-ons are addressed as subscriptions. */
export function subscriptionAddress(customer: string, subscription: string): string {
  return `${customerAddress(customer)}/subscription:${subscription}`;
}

export function userAddress(customer: string, userPrincipalName: string): string {
  return `${customerAddress(customer)}/user:${userPrincipalName.toLowerCase()}`;
}

/** A licence is keyed by its target: `license:<subscription>` or `license:sku:<skuPartNumber>`. */
export function licenseAddress(customer: string, userPrincipalName: string, target: { subscription?: string; sku?: string }): string {
  const key = target.subscription !== undefined ? target.subscription : `sku:${target.sku ?? ""}`;
  return `${userAddress(customer, userPrincipalName)}/license:${key}`;
}

export function profileAddress(profile: string): string {
  return `profile:${profile}`;
}
