// The reconciler's public surface (package export "./reconciler"): load, read, plan, render, apply.
export { loadEstate, type LoadOptions, type LoadResult } from "./load/load-estate.js";
export { EstateError } from "./load/estate-error.js";
export { LoadLimits } from "./load/limits.js";
export type { EnvSource } from "./load/env-substitution.js";
export { sortDiagnostics, type Diagnostic, type Severity, type SourceSpan } from "./model/diagnostic.js";
export { customerAddress, licenseAddress, profileAddress, subscriptionAddress, userAddress } from "./model/address.js";
export type * from "./model/desired-estate.js";
export type * from "./model/estate.generated.js";
export {
  planEstate,
  selectCustomers,
  type CustomerSelection,
  type PlanEstateOptions,
  type SnapshotUse,
} from "./plan-estate.js";
export { readActual, type ReadClient, type ReadOptions } from "./read/read-actual.js";
export {
  readWithSnapshot,
  type CustomerReadMode,
  type ReadMode,
  type SnapshotRead,
  type SnapshotReadClient,
  type SnapshotReadOptions,
} from "./snapshot/read-incremental.js";
export {
  loadSnapshot,
  snapshotPath,
  writeSnapshot,
  type LoadedSnapshot,
  type Snapshot,
} from "./snapshot/snapshot-file.js";
export type * from "./read/actual-estate.js";
export { planChanges, type PlanOptions } from "./plan/plan-changes.js";
export { PLAN_FORMAT_VERSION, DESTRUCTIVE_ACTIONS, hasChanges } from "./plan/plan.js";
export type * from "./plan/plan.js";
export { customersChangedBy, fingerprintActual } from "./plan/fingerprint.js";
export { renderPlan, summaryLine, type RenderOptions } from "./render/plan/plan-renderer.js";
export { applyPlan, StalePlanError, type ApplyOptions } from "./apply/apply-plan.js";
export { recheckPlan, type RecheckOptions } from "./apply/recheck.js";
export {
  ApplyError,
  summariseOutcomes,
  type ApplyReport,
  type StepOutcome,
  type StepOutcomeKind,
} from "./apply/apply-report.js";
export {
  fileCredentialSink,
  discardingCredentialSink,
  type CredentialRecord,
  type CredentialSink,
} from "./apply/credentials.js";
export type { ApplyClient, Operation, OperationContext } from "./apply/operation-context.js";
export { operations } from "./apply/operations.js";
export { computeDrift, DEFAULT_HORIZON_DAYS, type DriftInput, type DriftOptions } from "./drift/compute-drift.js";
export { driftEstate, type DriftEstateOptions } from "./drift/drift-estate.js";
export * from "./drift/drift-report.js";
export {
  renderDriftReport,
  REPORT_FORMATS,
  type ReportFormat,
  type RenderReportOptions,
} from "./render/drift/render-report.js";
export { importEstate, type ImportClient, type ImportOptions, type ImportedFile } from "./import/import-estate.js";
export {
  resourceHandlers,
  configureResources,
  RESOURCE_CONFIG_KEYS,
  isPending,
  PENDING_PREFIX,
  RESOURCE_OUTPUT_VERSION,
  UNKNOWN_VALUE,
  type ResourceHandler,
  type DiffAnswer,
  type ResourceKind,
  type CustomerInputs,
  type SubscriptionInputs,
  type UserInputs,
  type LicenseAssignmentInputs,
  type SubscriptionSpec,
  type UserSpec,
} from "./pulumi/index.js";
export {
  reconcile,
  refuseUnknown,
  type ReconcileClient,
  type ReconcileOptions,
  type ReconcileResult,
} from "./reconcile.js";
export {
  acquireEstateLock,
  noLockBackend,
  type EstateLock,
  type LockBackend,
  type LockKey,
  type HeldKey,
} from "./lock/estate-lock.js";
export { localLockBackend, type LocalLockOptions } from "./lock/local-lock.js";
export type { AzureBlobLockOptions } from "./lock/azure-blob-lock.js";
export {
  resolveLock,
  parseDuration,
  LOCK_KINDS,
  LOCK_VARIABLES,
  type LockSettings,
  type ResolvedLock,
} from "./lock/lock-config.js";
export { parseLockInfo, describeHolder, type LockInfo } from "./lock/lock-info.js";
