// docs/reference/estate-schema.md, rendered from schemas/estate.schema.json: every definition with its
// keys, types, constraints and descriptions, so the reference cannot drift from what validate accepts.
type Schema = {
  $ref?: string;
  type?: string | string[];
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  oneOf?: Schema[];
  anyOf?: Schema[];
  additionalProperties?: boolean | Schema;
  definitions?: Record<string, Schema>;
};

export function renderEstateReference(schema: Schema): string {
  const lines = [
    "# Estate format reference",
    "",
    "Generated from `schemas/estate.schema.json` (`npm run docs`); do not edit by hand. How files, profiles,",
    "`${env:NAME}` values and diagnostics work: [../estate.md](../estate.md).",
    "",
  ];
  lines.push(...section("EstateDocument", schema));
  for (const [name, definition] of Object.entries(schema.definitions ?? {}).sort(([a], [b]) => a.localeCompare(b)))
    lines.push(...section(name, definition));
  return `${lines.join("\n")}\n`;
}

function section(name: string, schema: Schema): string[] {
  const lines = [`## ${name}`, ""];
  if (schema.description) lines.push(schema.description, "");
  const properties = Object.entries(schema.properties ?? {});
  if (properties.length === 0) {
    lines.push(`Type: ${typeOf(schema)}${constraints(schema)}`, "");
    return lines;
  }
  const required = new Set(schema.required ?? []);
  lines.push("| key | type | required | description |", "|---|---|---|---|");
  for (const [key, property] of properties) {
    lines.push(
      `| \`${key}\` | ${cell(typeOf(property) + constraints(property))} | ${required.has(key) ? "yes" : ""} | ${cell(property.description ?? "")} |`,
    );
  }
  if (schema.additionalProperties !== undefined && typeof schema.additionalProperties === "object")
    lines.push("", `Other keys: ${typeOf(schema.additionalProperties)}.`);
  lines.push("");
  return lines;
}

function typeOf(schema: Schema): string {
  if (schema.$ref) {
    const name = schema.$ref.split("/").pop()!;
    return `[${name}](#${name.toLowerCase()})`;
  }
  if (schema.const !== undefined) return `\`${JSON.stringify(schema.const)}\``;
  if (schema.enum) return schema.enum.map((v) => `\`${JSON.stringify(v)}\``).join(" \\| ");
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants) return variants.map(typeOf).join(" or ");
  if (schema.type === "array") return `list of ${schema.items ? typeOf(schema.items) : "any"}`;
  if (Array.isArray(schema.type)) return schema.type.join(" or ");
  return schema.type ?? "any";
}

function constraints(schema: Schema): string {
  const parts: string[] = [];
  if (schema.minimum !== undefined) parts.push(`≥ ${schema.minimum}`);
  if (schema.maximum !== undefined) parts.push(`≤ ${schema.maximum}`);
  if (schema.minLength !== undefined) parts.push(`length ≥ ${schema.minLength}`);
  if (schema.maxLength !== undefined) parts.push(`length ≤ ${schema.maxLength}`);
  if (schema.minItems !== undefined) parts.push(`≥ ${schema.minItems} items`);
  if (schema.maxItems !== undefined) parts.push(`≤ ${schema.maxItems} items`);
  if (schema.pattern !== undefined) parts.push(`pattern \`${schema.pattern}\``);
  if (schema.default !== undefined) parts.push(`default \`${JSON.stringify(schema.default)}\``);
  return parts.length === 0 ? "" : ` (${parts.join(", ")})`;
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}
