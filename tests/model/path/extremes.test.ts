/**
 * Extreme inputs: the BTC price collapsing to ~0 or jumping ×100 must give finite records,
 * no negative hashrate, and paths that end in bounded time (the engine's stall handling,
 * the fleet's caps).
 */
import { describe, expect, it } from "vitest";
import { shockFromPercent } from "../../../src/model/market/index.js";
import { defaultModelPlan, simulateModelPath } from "../../../src/model/path/index.js";
import { auditRecord } from "./audit.js";
import { RecordReader, horizonDateAfter } from "./fixtures.js";

const DAYS = 3 * 365;

describe("extreme prices", () => {
  for (const [label, change] of [
    ["price → 0 (−99.999% on day 30)", -0.99999],
    ["price × 100 on day 30", 99],
  ] as const) {
    for (const miners of [[] as string[], "all" as const]) {
      it(`${label}, ${miners === "all" ? "ten named miners" : "network only"}`, () => {
        const plan = defaultModelPlan({
          miners,
          horizonDate: horizonDateAfter(DAYS),
          shocks: [shockFromPercent(30, change, label)],
        });
        for (let path = 0; path < 2; path++) {
          // Termination is shown by the call returning (the engine throws past maxEvents, and the
          // test's timeout would catch a hang); speed is the benchmarks' business, not a test's.
          const { layout, record } = simulateModelPath(plan, "extreme", path);
          expect(auditRecord(layout, record)).toEqual([]);
          const r = new RecordReader(layout, record);
          const h = r.series("network", "hashrate");
          const hp = r.series("network", "hashprice");
          for (let g = 0; g < h.length; g++) {
            expect(h[g]!).toBeGreaterThanOrEqual(0);
            expect(hp[g]!).toBeGreaterThanOrEqual(0);
          }
          const last = h.length - 1;
          if (change < 0) {
            // Hashprice ~0: the fleet switches off (τ 30 days), and so do the named miners
            // (their economic shutdown, after ~4–5 weeks; tests/model/miners/economicShutdown).
            expect(r.scalar("network", "hashrateDrawdown")).toBeGreaterThan(miners === "all" ? 0.5 : 0.99);
            // After 180 unprofitable days every cohort retires (fleet growth's retirement rule).
            expect(r.series("network", "fleetHashrate")[last]).toBe(0);
            if (miners !== "all") expect(r.series("network", "installedEh25to38")[last]).toBe(0);
            if (miners !== "all") {
              // Nothing mines: the chain is stalled.
              expect(h[last]!).toBe(0);
              expect(r.scalar("network", "stalled")).toBe(1);
            }
          } else {
            // Everything installed runs and the fleet builds at its capped rate; the network
            // grows but stays finite, and difficulty follows.
            expect(h[last]!).toBeGreaterThan(h[0]!);
            expect(r.scalar("network", "stalled")).toBe(0);
            expect(r.series("network", "difficulty")[last]!).toBeGreaterThan(r.series("network", "difficulty")[0]!);
          }
        }
      });
    }
  }
});
