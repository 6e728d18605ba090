// Reads cart line items (either casing, already camelCased) into records, checking each against the
// catalog and the NCE rules that apply to a single line: terms and billing (R-TERM-3), quantity
// bounds (R-QTY-8), trial shape (R-TRI-1), co-terming (R-ADD-3) and reseller participants.
import type { TermDuration } from "../../core/catalog.js";
import { linePricing } from "../billing/line-pricing.js";
import {
  invalidCustomTermEndDate,
  invalidInput,
  invalidOfferId,
  invalidPromotion,
  invalidTerm,
  lineItemNumbering,
  quantityOutOfRange,
} from "../errors.js";
import type { HandlerContext } from "../pipeline/types.js";
import { resolveCatalogItem } from "../rules/catalog-items.js";
import { customTermEndProblem } from "../rules/coterm.js";
import { customerSubscriptions, promotionForLine } from "../rules/promotions.js";
import { trialLineProblem } from "../rules/trials.js";
import type { CartLineItemRecord, EmulatorState } from "../store/state.js";
import { bodyObject, optionalArray, optionalText, requiredInteger, requiredString } from "./body.js";

const CYCLES = new Map([
  ["monthly", "monthly"],
  ["annual", "annual"],
  ["triennial", "triennial"],
  ["none", "none"],
  ["one_time", "one_time"],
  ["onetime", "one_time"],
]);

export interface LineContext {
  context: HandlerContext;
  state: EmulatorState;
  customerId: string;
}

export function readLineItems(body: unknown, scope: LineContext): CartLineItemRecord[] {
  const items = optionalArray(bodyObject(body), "lineItems");
  if (items.length === 0) throw invalidInput("lineItems is required.");
  const lines = items.map((raw, index) => readLineItem(bodyObject(raw, `lineItems[${index}]`), index, scope));
  const ids = lines.map((line) => line.id).sort((a, b) => a - b);
  if (ids.some((id, index) => id !== index)) throw lineItemNumbering();
  // Lines with the same billing cycle share an order group, and each group becomes one order.
  const groups = [...new Set(lines.map((line) => line.billingCycle))];
  for (const line of lines) line.orderGroup = String(groups.indexOf(line.billingCycle));
  return lines;
}

function readLineItem(input: Record<string, unknown>, index: number, scope: LineContext): CartLineItemRecord {
  const { context } = scope;
  const where = `lineItems[${index}].`;
  const catalogItemId = requiredString(input, "catalogItemId", where);
  const item = resolveCatalogItem(context.catalog, catalogItemId);
  if (item === undefined) throw invalidOfferId(catalogItemId);
  const quantity = requiredInteger(input, "quantity", where);
  const billingCycle = CYCLES.get(requiredString(input, "billingCycle", where).toLowerCase());
  if (billingCycle === undefined || billingCycle === "one_time")
    throw invalidInput(`${where}billingCycle is not valid for this offer.`);
  const termDuration = optionalText(input, "termDuration")?.toUpperCase();
  const isTrial = billingCycle === "none";
  const { offer } = item;
  if (isTrial) {
    const problem = trialLineProblem(quantity, termDuration);
    if (problem !== undefined) throw invalidInput(`${where}${problem}`);
  } else {
    if (termDuration === undefined || !offer.terms.includes(termDuration as never))
      throw invalidTerm(termDuration ?? "(none)");
    if (!(offer.billing[termDuration as keyof typeof offer.billing] ?? []).includes(billingCycle as never))
      throw invalidInput(`${where}billingCycle ${billingCycle} is not offered with term ${termDuration} (R-TERM-3).`);
    if (quantity < offer.minimumQuantity || (offer.maximumQuantity !== null && quantity > offer.maximumQuantity))
      throw quantityOutOfRange(offer.minimumQuantity, offer.maximumQuantity);
  }
  const id = typeof input["id"] === "number" ? input["id"] : index;
  const friendlyName = optionalText(input, "friendlyName");
  const customTermEndDate = optionalText(input, "customTermEndDate");
  if (customTermEndDate !== undefined) {
    const problem = customTermEndProblem(
      scope.state,
      scope.customerId,
      (termDuration ?? "P1M") as TermDuration,
      isTrial,
      context.clock.now(),
      customTermEndDate,
    );
    if (problem !== undefined) throw invalidCustomTermEndDate(problem);
  }
  const participants = readParticipants(optionalArray(input, "participants"), where);
  const term = isTrial ? "P1M" : termDuration!;
  const promotion = isTrial
    ? {}
    : linePromotion(scope, { catalogItemId: item.catalogItemId, quantity, term, billingCycle }, input);
  const pricing = linePricing(context.catalog, {
    catalogItemId: item.catalogItemId,
    termDuration: term,
    billingCycle,
    quantity,
    isTrial,
    now: context.clock.now(),
    ...(customTermEndDate === undefined ? {} : { customTermEndDate }),
    ...(promotion.discount === undefined ? {} : { discount: promotion.discount }),
  });
  return {
    id,
    catalogItemId: item.catalogItemId,
    quantity,
    billingCycle,
    termDuration: term,
    ...(friendlyName === undefined ? {} : { friendlyName }),
    currencyCode: "USD",
    orderGroup: "0",
    provisioningContext: {},
    isTrial,
    ...(participants.length === 0 ? {} : { participants }),
    ...(customTermEndDate === undefined ? {} : { customTermEndDate }),
    ...(promotion.promotionId === undefined ? {} : { promotionId: promotion.promotionId }),
    pricing,
  };
}

