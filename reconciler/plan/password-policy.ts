// Entra's password policy for cloud users (NCE-RULES R-USR-1), checked at plan time for passwords
// read from ${env:}, so a weak one is a blocked step instead of a failure halfway through apply.
// cspctl's own reading of Microsoft's policy page, independent of the emulator's.

const CLASSES = [/[a-z]/, /[A-Z]/, /[0-9]/, /[@#$%^&*\-_!+=[\]{}|\\:',.?/`~"();<> ]/];
const ALLOWED = /^[a-zA-Z0-9@#$%^&*\-_!+=[\]{}|\\:',.?/`~"();<> ]*$/;

/** Why Entra would refuse `password`, or undefined when the policy allows it. Never quotes the password. */
export function passwordPolicyProblem(password: string): string | undefined {
  if (password.length < 8 || password.length > 256) return `it has ${password.length} characters; Entra needs 8 to 256`;
  if (!ALLOWED.test(password))
    return "it has a character Entra does not allow (letters, digits, listed symbols and space only)";
  const classes = CLASSES.filter((c) => c.test(password)).length;
  if (classes < 3) return `it mixes ${classes} of lower case, upper case, digits and symbols; Entra needs 3`;
  return undefined;
}
