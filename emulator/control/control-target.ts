// What the control API's operations do to the running emulator: reset to the start seed, seed,
// accept invitations, set faults; each state change is saved before the answer.
import type { EmulatorClock } from "../clock.js";
import type { FaultConfig } from "../faults/fault-config.js";
import type { FaultInjector } from "../faults/fault-injector.js";
import type { EmulatorStateStore } from "../persistence/emulator-state.js";
import type { ReplayStore } from "../pipeline/replay-store.js";
import type { RequestStats } from "../pipeline/stats.js";
import type { EmulatorDomain } from "../pipeline/types.js";
import type { RefreshTokenStore } from "../token/refresh-tokens.js";
import type { ControlTarget } from "./control-api.js";

export interface ControlTargetDeps {
  adminKey: string;
  domain: EmulatorDomain;
  clock: EmulatorClock;
  replay: ReplayStore;
  refreshTokens: RefreshTokenStore;
  stats: RequestStats;
  faults: FaultInjector;
  state: EmulatorStateStore;
  applyFaults: (config: FaultConfig | undefined) => void;
  /** The faults the emulator started with (CLI flags); reset returns to them. */
  startFaults: FaultConfig | undefined;
}

export function createControlTarget(deps: ControlTargetDeps): ControlTarget {
  const { domain, state } = deps;
  return {
    adminKey: deps.adminKey,
    clock: deps.clock,
    reset: async () => {
      domain.reset();
      deps.replay.clear();
      deps.refreshTokens.clear();
      deps.clock.reset();
      deps.applyFaults(deps.startFaults);
      deps.stats.reset();
      if (state.initialSeed !== null) domain.seed(structuredClone(state.initialSeed));
      await state.save();
    },
    seed: async (body) => {
      const result = domain.seed(body);
      await state.save();
      return result;
    },
    acceptInvitation: async (invitationId, body) => {
      const tenantId = (body as { tenantId?: unknown } | undefined)?.tenantId;
      const result = domain.acceptInvitation(invitationId, typeof tenantId === "string" ? tenantId : undefined);
      await state.save();
      return result;
    },
    gdapCustomerAction: async (relationshipId, action) => {
      const result = domain.gdapCustomerAction(relationshipId, action);
      await state.save();
      return result;
    },
    portalChange: async (body) => {
      const answer = await domain.portalChange(body);
      await state.save();
      return answer;
    },
    setFaults: deps.applyFaults,
    faults: () => deps.faults.current(),
    stats: () => deps.stats.report(),
    resetStats: () => deps.stats.reset(),
    clockMoved: () => state.save(),
  };
}
