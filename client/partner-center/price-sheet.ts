// The NCE price sheet: one CSV download per market from the Partner API host (app+user only).
// https://learn.microsoft.com/partner-center/developer/get-a-price-sheet
import { PartnerCenterError } from "../errors.js";
import type { ServiceCaller } from "../service.js";
import type { PriceSheet } from "../types.js";
import { priceSheetFromCsv } from "../wire/price-sheet.mappers.js";

const marketPattern = /^[A-Z]{2}$/;

export function priceSheetFacade(caller: ServiceCaller) {
  return {
    /** The current licence-based (NCE) price sheet of a market (`US`, `GB`, …). */
    async get(market: string, signal?: AbortSignal): Promise<PriceSheet> {
      const code = market.toUpperCase();
      if (!marketPattern.test(code)) throw new RangeError(`market ${JSON.stringify(market)} is not a two-letter code`);
      const response = await caller.partnerApi(
        "pricesheets.get",
        `/v1.0/sales/pricesheets(Market='${code}',PricesheetView='updatedlicensebased')/$value`,
        { query: { timeline: "current" }, headers: { Accept: "text/csv, application/octet-stream" }, signal },
      );
      if (typeof response.body !== "string") {
        throw new PartnerCenterError({
          code: "client.unexpected_response",
          message: `The price sheet of market ${code} is not CSV text.`,
          hint: "Check that CSPCTL_PARTNER_API_URL points at the Partner API host (api.partner.microsoft.com).",
          service: "partner-api",
          status: response.status,
          retryable: false,
        });
      }
      return priceSheetFromCsv(response.body, code);
    },
  };
}

export type PriceSheetFacade = ReturnType<typeof priceSheetFacade>;