/**
 * The line's promotion: a named `promotionId` must be eligible (else 400/27007, invalid promotion code);
 * without one the best eligible auto-applied promotion applies (Partner Center docs: new-commerce-promotions).
 */
function linePromotion(
  scope: LineContext,
  line: { catalogItemId: string; quantity: number; term: string; billingCycle: string },
  input: Record<string, unknown>,
): { promotionId?: string; discount?: number } {
  const promotionId = optionalText(input, "promotionId");
  const owned = customerSubscriptions(scope.state, scope.customerId);
  const query = {
    catalogItemId: line.catalogItemId,
    quantity: line.quantity,
    termDuration: line.term,
    billingCycle: line.billingCycle,
    ...(promotionId === undefined ? {} : { promotionId }),
  };
  const { eligibility, refused } = promotionForLine(scope.context.catalog, query, owned, scope.context.clock.now());
  if (refused !== undefined) throw invalidPromotion(promotionId!, refused.errors?.map((e) => e.type) ?? []);
  if (eligibility === undefined) return {};
  return { promotionId: eligibility.promotionId!, discount: eligibility.discount ?? 0 };
}

const PARTICIPANT_KEYS = new Set(["transaction_reseller", "additional_transaction_reseller"]);

/** Indirect resellers on a line: one `transaction_reseller`, at most five additional ones (Partner Center docs: create-a-cart). */
function readParticipants(raw: unknown[], where: string): { key: string; value: string }[] {
  const participants = raw.map((item, index) => {
    const participant = bodyObject(item, `${where}participants[${index}]`);
    const key = requiredString(participant, "key", `${where}participants[${index}].`).toLowerCase();
    if (!PARTICIPANT_KEYS.has(key))
      throw invalidInput(
        `${where}participants[${index}].key must be transaction_reseller or additional_transaction_reseller.`,
      );
    return { key, value: requiredString(participant, "value", `${where}participants[${index}].`) };
  });
  if (participants.filter((p) => p.key === "transaction_reseller").length > 1)
    throw invalidInput(`${where}participants may name one transaction_reseller.`);
  if (participants.filter((p) => p.key === "additional_transaction_reseller").length > 5)
    throw invalidInput(`${where}participants may name at most five additional resellers.`);
  return participants;
}

/** The indirect reseller of record named on a line, if any. */
export function reseller(line: CartLineItemRecord): string | undefined {
  return line.participants?.find((p) => p.key === "transaction_reseller")?.value;
}
