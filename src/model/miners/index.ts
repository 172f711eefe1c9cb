/**
 * Named miners (DESIGN.md §3): capacity state machine, AI contracts, strategies,
 * accounting and the CALIBRATION.md profiles. Engine-agnostic and allocation-free in the
 * steady state (no objects, arrays or closures per event).
 *
 * Wiring for a path loop (tests/model/miners/driver.ts is a minimal reference):
 *
 * Setup (once per worker): `spec = compileMinerSpec(profile, { startDate, exitSpeed,
 * overrides })`; `miner = createMinerState(spec)`; scratch objects
 * `createAccrualInterval()`, `createMarketView()`, `createObservation()`,
 * `createActions(spec.slotCapacity)` (one set can serve all miners).
 *
 * Per path: `rng = streamFor(seed, path, "miner:" + spec.id)`; `resetMiner(miner, rng)`.
 *
 * At every event of a miner at day t (its decision days — e.g. weekly — every
 * `nextMinerEventDay(miner, t_prev)`, every power-window / DR / 4CP boundary, and the
 * horizon), in this order:
 *   1. `accrue(miner, iv)` with iv = [ledger.lastDay, t], ∫HP_usd dt, ∫HP_btc dt and the
 *      real-time power price that held over the interval (or `accrueTo` with the loop's
 *      running sums);
 *   2. `advanceContracts(miner, t, rng)` (may be skipped while t < `miner.contractsDueDay`,
 *      which step 4's nextMinerEventDay sets: nothing is due before it);
 *   3. at a decision: fill the MarketView, `observe(miner, view, obs)`,
 *      `runStrategy(obs, spec.strategy, actions)`, `applyActions(miner, obs, actions, rng)`;
 *   4. read `miner.mw[MINING]` (hashrate = MW·1000/J/TH PH/s) for the network (or only
 *      while `miner.miningMwChanged` is set, clearing it at each read; miner.ts), and
 *      schedule the miner's next event at min(next decision, nextMinerEventDay(miner, t))
 *      (or `miner.nextEventDay` while `miner.slotVersion === miner.nextEventVersion` and
 *      `miner.nextEventDay > t`: nothing changed since it was computed; miner.ts).
 * At the end: `summarize(miner, btcPriceUsd, horizonDay, summary)`; record
 * `summary.droppedConversionMw` (conversions that found no free slot; should be 0).
 *
 * Every strategy switches its mining MW off (to CURTAILED) while hashprice is below the
 * miner's power-cost breakeven, with a lag (strategies/common.ts miningUneconomic), so
 * `miner.mw[MINING]` can fall to 0 at a decision without any conversion.
 */
export * from "./states.js";
export * from "./params.js";
export * from "./contracts.js";
export * from "./economics.js";
export * from "./miner.js";
export * from "./capacity.js";
export * from "./accounting.js";
export * from "./lifecycle.js";
export * from "./observation.js";
export * from "./actions.js";
export * from "./strategies/index.js";
export * from "./profile.js";
export * from "./profiles.js";
