// Entra user rules (NCE-RULES R-USR-1, R-USR-3). Pure.

const SYMBOLS = "@#$%^&*-_!+=[]{}|\\:',.?/`~\"();<> ";

/** R-USR-1: 8–256 characters, 3 of 4 classes, symbols from Entra's list (space included), nothing else. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < 8 || password.length > 256) return "The password must be 8 to 256 characters long.";
  let lower = false;
  let upper = false;
  let digit = false;
  let symbol = false;
  for (const char of password) {
    if (char >= "a" && char <= "z") lower = true;
    else if (char >= "A" && char <= "Z") upper = true;
    else if (char >= "0" && char <= "9") digit = true;
    else if (SYMBOLS.includes(char)) symbol = true;
    else return "The password contains a character that is not allowed.";
  }
  if ([lower, upper, digit, symbol].filter(Boolean).length < 3)
    return "The password needs three of: lower-case, upper-case, digits, symbols.";
  return undefined;
}

/** R-USR-3: allowed characters, no "." before "@", ≤ 113 total, ≤ 64 before "@", ≤ 48 after. */
export function userPrincipalNameProblem(upn: string): string | undefined {
  const at = upn.indexOf("@");
  if (at <= 0 || at !== upn.lastIndexOf("@")) return "It must have the form alias@domain.";
  const alias = upn.slice(0, at);
  const domain = upn.slice(at + 1);
  if (!/^[A-Za-z0-9'.\-_!#^~]+$/.test(alias)) return "The alias may only contain A-Z a-z 0-9 ' . - _ ! # ^ ~.";
  if (alias.endsWith(".")) return "A '.' cannot come directly before '@'.";
  if (upn.length > 113 || alias.length > 64 || domain.length > 48)
    return "It is too long (113 characters, 64 before '@', 48 after).";
  return undefined;
}
