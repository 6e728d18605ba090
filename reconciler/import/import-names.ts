// Stable, readable metadata.name and subscription names for imported objects.

const NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

export function slug(text: string, fallback: string): string {
  const s = text
    .toLowerCase()
    .replace(/^microsoft 365 |^microsoft |^office 365 /, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 50)
    .replace(/-+$/, "");
  return NAME.test(s) ? s : fallback;
}

/** Hands out names, adding -2, -3… when one is taken. */
export class NameAllocator {
  private readonly taken = new Set<string>();

  take(wanted: string): string {
    let name = wanted;
    for (let n = 2; this.taken.has(name); n++) name = `${wanted.slice(0, 58)}-${n}`;
    this.taken.add(name);
    return name;
  }
}

/** `contoso.onmicrosoft.com` → `contoso`. */
export function customerName(domain: string): string {
  return slug(domain.split(".")[0] ?? domain, "customer");
}

/** `CSPCTL_PASSWORD_CONTOSO_ADA` for ada@contoso…: the variable an imported user's password would come from. */
export function passwordVariable(customer: string, upn: string): string {
  return `CSPCTL_PASSWORD_${customer}_${upn.split("@")[0] ?? upn}`.toUpperCase().replace(/[^A-Z0-9_]/g, "_");
}
