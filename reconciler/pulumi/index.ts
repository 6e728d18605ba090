// One-resource façade over the reconciler, for the Pulumi provider: each kind's check, diff, create,
// update, read and delete plan a one-customer slice and run the same apply operations as `cspctl apply`.
import { CspctlError } from "../../core/errors.js";
import { customerHandler } from "./customer-resource.js";
import { licenseAssignmentHandler } from "./license-resource.js";
import type { ResourceHandler } from "./resource-handler.js";
import type { ResourceKind } from "./resource-inputs.js";
import { subscriptionHandler } from "./subscription-resource.js";
import { userHandler } from "./user-resource.js";

/**
 * The engine shows only an error's message, so at this boundary the message also carries the code
 * and the hint: `plan.decrease_outside_window: … (hint: …)`. Code and hint stay on the error too.
 */
function withReadableErrors(handler: ResourceHandler): ResourceHandler {
  const wrap =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await call(...args);
      } catch (error) {
        if (!(error instanceof CspctlError)) throw error;
        throw new CspctlError({
          code: error.code,
          message: `${error.code}: ${error.message}${error.hint ? ` (hint: ${error.hint})` : ""}`,
          ...(error.hint ? { hint: error.hint } : {}),
          ...(error.address ? { address: error.address } : {}),
          cause: error,
        });
      }
    };
  return {
    check: wrap(handler.check),
    diff: wrap(handler.diff),
    create: wrap(handler.create),
    update: wrap(handler.update),
    read: wrap(handler.read),
    delete: wrap(handler.delete),
  };
}

export const resourceHandlers: Record<ResourceKind, ResourceHandler> = {
  customer: withReadableErrors(customerHandler),
  subscription: withReadableErrors(subscriptionHandler),
  user: withReadableErrors(userHandler),
  licenseAssignment: withReadableErrors(licenseAssignmentHandler),
};

export { configureResources, RESOURCE_CONFIG_KEYS } from "./resource-connection.js";
export { isPending, PENDING_PREFIX, type DiffAnswer, type ResourceHandler } from "./resource-handler.js";
export * from "./resource-inputs.js";
