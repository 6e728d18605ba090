// Profiles: reusable partial Customer specs. Merge rules (docs/estate.md, Profiles):
// - a customer's `profiles` are expanded depth-first (a profile's own `profiles` come before it), each
//   profile once, in the order listed; the customer's own spec is applied last and wins;
// - maps merge key by key, the later layer winning; scalars and other lists are replaced;
// - lists of named items (subscriptions, salesReps) merge by `name`, policy.ignore by `path`: an item
//   of a later layer replaces the earlier item with the same key in place, new items are appended;
// - a profile's users.defaults fill the fields each customer user leaves out (licenses only when the
//   user lists none).
import { didYouMean } from "./did-you-mean.js";
import type { DiagnosticSink } from "./diagnostic-sink.js";
import { CollectionInfo, type SourceIndex } from "./source-index.js";

export type SpecObject = Record<string, unknown>;

export interface ProfileDefinition {
  name: string;
  spec: SpecObject;
}

export interface ExpandedProfiles {
  /** Profile names in merge order. */
  names: string[];
  specs: SpecObject[];
}

/** Expands `profiles` of a spec, reporting unknown profiles and cycles at the referring list item. */
export function expandProfiles(
  spec: SpecObject,
  profiles: ReadonlyMap<string, ProfileDefinition>,
  index: SourceIndex,
  sink: DiagnosticSink,
  self?: string,
): ExpandedProfiles {
  const result: ExpandedProfiles = { names: [], specs: [] };
  const visit = (owner: SpecObject, stack: string[]): void => {
    const list = owner.profiles;
    if (!Array.isArray(list)) return;
    list.forEach((name: unknown, i) => {
      if (typeof name !== "string") return;
      const at = index.spanOf(list, i);
      const profile = profiles.get(name);
      if (profile === undefined) {
        if (at)
          sink.error(
            "estate.unknown_profile",
            `profile "${name}" does not exist`,
            at,
            didYouMean(
              name,
              [...profiles.keys()],
              profiles.size > 0
                ? `profiles: ${[...profiles.keys()].join(", ")}`
                : "define it in a document with kind: Profile",
            ),
          );
        return;
      }
      if (stack.includes(name)) {
        if (at)
          sink.error(
            "estate.profile_cycle",
            `profiles form a cycle: ${[...stack, name].join(" → ")}`,
            at,
            "remove one of the references",
          );
        return;
      }
      if (result.names.includes(name)) return;
      visit(profile.spec, [...stack, name]);
      if (!result.names.includes(name)) {
        result.names.push(name);
        result.specs.push(profile.spec);
      }
    });
  };
  visit(spec, self === undefined ? [] : [self]);
  return result;
}

/** Merges spec layers (lowest priority first) into one spec; the result's nodes keep their source positions. */
export function mergeSpecs(layers: readonly SpecObject[], index: SourceIndex): SpecObject {
  if (layers.length === 1) return layers[0]!;
  const customer = layers[layers.length - 1]!;
  // the first layer starts the fold as it is: copying it into {} first gives the same result, plus a
  // copy the index would keep for good
  let merged: unknown = withoutKeys(layers[0]!, ["users", "profiles"], index);
  for (const layer of layers.slice(1))
    merged = mergeValues(merged, withoutKeys(layer, ["users", "profiles"], index), undefined, index);
  const spec = merged as SpecObject;
  const defaults = layers
    .slice(0, -1)
    .map((layer) => (layer.users as { defaults?: unknown } | undefined)?.defaults)
    .filter((d): d is SpecObject => isObject(d));
  if (Array.isArray(customer.users)) {
    const users = customer.users.map((user: unknown) =>
      isObject(user) ? applyUserDefaults(user, defaults, index) : user,
    );
    registerList(users, customer.users, index);
    spec.users = users;
  }
  if (customer.profiles !== undefined) spec.profiles = customer.profiles;
  return spec;
}

function applyUserDefaults(user: SpecObject, defaults: SpecObject[], index: SourceIndex): SpecObject {
  if (defaults.length === 0) return user;
  let merged: unknown = defaults[0]; // as in mergeSpecs: no copy of the first layer
  for (const layer of [...defaults.slice(1), user]) merged = mergeValues(merged, layer, undefined, index);
  return merged as SpecObject;
}

function mergeValues(lower: unknown, upper: unknown, key: string | undefined, index: SourceIndex): unknown {
  if (upper === undefined) return lower;
  if (lower === undefined) return upper;
  if (Array.isArray(lower) && Array.isArray(upper)) {
    const id = key === "ignore" ? "path" : "name";
    if (!lower.concat(upper).every((item) => isObject(item) && typeof item[id] === "string")) return upper;
    return mergeNamedLists(lower as SpecObject[], upper as SpecObject[], id, index);
  }
  if (isObject(lower) && isObject(upper)) {
    const out: SpecObject = {};
    for (const k of Object.keys(lower)) setOwn(out, k, mergeValues(lower[k], upper[k], k, index));
    for (const k of Object.keys(upper))
      if (!Object.hasOwn(lower, k)) setOwn(out, k, mergeValues(lower[k], upper[k], k, index));
    index.registerMerge(out, [lower, upper]);
    return out;
  }
  return upper;
}

function mergeNamedLists(lower: SpecObject[], upper: SpecObject[], id: string, index: SourceIndex): SpecObject[] {
  const items: { item: SpecObject; fromUpper: boolean; at: number }[] = [];
  // the first item with a name is the one a later layer replaces
  const positionByName = new Map<unknown, number>();
  const add = (item: SpecObject, fromUpper: boolean, at: number): void => {
    const existing = positionByName.get(item[id]);
    if (fromUpper && existing !== undefined) {
      items[existing] = { item, fromUpper, at };
      return;
    }
    if (existing === undefined) positionByName.set(item[id], items.length);
    items.push({ item, fromUpper, at });
  };
  for (const [at, item] of lower.entries()) add(item, false, at);
  for (const [at, item] of upper.entries()) add(item, true, at);
  const merged = items.map((entry) => entry.item);
  const lowerInfo = index.info(lower);
  const upperInfo = index.info(upper);
  const info = upperInfo ?? lowerInfo;
  if (info === undefined) return merged;
  const entries = new CollectionInfo(info.file, info.start, info.end, info.anchor, "list");
  items.forEach((entry) => {
    const ranges = (entry.fromUpper ? upperInfo : lowerInfo)?.get(String(entry.at));
    entries.push("", ranges?.key ?? info.range, ranges?.value ?? info.range);
  });
  index.set(merged, entries);
  return merged;
}

function registerList(list: unknown[], original: unknown[], index: SourceIndex): void {
  index.alias(list, original);
}

function withoutKeys(spec: SpecObject, keys: string[], index: SourceIndex): SpecObject {
  const out: SpecObject = {};
  for (const [k, v] of Object.entries(spec)) if (!keys.includes(k)) out[k] = v;
  index.registerMerge(out, [spec]);
  return out;
}

/** `record[key] = value`, except that `__proto__` (refused by the readers anyway) stays an own key. */
function setOwn(record: SpecObject, key: string, value: unknown): void {
  if (key === "__proto__")
    Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}

function isObject(value: unknown): value is SpecObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
