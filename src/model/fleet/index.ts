/**
 * The network fleet: everyone not modelled by name. Cohorts of hardware read through a
 * sorted supply curve with an aggregate lag; growth, retirement and exogenous events at
 * their own events. Engine-agnostic: plain mutable state and step functions that a path
 * loop calls (see fleetDailyUpdate, fleetGrowthUpdate).
 */
export type { CohortSpec, Cohorts } from "./cohorts.js";
export {
  addCohort,
  clearCohorts,
  copyCohorts,
  createCohorts,
  installedEh,
  installedPowerMw,
  removeCohort,
  scaleCohorts,
  validateCohortSpec,
} from "./cohorts.js";
export type { SupplyCurve } from "./supplyCurve.js";
export {
  copySupplyCurve,
  createSupplyCurve,
  marginalBreakevenForRunningEh,
  powerMwForRunningEh,
  rebuildSupplyCurve,
  supplyCurveRemoveCohort,
  supplyCurveScale,
  supplyCurveUpdateCohort,
  supplyEhAt,
  supplyMwAt,
} from "./supplyCurve.js";
export type { HashrateEvent } from "./hashrateEvents.js";
export { combinedOfflineShare, eventOfflineShare, permanentEffectDay, validateHashrateEvent } from "./hashrateEvents.js";
export type { FleetGrowthMode, FleetGrowthParams, FleetLagParams, FleetPlan, FleetState, PendingOrderSpec } from "./fleetState.js";
export { createFleetState, resetFleet, validateFleetPlan } from "./fleetState.js";
export { fleetDailyUpdate, fleetDailyUpdateAt } from "./fleetDaily.js";
export { capMarginOrderEh, capexPerPh, fleetGrowthUpdate, frontierJPerThAt, frontierOrder, marginOrderEh, paybackDays, type FrontierOrder } from "./fleetGrowth.js";
export {
  efficiencyBandOf,
  fleetEhByEfficiencyBand,
  fleetInstalledEh,
  fleetMarginalBreakeven,
  fleetPipelineEh,
  fleetEconomicPowerMw,
  fleetRunningJPerTh,
  fleetRunningPowerMw,
  fleetTargetEhAt,
} from "./fleetQueries.js";
export type { DefaultFleetPlanOptions, EfficiencyClass, InitialFleet, InitialFleetOptions, PowerCostDistribution } from "./defaultFleet.js";
export { buildInitialCohorts, defaultFleetPlan, defaultStartHashprice, lognormalSigmaFromP10P90 } from "./defaultFleet.js";
export { normalCdf, normalQuantile } from "./normalDistribution.js";
