// The Partner Center façade: one namespace per resource family, each in client/partner-center/.
import type { ServiceCaller } from "./service.js";
import { applicationConsentsFacade } from "./partner-center/application-consents.js";
import { auditRecordsFacade } from "./partner-center/audit-records.js";
import { catalogFacade } from "./partner-center/catalog.js";
import { customersFacade, domainsFacade } from "./partner-center/customers.js";
import { cartsFacade, ordersFacade } from "./partner-center/orders.js";
import { priceSheetFacade } from "./partner-center/price-sheet.js";
import { promotionsFacade } from "./partner-center/promotions.js";
import { subscriptionsFacade } from "./partner-center/subscriptions.js";
import { subscribedSkusFacade, usersFacade } from "./partner-center/users.js";

export function createPartnerCenter(caller: ServiceCaller) {
  const catalog = catalogFacade(caller);
  const carts = cartsFacade(caller);
  return {
    customers: customersFacade(caller),
    domains: domainsFacade(caller),
    catalog,
    carts,
    orders: ordersFacade(caller, carts, catalog),
    subscriptions: subscriptionsFacade(caller),
    users: usersFacade(caller),
    subscribedSkus: subscribedSkusFacade(caller),
    auditRecords: auditRecordsFacade(caller),
    /** Price sheets, on the Partner API host. */
    priceSheets: priceSheetFacade(caller),
    /** NCE promotions and a customer's eligibility for them. */
    promotions: promotionsFacade(caller),
    applicationConsents: applicationConsentsFacade(caller),
  };
}

export type PartnerCenter = ReturnType<typeof createPartnerCenter>;
export type { PurchaseItem } from "./partner-center/orders.js";
export type { CatalogScope } from "./partner-center/catalog.js";
export type { CustomerListOptions } from "./partner-center/customers.js";
export type { AuditRecordQuery } from "./partner-center/audit-records.js";
