import { randomInt } from "node:crypto";

const LOWER = "abcdefghijkmnopqrstuvwxyz";
const UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
const DIGITS = "23456789";
const SYMBOLS = "@#$%^&*-_!+=?";

/**
 * A password Entra accepts (NCE-RULES R-USR-1: 8–256 characters, 3 of 4 classes, listed symbols
 * only): 20 characters with all four classes, from the CSPRNG.
 */
export function generatePassword(length = 20): string {
  const classes = [LOWER, UPPER, DIGITS, SYMBOLS];
  const all = classes.join("");
  const chars = classes.map((set) => set[randomInt(set.length)]!);
  while (chars.length < length) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join("");
}
