// The reconciler's public surface (package export "./reconciler"). Others add plan/apply/drift exports here.
export { loadEstate, type LoadOptions, type LoadResult } from "./load/load-estate.js";
export { EstateError } from "./load/estate-error.js";
export { LoadLimits } from "./load/limits.js";
export type { EnvSource } from "./load/env-substitution.js";
export { sortDiagnostics, type Diagnostic, type Severity, type SourceSpan } from "./model/diagnostic.js";
export { customerAddress, licenseAddress, profileAddress, subscriptionAddress, userAddress } from "./model/address.js";
export type * from "./model/desired-estate.js";
export type * from "./model/estate.generated.js";
