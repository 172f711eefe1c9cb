/**
 * The named-miner profiles (src/model/miners/profiles.ts) against CALIBRATION.md:
 * every profile compiles and resets to a consistent state; derived figures match the
 * rounded numbers CALIBRATION states (to half a unit of their last digit); every numeric
 * field carries a source comment; every profile runs six years on a seeded stream
 * without NaN and replays identically.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { streamFor } from "../../../src/random/index.js";
import type { MinerProfile, MinerState } from "../../../src/model/miners/index.js";
import {
  BITDEER,
  CIPHER,
  CORE_SCIENTIFIC,
  HUT8,
  IREN,
  MARA,
  PROFILES,
  RIOT,
  SLOT_ACTIVE,
  TERAWULF,
  checkCapacity,
  compileMinerSpec,
  createMinerState,
  createSummary,
  profileById,
  resetMiner,
  summarize,
} from "../../../src/model/miners/index.js";
import { constRng, drive } from "./driver.js";

const START = "2026-03-01"; // CALIBRATION (1) "Start date"

/** |x − stated| ≤ half a unit of the stated figure's last digit (`step`). */
function matchesStated(x: number, stated: number, step: number): boolean {
  return Math.abs(x - stated) <= step / 2 + 1e-9 * Math.abs(stated);
}

function contract(p: MinerProfile, id: string) {
  const c = p.contracts.find((k) => k.id === id);
  if (c === undefined) throw new Error(`no contract ${id}`);
  return c;
}

