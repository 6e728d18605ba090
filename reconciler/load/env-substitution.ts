// `${env:NAME}` may stand for any scalar (docs/estate-format.md §Values); `$${` stands for a literal `${`,
// which is how `cspctl import` writes text read from Partner Center. The environment is injectable for tests.
export type EnvSource = Readonly<Record<string, string | undefined>>;

/** `$${` (a literal `${`), a reference, or the start of one that never closes; leftmost first, so `$$${` is `$` then `$${`. */
const TOKEN = /\$\$\{|\$\{env:([^}]*)\}|\$\{env:/g;
const WHOLE_REFERENCE = /^\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}$/;
const VALID_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The variables cspctl itself reads credentials from. An estate may never name them: a value from
 * them would be printed in plans and sent to Partner Center as a customer's data.
 */
const CREDENTIAL_VARIABLES: readonly string[] = [
  "CSPCTL_CLIENT_SECRET",
  "CSPCTL_REFRESH_TOKEN",
  "CSPCTL_CLIENT_CERTIFICATE",
  "CSPCTL_CONTROL_TOKEN",
];

export type Substitution =
  | { kind: "none" }
  | { kind: "resolved"; value: string | number | boolean; variables: string[] }
  | { kind: "missing"; variable: string }
  | { kind: "credential"; variable: string }
  | { kind: "invalid"; reference: string };

/** Whether `text` holds a live reference (not one written as `$${env:…}`). */
export function hasEnvReference(text: string): boolean {
  if (!text.includes("${env:")) return false;
  for (const match of text.matchAll(TOKEN)) if (match[0] !== "$${") return true;
  return false;
}

/** Text that the loader reads back as exactly `text`, never as a reference: every `${` is written `$${`. */
export function escapeEnv(text: string): string {
  return text.replaceAll("${", () => "$${");
}

/**
 * `value` with every string made literal (escapeEnv), keys kept; a `password` stays as written, the
 * one place a reference (`${env:NAME}`) is meant. For data that is never the partner's own YAML:
 * what Partner Center returned (import) and a Pulumi program's resource inputs.
 */
export function literalData(value: unknown, key?: string): unknown {
  if (typeof value === "string") return key === "password" ? value : escapeEnv(value);
  if (Array.isArray(value)) return value.map((item) => literalData(item));
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([k, inner]) => [k, literalData(inner, k)]));
}

/**
 * Resolves every reference in `text` and turns `$${` into `${`. A scalar that is exactly one reference
 * takes the type YAML would give the value (so `quantity: ${env:SEATS}` is a number); otherwise the
 * result is text. A credential variable, or one whose value is a credential's, is refused.
 */
export function substituteEnv(text: string, env: EnvSource): Substitution {
  if (!text.includes("${")) return { kind: "none" };
  let problem: Substitution | undefined;
  const variables: string[] = [];
  const replaced = text.replace(TOKEN, (token, variable: string | undefined) => {
    if (token === "$${") return "${";
    if (problem !== undefined) return token;
    if (variable === undefined || !VALID_NAME.test(variable)) problem = { kind: "invalid", reference: token };
    else if (isCredential(variable, env)) problem = { kind: "credential", variable };
    else if (!Object.hasOwn(env, variable) || env[variable] === undefined) problem = { kind: "missing", variable };
    else {
      variables.push(variable);
      return env[variable]!;
    }
    return token;
  });
  if (problem !== undefined) return problem;
  if (variables.length === 0)
    return replaced === text ? { kind: "none" } : { kind: "resolved", value: replaced, variables };
  if (WHOLE_REFERENCE.test(text)) return { kind: "resolved", value: typedScalar(replaced), variables };
  return { kind: "resolved", value: replaced, variables };
}

/** A credential variable, or any variable holding the same value as one that is set. */
export function isCredential(variable: string, env: EnvSource): boolean {
  if (CREDENTIAL_VARIABLES.includes(variable)) return true;
  const value = env[variable]?.trim();
  if (value === undefined || value === "") return false;
  return CREDENTIAL_VARIABLES.some((name) => env[name] !== undefined && env[name]!.trim() === value);
}

/** The variable named by a scalar that is exactly `${env:NAME}`, else undefined. */
export function wholeReference(text: string): string | undefined {
  return WHOLE_REFERENCE.exec(text)?.[1];
}

function typedScalar(value: string): string | number | boolean {
  if (/^-?(0|[1-9][0-9]{0,14})$/.test(value)) return Number(value);
  if (value === "true") return true;
  if (value === "false") return false;
  return value;
}
