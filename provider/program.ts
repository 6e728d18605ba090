// The program behind ../Pulumi.yaml: loads the estate folder named by config `cspctl:estate`
// (default examples/estate) with the same loader as `cspctl validate`, and declares its objects.
import * as pulumi from "@pulumi/pulumi";
import { EstateError } from "../reconciler/load/estate-error.js";
import { loadEstate } from "../reconciler/load/load-estate.js";
import { declareEstate } from "./estate-program.js";

export default async function program(): Promise<Record<string, unknown>> {
  const config = new pulumi.Config("cspctl");
  const path = config.get("estate") ?? "examples/estate";
  const result = await loadEstate(path);
  if (!result.valid) throw new EstateError(result.diagnostics);
  const declared = declareEstate(result.estate);
  return {
    customers: Object.fromEntries(
      [...declared.customers].map(([address, c]) => [address, { id: c.customerId, status: c.status }]),
    ),
    subscriptions: Object.fromEntries([...declared.subscriptions].map(([address, s]) => [address, s.subscriptionId])),
  };
}
