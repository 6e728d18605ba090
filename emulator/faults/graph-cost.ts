// What a Graph request costs against the identity and access limits, in resource units (Microsoft
// Graph docs: throttling-limits, "Identity and access service limits"): a base cost per operation
// (GET users 2, GET subscribedSkus 3, anything else 1), less 1 with $select or with $top under 20,
// plus 1 with $expand, never below 1.

const BASE_GET_COSTS: Record<string, number> = { "/users": 2, "/subscribedSkus": 3 };

export function graphRequestCost(method: string, template: string, query: URLSearchParams): number {
  let cost = method === "GET" ? (BASE_GET_COSTS[template] ?? 1) : 1;
  if (query.has("$select")) cost -= 1;
  if (query.has("$expand")) cost += 1;
  const top = Number(query.get("$top") ?? Number.NaN);
  if (Number.isFinite(top) && top < 20) cost -= 1;
  return Math.max(1, cost);
}
