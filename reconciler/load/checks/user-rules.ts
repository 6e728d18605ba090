// Users and licences: UPN domain, licence targets, service plans, usage location, seats per subscription.
import type { License, Subscription, User } from "../../model/estate.generated.js";
import { didYouMean } from "../did-you-mean.js";
import { spanIn, subscriptionEntries, type CheckContext, type MergedCustomer } from "./context.js";

export function checkUsers(customer: MergedCustomer, context: CheckContext): void {
  const { sink, catalog } = context;
  const { spec, document } = customer;
  const at = (node: object, key?: string | number, part: "key" | "value" = "value") =>
    spanIn(context, document, node, key, part);
  const subscriptions = new Map<string, Subscription>();
  for (const { subscription } of subscriptionEntries(spec))
    if (!subscriptions.has(subscription.name)) subscriptions.set(subscription.name, subscription);
  const assigned = new Map<string, number>();
  const domain = spec.company.domain.toLowerCase();

  for (const user of spec.users ?? []) {
    const upnDomain = user.userPrincipalName.slice(user.userPrincipalName.lastIndexOf("@") + 1).toLowerCase();
    // a custom domain may be verified in the tenant (checked at plan); another tenant's initial domain never is
    if (upnDomain !== domain && upnDomain.endsWith(".onmicrosoft.com")) {
      sink.error(
        "estate.upn_domain_mismatch",
        `${user.userPrincipalName} is not in the customer's domain ${domain}`,
        at(user, "userPrincipalName"),
        `use a name ending in @${domain}`,
      );
    }
    const licenses = user.licenses ?? [];
    if (licenses.length > 0 && user.usageLocation === undefined) {
      sink.error(
        "estate.usage_location_required",
        `${user.userPrincipalName} has licences but no usageLocation`,
        at(user, "userPrincipalName"),
        "add usageLocation: (ISO country code), or set users.defaults.usageLocation in a profile (R-LIC-1)",
      );
    }
    const targets = new Set<string>();
    licenses.forEach((license, i) => {
      const target = checkLicenseTarget(license, licenses, i, user);
      if (target === undefined) return;
      if (targets.has(target)) {
        sink.error(
          "estate.duplicate_license",
          `${user.userPrincipalName} lists licence ${target} twice`,
          at(licenses, i),
          "remove the repeated licence",
        );
        return;
      }
      targets.add(target);
      if (license.subscription !== undefined && subscriptions.has(license.subscription)) {
        assigned.set(license.subscription, (assigned.get(license.subscription) ?? 0) + 1);
      }
    });
  }

  for (const [name, count] of assigned) {
    const subscription = subscriptions.get(name)!;
    if (count > subscription.quantity) {
      sink.error(
        "estate.over_assigned",
        `${count} users are assigned "${name}", which has ${subscription.quantity} seats`,
        at(subscription, "quantity"),
        `raise quantity to at least ${count}, or assign fewer users (R-LIC-2)`,
      );
    }
  }

  function checkLicenseTarget(license: License, list: License[], i: number, user: User): string | undefined {
    const subs = subscriptions;
    const hasSubscription = license.subscription !== undefined;
    const hasSku = license.sku !== undefined;
    if (hasSubscription === hasSku) {
      sink.error(
        "estate.license_target",
        `a licence of ${user.userPrincipalName} must name exactly one of subscription or sku`,
        at(list, i),
        "write - subscription: <name>, or - sku: <skuPartNumber>",
      );
      return undefined;
    }
    let skuPartNumber: string | null | undefined;
    if (hasSubscription) {
      const subscription = subs.get(license.subscription!);
      if (subscription === undefined) {
        sink.error(
          "estate.unknown_subscription",
          `${user.userPrincipalName} is assigned subscription "${license.subscription}", which the customer does not have`,
          at(license, "subscription"),
          didYouMean(
            license.subscription!,
            [...subs.keys()],
            subs.size > 0 ? `subscriptions: ${[...subs.keys()].join(", ")}` : "declare it under subscriptions",
          ),
        );
        return undefined;
      }
      skuPartNumber = Object.hasOwn(catalog.offers, subscription.offer)
        ? catalog.offers[subscription.offer]!.skuPartNumber
        : undefined;
    } else {
      skuPartNumber = license.sku!;
      if (!Object.hasOwn(catalog.licenseSkus, skuPartNumber)) {
        sink.warning(
          "estate.unknown_sku",
          `SKU "${skuPartNumber}" is not in the catalog; cspctl cannot check it`,
          at(license, "sku"),
          didYouMean(
            skuPartNumber,
            Object.keys(catalog.licenseSkus),
            "fine if the customer bought it elsewhere; check the skuPartNumber in Entra",
          ),
        );
        return `sku:${skuPartNumber}`;
      }
    }
    const sku =
      skuPartNumber !== null && skuPartNumber !== undefined && Object.hasOwn(catalog.licenseSkus, skuPartNumber)
        ? catalog.licenseSkus[skuPartNumber]
        : undefined;
    const plans = license.disabledPlans ?? [];
    if (sku !== undefined && plans.length > 0) {
      const known = sku.servicePlans.map((p) => p.name);
      plans.forEach((plan, p) => {
        if (!known.includes(plan)) {
          sink.error(
            "estate.unknown_service_plan",
            `service plan "${plan}" is not part of ${sku.skuPartNumber}`,
            at(license.disabledPlans!, p),
            didYouMean(
              plan,
              known,
              `plans of ${sku.skuPartNumber}: ${known.slice(0, 8).join(", ")}${known.length > 8 ? ", …" : ""}`,
            ),
          );
        } else if (sku.servicePlans.find((servicePlan) => servicePlan.name === plan)?.appliesTo === "Company") {
          sink.error(
            "estate.tenant_level_plan",
            `service plan "${plan}" of ${sku.skuPartNumber} applies to the whole tenant and cannot be disabled for one user`,
            at(license.disabledPlans!, p),
            `remove ${plan} from disabledPlans`,
          );
        }
      });
    }
    return hasSubscription ? license.subscription! : `sku:${skuPartNumber}`;
  }
}
