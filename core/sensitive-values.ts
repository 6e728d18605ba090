// Values an estate read from the environment (`${env:NAME}`), shown in every output as the reference,
// never as the value (docs/security.md). Masked text is itself estate syntax: a literal `${` in it is
// written `$${`, so masked text is never ambiguous and unmask() gives back the exact original.

const REFERENCE_OR_LITERAL = /\$\$\{|\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g;

export class SensitiveValues {
  readonly #byValue = new Map<string, string>();
  readonly #byVariable = new Map<string, string>();
  #pattern: RegExp | undefined;

  /** Remembers that `variable` holds `value`; an empty value hides nothing and is not kept. */
  add(variable: string, value: string): void {
    if (value === "" || this.#byVariable.has(variable)) return;
    this.#byVariable.set(variable, value);
    if (!this.#byValue.has(value)) this.#byValue.set(value, variable);
    this.#pattern = undefined;
  }

  get size(): number {
    return this.#byVariable.size;
  }

  variables(): string[] {
    return [...this.#byVariable.keys()].sort();
  }

  /** `text` with every sensitive value written as its `${env:NAME}` (and any literal `${` as `$${`); unchanged when it holds none. */
  mask(text: string): string {
    if (this.#byValue.size === 0) return text;
    const escaped = text.replaceAll("${", () => "$${");
    // one pass over the escaped text, longest value first, so a reference written is never matched again
    const masked = escaped.replace(this.pattern(), (found) => `\${env:${this.#byValue.get(unescapeMarkers(found))}}`);
    return masked === escaped ? text : masked;
  }

  /**
   * The text mask() was given, from what it returned (for text it changed). Exact unless a value begins
   * or ends next to a `$` or `{` that belongs to a `${`: callers that need the original back check
   * `unmask(mask(text)) === text`.
   */
  unmask(masked: string): string {
    return masked.replace(REFERENCE_OR_LITERAL, (token, variable: string | undefined) =>
      variable === undefined ? "${" : (this.#byVariable.get(variable) ?? token),
    );
  }

  /** A copy of `value` with mask() applied to every string (keys included); `changed` receives the JSON pointer of each masked string. */
  maskDeep<T>(value: T, changed?: string[]): T {
    const walk = (node: unknown, pointer: string): unknown => {
      if (typeof node === "string") {
        const masked = this.mask(node);
        if (masked !== node) changed?.push(pointer);
        return masked;
      }
      if (Array.isArray(node)) return node.map((item, i) => walk(item, `${pointer}/${i}`));
      if (node === null || typeof node !== "object") return node;
      return Object.fromEntries(
        Object.entries(node).map(([key, inner]) => [
          this.mask(key),
          walk(inner, `${pointer}/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`),
        ]),
      );
    };
    return this.#byValue.size === 0 ? value : (walk(value, "") as T);
  }

  private pattern(): RegExp {
    if (this.#pattern === undefined) {
      const values = [...this.#byValue.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
      this.#pattern = new RegExp(values.map((v) => escapeRegExp(v.replaceAll("${", () => "$${"))).join("|"), "g");
    }
    return this.#pattern;
  }
}

function unescapeMarkers(escaped: string): string {
  return escaped.replaceAll("$${", () => "${");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
