// Default culture for a company country when the estate gives none (billingProfile.culture).
const CULTURES: Readonly<Record<string, string>> = {
  US: "en-US", GB: "en-GB", IE: "en-IE", CA: "en-CA", AU: "en-AU", NZ: "en-NZ", IN: "en-IN", ZA: "en-ZA", SG: "en-SG",
  DE: "de-DE", AT: "de-AT", CH: "de-CH", FR: "fr-FR", BE: "fr-BE", LU: "fr-LU", NL: "nl-NL", ES: "es-ES", MX: "es-MX",
  AR: "es-AR", CO: "es-CO", CL: "es-CL", PT: "pt-PT", BR: "pt-BR", IT: "it-IT", PL: "pl-PL", CZ: "cs-CZ", SK: "sk-SK",
  HU: "hu-HU", RO: "ro-RO", BG: "bg-BG", GR: "el-GR", TR: "tr-TR", SE: "sv-SE", NO: "nb-NO", DK: "da-DK", FI: "fi-FI",
  EE: "et-EE", LV: "lv-LV", LT: "lt-LT", UA: "uk-UA", JP: "ja-JP", KR: "ko-KR", CN: "zh-CN", TW: "zh-TW", HK: "zh-HK",
  IL: "he-IL", SA: "ar-SA", AE: "ar-AE", EG: "ar-EG", TH: "th-TH", VN: "vi-VN", ID: "id-ID", MY: "ms-MY", PH: "en-PH",
};

export function defaultCulture(country: string): string {
  return Object.hasOwn(CULTURES, country) ? CULTURES[country]! : "en-US";
}
