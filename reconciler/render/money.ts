// How the views write an amount of money: always two decimals; grouped (1,234.50) in text meant to be
// read, plain (1234.50) in tables, pages and CSV.
const GROUPED = new Intl.NumberFormat("en-US", {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
  signDisplay: "negative",
});

/** `1234.5` → `1,234.50`, `-3` → `-3.00` (never `-0.00`). */
export function groupedAmount(value: number): string {
  return GROUPED.format(value);
}

/** `1234.5` → `1234.50`. */
export function plainAmount(value: number): string {
  return value.toFixed(2);
}

/** An amount, or "no prices" when the price sheet had none for it. */
export function amountOrNoPrices(value: number | null): string {
  return value === null ? "no prices" : plainAmount(value);
}
