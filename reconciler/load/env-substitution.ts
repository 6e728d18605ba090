// `${env:NAME}` may stand for any scalar (README.md §Values). The environment is injectable for tests.
export type EnvSource = Readonly<Record<string, string | undefined>>;

const REFERENCE = /\$\{env:([^}]*)\}/g;
const WHOLE_REFERENCE = /^\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}$/;
const VALID_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export type Substitution =
  | { kind: "none" }
  | { kind: "resolved"; value: string | number | boolean }
  | { kind: "missing"; variable: string }
  | { kind: "invalid"; reference: string };

export function hasEnvReference(text: string): boolean {
  return text.includes("${env:");
}

/**
 * Resolves every reference in `text`. A scalar that is exactly one reference takes the type YAML would
 * give the value (so `quantity: ${env:SEATS}` is a number); otherwise the result is text.
 */
export function substituteEnv(text: string, env: EnvSource): Substitution {
  if (!hasEnvReference(text)) return { kind: "none" };
  let problem: Substitution | undefined;
  const replaced = text.replace(REFERENCE, (reference, variable: string) => {
    if (problem !== undefined) return reference;
    if (!VALID_NAME.test(variable)) problem = { kind: "invalid", reference };
    else if (!Object.hasOwn(env, variable) || env[variable] === undefined) problem = { kind: "missing", variable };
    else return env[variable]!;
    return reference;
  });
  if (problem !== undefined) return problem;
  if (replaced.includes("${env:")) return { kind: "invalid", reference: text };
  if (WHOLE_REFERENCE.test(text)) return { kind: "resolved", value: typedScalar(replaced) };
  return { kind: "resolved", value: replaced };
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