describe("profiles", () => {
  it("has the ten CALIBRATION (2) miners, unique ids, each compiling and resetting to a consistent state", () => {
    expect(PROFILES.map((p) => p.id)).toEqual([
      "mara",
      "cleanspark",
      "riot",
      "iren",
      "hut8",
      "cipher",
      "terawulf",
      "core-scientific",
      "bitfarms",
      "bitdeer",
    ]);
    for (const p of PROFILES) {
      expect(profileById(p.id)).toBe(p);
      const m = createMinerState(compileMinerSpec(p, { startDate: START }));
      resetMiner(m, streamFor(1, 0, `miner:${p.id}`));
      expect(checkCapacity(m), p.id).toBeNull();
      expect(m.mw[0], p.id).toBe(p.miningMw);
    }
  });

  it("reproduces the figures CALIBRATION states for derived quantities", () => {
    // (2): MARA "~1,200 MW (derived)", Riot "~750 MW", IREN "~750 MW".
    expect(matchesStated(MARA.miningMw, 1200, 100)).toBe(true);
    expect(matchesStated(RIOT.miningMw, 750, 10)).toBe(true);
    expect(IREN.miningMw).toBe(750);
    // §e.1 "$/MW-yr (derived)" column, in $M.
    const rate = (p: MinerProfile, id: string) => contract(p, id).usdPerItMwYr / 1e6;
    expect(matchesStated(rate(CIPHER, "cipher-fluidstack"), 1.79, 0.01)).toBe(true);
    expect(matchesStated(rate(CIPHER, "cipher-fluidstack-addon"), 2.1, 0.1)).toBe(true);
    expect(matchesStated(rate(CIPHER, "cipher-aws"), 1.22, 0.01)).toBe(true);
    expect(matchesStated(rate(TERAWULF, "terawulf-fluidstack-1"), 1.85, 0.01) || matchesStated(rate(TERAWULF, "terawulf-fluidstack-1"), 1.86, 0.01)).toBe(true);
    expect(matchesStated(rate(HUT8, "hut8-river-bend"), 1.9, 0.1)).toBe(true);
    expect(rate(CORE_SCIENTIFIC, "corz-coreweave-1")).toBe(1.45);
    expect(rate(RIOT, "riot-amd")).toBe(1.24);
    expect(rate(IREN, "iren-msft-h1")).toBe(9.7);
    // §e.1 Hut 8 "245 IT (~330 MW utility)" and Cipher "168 IT (244 gross)" → gross MW.
    const gross = (p: MinerProfile, id: string) => contract(p, id).itMw / contract(p, id).itPerGross;
    expect(gross(HUT8, "hut8-river-bend")).toBeCloseTo(330, 9);
    expect(gross(CIPHER, "cipher-fluidstack")).toBeCloseTo(244, 9);
    // (2) IREN "Microsoft 200 MW": four halls sum to 200 IT-MW.
    const msft = IREN.contracts.filter((c) => c.id.startsWith("iren-msft"));
    expect(msft.reduce((a, c) => a + c.itMw, 0)).toBe(200);
  });

  it("Bitdeer's AI cloud earns its $69M ARR through the accounting", () => {
    const m = createMinerState(compileMinerSpec(BITDEER, { startDate: START }));
    const rng = constRng(0.99);
    resetMiner(m, rng);
    expect(m.slots[0]!.state).toBe(SLOT_ACTIVE);
    drive(m, rng, { days: 365, hashprice: () => 35 });
    expect(Math.abs(m.ledger.gpuRevenueUsd / 69e6 - 1)).toBeLessThan(0.01); // (2) "AI cloud ARR $69M"
  });

  it("cites a source for every numeric field in profiles.ts", () => {
    const src = readFileSync(new URL("../../../src/model/miners/profiles.ts", import.meta.url), "utf8").split("\n");
    const uncited: string[] = [];
    let inProfile = false;
    for (let i = 0; i < src.length; i++) {
      const line = src[i]!;
      if (/^export const \w+: MinerProfile = /.test(line)) inProfile = true;
      if (/^\}\);/.test(line)) inProfile = false;
      if (!inProfile) continue;
      const field = /^\s*(\w+): (.*)$/.exec(line);
      if (field === null || field[1] === "id" || field[1] === "name") continue;
      const value = field[2]!.split("//")[0]!;
      if (!/\d/.test(value)) continue;
      const prev = (src[i - 1] ?? "").trim();
      if (!line.includes("//") && !prev.startsWith("//")) uncited.push(`${i + 1}: ${line.trim()}`);
    }
    expect(uncited).toEqual([]);
  });

  it("every profile runs six years on its own stream without NaN, conserving MW, and replays identically", () => {
    const run = (p: MinerProfile): MinerState => {
      const m = createMinerState(compileMinerSpec(p, { startDate: START }));
      const rng = streamFor(42, 3, `miner:${p.id}`);
      resetMiner(m, rng);
      drive(m, rng, {
        days: 6 * 365,
        // A falling hashprice with a weekly wobble, and a summer price window each year.
        hashprice: (d) => 38 - 0.004 * d + 3 * Math.sin(d / 7),
        market: (d, view) => {
          const doy = d % 365;
          if (doy >= 150 && doy < 155) view.rtPowerUsdPerMwh = 400;
          if (doy === 160) view.fourCpEvent = true;
        },
        onDecision: (miner) => expect(checkCapacity(miner), p.id).toBeNull(),
      });
      return m;
    };
    for (const p of PROFILES) {
      const a = run(p);
      const s = summarize(a, 70_000, 6 * 365, createSummary());
      for (const [k, v] of Object.entries(s)) {
        // NaN means "never" (flip) or "no such use" (per-MW figures, AI margin without AI revenue).
        if (k === "flipDay" || k.endsWith("PerItMwYr") || k.endsWith("PerMwYr")) continue;
        if (k === "aiEbitdaMargin" && s.aiRevenueUsd === 0) continue;
        expect(Number.isFinite(v), `${p.id}.${k}`).toBe(true);
      }
      const b = run(p);
      expect(JSON.stringify({ l: b.ledger, mw: Array.from(b.mw) })).toBe(JSON.stringify({ l: a.ledger, mw: Array.from(a.mw) }));
    }
  });
});
