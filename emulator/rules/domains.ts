// Domain rules: initial domains are globally unique across every tenant the emulator knows,
// whichever partner created them (NCE-RULES R-DOM-1), and prefixes follow R-DOM-2.
import type { EmulatorState } from "../store/state.js";

/** R-DOM-1: a domain is taken when any tenant, of any partner or none, already owns it. */
export function isDomainTaken(state: EmulatorState, domain: string): boolean {
  const wanted = domain.trim().toLowerCase();
  return Object.values(state.tenants).some((tenant) => tenant.domains.some((owned) => owned.toLowerCase() === wanted));
}

/**
 * R-DOM-2 (unconfirmed beyond the sources NCE-RULES cites): the prefix before `.onmicrosoft.com`
 * holds letters and digits only, at most 27 characters. Returns a problem, or undefined when valid.
 */
export function domainPrefixProblem(domain: string): string | undefined {
  const lower = domain.trim().toLowerCase();
  const prefix = lower.endsWith(".onmicrosoft.com") ? lower.slice(0, -".onmicrosoft.com".length) : lower;
  if (prefix.length === 0) return "The domain prefix is empty.";
  if (prefix.length > 27) return "The domain prefix can be at most 27 characters long.";
  if (!/^[a-z0-9]+$/.test(prefix)) return "Your domain name can only contain letters and numbers.";
  return undefined;
}

/** The initial domain for a requested prefix or full domain. */
export function initialDomain(domain: string): string {
  const lower = domain.trim().toLowerCase();
  return lower.includes(".") ? lower : `${lower}.onmicrosoft.com`;
}
