// cspctl's Pulumi resources (package export "./provider").
export { Customer } from "./customer.js";
export { Subscription } from "./subscription.js";
export { User } from "./user.js";
export { LicenseAssignment } from "./license-assignment.js";
export { declareEstate, type DeclaredEstate } from "./estate-program.js";
export { customerInputs, licenseSpec, subscriptionSpec, userSpec } from "./estate-inputs.js";
export type { CustomerArgs, LicenseAssignmentArgs, SubscriptionArgs, UserArgs } from "./resource-args.js";
