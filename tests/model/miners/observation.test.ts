/**
 * observeMiner gives the strategy the miner's own MW array (obs.mw), not a copy
 * (observation.ts). That is only the same as a copy if nothing writes the array between
 * observe and the strategy's reads: checked at every decision of every CALIBRATION.md (2)
 * profile over six years, with a hashprice that crosses the miners' breakevens and power
 * windows, DR and 4CP events for the dispatching strategies. At each decision the miner's MW
 * are snapshot right after observe; after the strategy has run on obs, the miner's MW must
 * still equal the snapshot (a strategy writing obs.mw would now change the miner), and the
 * strategy run again on a copy of the observation holding the snapshot must give the same
 * actions, bit for bit.
 */
import { describe, expect, it } from "vitest";
import type { Actions, MinerState, Observation } from "../../../src/model/miners/index.js";
import {
  PROFILES,
  compileMinerSpec,
  createActions,
  createMinerState,
  resetMiner,
  runStrategy,
} from "../../../src/model/miners/index.js";
import { streamFor } from "../../../src/random/index.js";
import { drive } from "./driver.js";

const START = "2026-03-01";

/** Hashprice $/PH/day, constant on integer days: swings from ~$15 to ~$90 over a few years. */
function hashprice(day: number): number {
  return 38 * Math.exp(0.85 * Math.sin(day / 170) + 0.25 * Math.sin(day / 23));
}

/** Every field of the actions, start flags included. */
function actionValues(a: Actions, slots: number): number[] {
  const out = [a.convertMw, a.miningCapMw, a.remineMw, a.curtailTargetMw, a.economicOff ? 1 : 0, a.holdFraction, a.sellTreasuryBtc];
  for (let i = 0; i < slots; i++) out.push(a.startContract[i]!);
  return out;
}

describe("observation", () => {
  it("the strategy decides the same on obs.mw (the miner's array) as on a snapshot copy, and leaves the MW alone", () => {
    let decisions = 0;
    let converted = 0;
    let curtailed = 0;
    for (const profile of PROFILES) {
      const spec = compileMinerSpec(profile, { startDate: START, exitSpeed: 1 });
      const miner: MinerState = createMinerState(spec);
      const rng = streamFor(7, 0, `miner:${spec.id}`);
      resetMiner(miner, rng);
      const copyActions = createActions(spec.slotCapacity);
      const snapshot = new Float64Array(miner.mw.length);
      drive(miner, rng, {
        days: 6 * 365,
        hashprice,
        // A power spike every 5th decision day, DR every 11th, 4CP every 13th.
        market: (day, view) => {
          if (Math.floor(day) % 5 === 0) view.rtPowerUsdPerMwh = 400;
          view.drEvent = Math.floor(day) % 11 === 0;
          view.fourCpEvent = Math.floor(day) % 13 === 0;
        },
        afterObserve: (obs) => {
          expect(obs.mw).toBe(miner.mw);
          snapshot.set(miner.mw);
        },
        beforeApply: (obs, actions) => {
          for (let s = 0; s < snapshot.length; s++) {
            if (!Object.is(miner.mw[s], snapshot[s])) throw new Error(`${profile.id} day ${obs.day}: the strategy changed MW state ${s}`);
          }
          const copy: Observation = { ...obs, mw: Float64Array.from(snapshot) };
          runStrategy(copy, spec.strategy, copyActions);
          const a = actionValues(actions, miner.slotCount);
          const b = actionValues(copyActions, miner.slotCount);
          for (let k = 0; k < a.length; k++) {
            if (!Object.is(a[k], b[k])) throw new Error(`${profile.id} day ${obs.day}: action value ${k}: ${a[k]} on obs.mw, ${b[k]} on a copy`);
          }
          decisions += 1;
          if (actions.convertMw > 0) converted += 1;
          if (actions.curtailTargetMw > 0 || actions.economicOff) curtailed += 1;
        },
      });
    }
    // Not vacuous: many decisions, some converting, some curtailing.
    expect(decisions).toBeGreaterThan(PROFILES.length * 300);
    expect(converted).toBeGreaterThan(0);
    expect(curtailed).toBeGreaterThan(0);
  });
});
