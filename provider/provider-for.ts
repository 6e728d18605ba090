// The provider object Pulumi serialises into stack state, one per resource kind. It holds nothing:
// every call loads cspctl's reconciler through the package self-reference (resolved from the
// project directory when the provider runs, so fixes reach refresh and destroy of old resources)
// and forwards to the one-resource façade. Credentials arrive through configure() or CSPCTL_*.
import type * as pulumi from "@pulumi/pulumi";
import type { ResourceKind } from "../reconciler/pulumi/resource-inputs.js";

type Reconciler = typeof import("../reconciler/index.js");

export function providerFor(kind: ResourceKind): pulumi.dynamic.ResourceProvider {
  // `as string` keeps TypeScript from resolving the self-reference at build time (dist/ may not exist yet).
  const load = async (): Promise<Reconciler> => (await import("cspctl/reconciler" as string)) as Reconciler;
  return {
    async configure(request) {
      (await load()).configureResources((key) => request.config.get(key));
    },
    async check(olds, news) {
      return (await load()).resourceHandlers[kind].check(olds, news);
    },
    async diff(id, olds, news) {
      return (await load()).resourceHandlers[kind].diff(id, olds, news);
    },
    async create(inputs) {
      return (await load()).resourceHandlers[kind].create(inputs);
    },
    async update(id, olds, news) {
      return (await load()).resourceHandlers[kind].update(id, olds, news);
    },
    async read(id, props) {
      return (await load()).resourceHandlers[kind].read(id, props ?? {});
    },
    async delete(id, props) {
      await (await load()).resourceHandlers[kind].delete(id, props);
    },
  };
}
