// How plan, apply and drift use the snapshot of actual state: kept in the state directory's
// snapshot.json, used whenever it is valid (docs/incremental-reads.md); `--full` reads everything.
import type { SnapshotUse } from "../reconciler/plan-estate.js";
import { snapshotPath } from "../reconciler/snapshot/snapshot-file.js";
import type { Connection } from "./connection.js";

export interface SnapshotFlags {
  full?: boolean;
  maxSnapshotAge?: number;
}

export function snapshotUse(connection: Connection, flags: SnapshotFlags): SnapshotUse {
  const { config } = connection.client;
  return {
    file: snapshotPath(connection.stateDir),
    partnerTenantId: config.tenantId,
    graphUrl: config.graphUrl,
    ...(flags.full ? { full: true } : {}),
    ...(flags.maxSnapshotAge === undefined ? {} : { maxAgeDays: flags.maxSnapshotAge }),
  };
}
