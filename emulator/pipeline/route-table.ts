// Exact matching of route templates (`/customers/{customerId}/subscriptions`). Routes are indexed by
// face + method + segment count so a lookup compares a handful of candidates, not the whole table.
import type { Face, Route } from "./types.js";

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

interface CompiledRoute {
  route: Route;
  /** A literal segment (lower-cased) or a parameter name wrapped as `{name}`. */
  segments: { literal: string | null; param: string | null }[];
  literalCount: number;
}

export class RouteTable {
  private readonly index = new Map<string, CompiledRoute[]>();

  constructor(routes: readonly Route[]) {
    for (const route of routes) this.add(route);
  }

  private add(route: Route): void {
    const parts = splitPath(route.template);
    const segments = parts.map((part) => {
      const param = /^\{(\w+)\}$/.exec(part);
      return param ? { literal: null, param: param[1]! } : { literal: part.toLowerCase(), param: null };
    });
    const compiled: CompiledRoute = {
      route,
      segments,
      literalCount: segments.filter((s) => s.literal !== null).length,
    };
    const key = indexKey(route.face, route.method, segments.length);
    const bucket = this.index.get(key) ?? [];
    if (bucket.some((other) => sameShape(other, compiled))) {
      throw new Error(`duplicate emulator route ${route.method} ${route.template}`);
    }
    bucket.push(compiled);
    // A literal beats a parameter at the same position (`/customers/relationshiprequests` before `/customers/{customerId}`).
    bucket.sort((a, b) => b.literalCount - a.literalCount);
    this.index.set(key, bucket);
  }

  /** `path` is relative to the face prefix and has no query string. */
  match(face: Face, method: string, path: string): RouteMatch | undefined {
    const parts = splitPath(path);
    const bucket = this.index.get(indexKey(face, method, parts.length));
    if (bucket === undefined) return undefined;
    for (const candidate of bucket) {
      const params = matchSegments(candidate, parts);
      if (params !== undefined) return { route: candidate.route, params };
    }
    return undefined;
  }
}

function matchSegments(candidate: CompiledRoute, parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const segment = candidate.segments[i]!;
    const part = parts[i]!;
    if (segment.literal !== null) {
      if (segment.literal !== part.toLowerCase()) return undefined;
    } else {
      let value: string;
      try {
        value = decodeURIComponent(part);
      } catch {
        return undefined;
      }
      if (value === "") return undefined;
      params[segment.param!] = value;
    }
  }
  return params;
}

function sameShape(a: CompiledRoute, b: CompiledRoute): boolean {
  return a.segments.every((s, i) => {
    const o = b.segments[i]!;
    return s.literal === null ? o.literal === null : s.literal === o.literal;
  });
}

function indexKey(face: Face, method: string, segmentCount: number): string {
  return `${face} ${method} ${segmentCount}`;
}

function splitPath(path: string): string[] {
  const trimmed = path.replace(/^\/+|\/+$/g, "");
  return trimmed === "" ? [] : trimmed.split("/");
}
