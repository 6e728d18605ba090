// Readers for request bodies (already camelCased by the pipeline) that answer Partner Center's
// invalid-input error naming the field.
import { invalidInput } from "../errors.js";

export type Body = Record<string, unknown>;

export function bodyObject(value: unknown, name = "body"): Body {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw invalidInput(`The ${name} must be a JSON object.`);
  return value as Body;
}

export function optionalObject(body: Body, key: string): Body | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  return bodyObject(value, key);
}

export function requiredString(body: Body, key: string, where = ""): string {
  const value = body[key];
  if (typeof value !== "string" || value.trim() === "") throw invalidInput(`${where}${key} is required.`);
  return value;
}

export function optionalText(body: Body, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw invalidInput(`${key} must be a string.`);
  return value;
}

export function optionalFlag(body: Body, key: string): boolean | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") throw invalidInput(`${key} must be true or false.`);
  return value;
}

export function requiredInteger(body: Body, key: string, where = ""): number {
  const value = body[key];
  if (typeof value !== "number" || !Number.isInteger(value)) throw invalidInput(`${where}${key} must be an integer.`);
  return value;
}

export function optionalArray(body: Body, key: string): unknown[] {
  const value = body[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidInput(`${key} must be an array.`);
  return value;
}
