// Small readers for untrusted JSON (seed bodies and request bodies) that name the bad field.
import { invalidSeed } from "../errors.js";

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function objectAt(value: unknown, where: string): Json {
  if (!isObject(value)) throw invalidSeed(`${where} must be an object`);
  return value;
}

export function arrayAt(value: unknown, where: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidSeed(`${where} must be an array`);
  return value;
}

export function stringAt(object: Json, key: string, where: string): string {
  const value = object[key];
  if (typeof value !== "string" || value === "") throw invalidSeed(`${where}.${key} must be a non-empty string`);
  return value;
}

export function optionalString(object: Json, key: string, where: string): string | undefined {
  const value = object[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw invalidSeed(`${where}.${key} must be a string`);
  return value;
}

export function optionalNumber(object: Json, key: string, where: string): number | undefined {
  const value = object[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value)) throw invalidSeed(`${where}.${key} must be a number`);
  return value;
}

export function optionalBoolean(object: Json, key: string, where: string): boolean | undefined {
  const value = object[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") throw invalidSeed(`${where}.${key} must be a boolean`);
  return value;
}

export function stringList(value: unknown, where: string): string[] {
  return arrayAt(value, where).map((item, index) => {
    if (typeof item !== "string") throw invalidSeed(`${where}[${index}] must be a string`);
    return item;
  });
}
