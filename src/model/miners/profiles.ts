/**
 * Named-miner profiles, default state early 2026 (scenario start 2026-03-01, CALIBRATION
 * (1) "Start date"). Every number names its source in /work/shared/CALIBRATION.md:
 * "(2)" = "Proposed default calibration (2) Named miner profiles" (the row of that miner),
 * "(3)" = "(3) AI conversion module", "§d.1/§d.2/§e.1/§e.2/§f" = the fact tables (row of
 * that miner or deal). **assume** marks a value CALIBRATION does not give (or gives as
 * "n/a (assume X)"); **derived** marks arithmetic on sourced numbers, with the formula.
 *
 * Model conventions that shape these numbers:
 * - Mining MW = power drawn by the fleet, PUE 1, so EH/s × J/TH = MW (units.ts).
 * - Contract MW are IT-MW; gross MW = IT / itPerGross (contracts.ts). Contract rates are
 *   base-term averages = headline value ÷ years ÷ MW, as §e.1 derives them.
 * - Contracts whose build started before 2026-03-01 are already under way at day 0 and
 *   sit on top of the mining MW (lifecycle.ts resetMiner).
 * - Planned (unsigned) pipeline is built by every strategy but `hodl`.
 * - Every lease gets (3)'s defaults (DEFAULT_COLO_TERMS / DEFAULT_GPU_TERMS) for what its
 *   row does not state; each override below says where it comes from.
 * - interruptibleShare and drEnrolledShare: CALIBRATION gives no per-miner figure except
 *   Riot's (§f); elsewhere **assume** 0.5 interruptible (half the fleet on flexible
 *   sites) and no ERS enrolment unless the miner reports DR revenue.
 */
import type { ContractTerms } from "./contracts.js";
import { DEFAULT_COLO_TERMS, DEFAULT_GPU_TERMS } from "./contracts.js";
import type { MinerProfile } from "./profile.js";

/** Assumed interruptible share where CALIBRATION has no figure (see the module note). */
const ASSUMED_INTERRUPTIBLE = 0.5;

function colo(fields: Partial<ContractTerms> & Pick<ContractTerms, "id" | "itMw" | "energiseDate" | "source" | "status">): ContractTerms {
  return Object.freeze({ ...DEFAULT_COLO_TERMS, ...fields });
}

function gpu(fields: Partial<ContractTerms> & Pick<ContractTerms, "id" | "itMw" | "energiseDate" | "source" | "status">): ContractTerms {
  return Object.freeze({ ...DEFAULT_GPU_TERMS, ...fields });
}

/** MARA: HODL pure-play, slow AI ((2) MARA row). */
export const MARA: MinerProfile = Object.freeze({
  id: "mara",
  name: "MARA",
  miningMw: 66.4 * 18, // derived: (2) 66.4 EH/s × 18 J/TH ≈ 1,195 MW ("~1,200 MW (derived)")
  jPerTh: 18, // (2) "18 (assume)"; §d.1 "~18 (assumed; not disclosed)"
  powerUsdPerMwh: 40, // (2) "40 (owned sites)"; §d.1 $0.04/kWh at owned sites
  treasuryBtc: 53_822, // (2) 53,822 (YE2025)
  holdFraction: 0.5, // (2) "hold 1.0 in 2025 → 0.5 in 2026"
  interruptibleShare: ASSUMED_INTERRUPTIBLE, // assume
  drEnrolledShare: 0, // assume: no DR revenue reported for MARA in CALIBRATION
  strategy: "hodl", // (2) "HODL pure-play; slow AI"
  contracts: [
    // (2)/§d.2 "MPLX JV, ~400 MW expandable to 1.5 GW in West Texas" (2027+). Not signed.
    colo({
      id: "mara-mplx",
      itMw: 400 * DEFAULT_COLO_TERMS.itPerGross, // assume 400 MW is site power; IT = × 0.75 ((3))
      energiseDate: "2027-12-31", // assume: (2) "2027+"
      buildMonths: 20, // (3) greenfield 16–24 months, midpoint
      source: "new",
      status: "planned",
    }),
    // Exaion (64% of an EDF private-cloud subsidiary, "small") is not modelled: no MW given.
  ],
});

/** CleanSpark: hybrid "mullet" ((2) CleanSpark row). */
export const CLEANSPARK: MinerProfile = Object.freeze({
  id: "cleanspark",
  name: "CleanSpark",
  miningMw: 808, // (2)/§d.1 "808 MW used of 1,027"
  jPerTh: 16.1, // (2) 16.1 (§d.1 16.07–16.7)
  powerUsdPerMwh: 55, // (2) "~55 (derived, uncertain)"
  treasuryBtc: 13_011, // (2)/§d.1 13,011 (Sep 2025)
  holdFraction: 0.3, // (2) "hold ~0.3"
  interruptibleShare: ASSUMED_INTERRUPTIBLE, // assume
  drEnrolledShare: 0, // assume: no DR figure for CleanSpark
  strategy: "mullet", // (2) "Hybrid 'mullet'"
  contracts: [
    // (2) "Pipeline 890 MW in Texas (Austin County 285, Brazoria 300 → 600) + Cheyenne 100 MW;
    // tenant TBD (assume colo at $1.8M/MW from 2027–28)". Sizes read as site power (assume).
    colo({
      id: "clsk-austin-county",
      itMw: 285 * DEFAULT_COLO_TERMS.itPerGross, // (2) 285 MW site; IT × 0.75 ((3))
      energiseDate: "2027-07-01", // assume: (2) "from 2027–28"
      buildMonths: 20, // (3) greenfield 16–24 months, midpoint
      counterparty: "hyperscaler", // assume: §d.2 lease talks with "grade A" tenants
      source: "new",
      status: "planned",
    }),
    colo({
      id: "clsk-brazoria",
      itMw: 300 * DEFAULT_COLO_TERMS.itPerGross, // (2) Brazoria 300 MW (→ 600 later, not modelled)
      energiseDate: "2028-01-01", // assume: (2) "from 2027–28"
      buildMonths: 20, // (3) greenfield, midpoint
      counterparty: "hyperscaler", // assume, as above
      source: "new",
      status: "planned",
    }),
    colo({
      id: "clsk-cheyenne",
      itMw: 100 * DEFAULT_COLO_TERMS.itPerGross, // (2) Cheyenne 100 MW
      energiseDate: "2028-01-01", // assume: (2) "from 2027–28"
      buildMonths: 20, // (3) greenfield, midpoint
      counterparty: "hyperscaler", // assume, as above
      source: "new",
      status: "planned",
    }),
  ],
});

/** Riot: DR-heavy miner → lessor ((2) Riot row). */
export const RIOT: MinerProfile = Object.freeze({
  id: "riot",
  name: "Riot Platforms",
  miningMw: 36.5 * 20.5, // derived: (2) 36.5 EH/s deployed × 20.5 J/TH ≈ 748 MW (PUE 1; (2) gives 750–820 with PUE ~1.1)
  jPerTh: 20.5, // (2) 20.5
  powerUsdPerMwh: 39.5, // (2) "37–42 net of credits", midpoint (a net figure; credits are also modelled, see report)
  treasuryBtc: 18_200, // (2) "~18,200 after Jan 2026 sale"
  holdFraction: 0.5, // (2) "hold ~0.5"
  interruptibleShare: 0.95, // §f Riot power credits: "curtailed >95% at peak" (Aug 2023)
  drEnrolledShare: 0.5, // assume: Riot earns ERCOT DR (§f; (2) "ERCOT DR $30M/quarter in high-stress quarters"), enrolment MW not given
  strategy: "mullet", // (2) "DR-heavy miner → lessor"; curtailment-led dispatch
  contracts: [
    colo({
      id: "riot-amd",
      itMw: 25, // (2)/§e.1 AMD 25 MW IT (options to 200 not modelled)
      usdPerItMwYr: 1_240_000, // §e.1 "~$1.24M" ($311M / 10 yr / 25 MW)
      margin: 0.8, // §e.1 "~80% (derived)"
      termYears: 10, // §e.1 10 yr
      renewalOptions: 3, // §e.1 "(+3×5)"
      capexUsdPerItMw: 3_600_000, // §e.1 "$3.6M per MW retrofit"
      buildMonths: 4, // §e.1 "≤4 months" using existing buildings
      energiseDate: "2026-03-31", // assume: §e.1 "Jan – May 2026", midpoint rounded to month end
      counterparty: "hyperscaler", // assume: AMD, investment-grade corporate
      source: "mining", // §e.1 retrofit of existing (mining) buildings
      status: "signed",
    }),
    colo({
      id: "riot-corsicana",
      itMw: 112, // (2)/§d.2 "Corsicana 112 MW core and shell started" (assume IT MW)
      energiseDate: "2027-06-30", // assume: no date in CALIBRATION
      buildMonths: 18, // assume: (3) greenfield 16–24 months, lower half (shell started Jan 2026)
      source: "new",
      status: "planned", // no tenant announced
    }),
  ],
});

/** IREN: vertically integrated GPU-cloud operator; mining a shrinking cash cow ((2) IREN row). */
export const IREN: MinerProfile = Object.freeze({
  id: "iren",
  name: "IREN",
  miningMw: 50 * 15, // derived: (2) "~750 MW (50 EH/s × 15 J/TH)"
  jPerTh: 15, // (2) 15
  powerUsdPerMwh: 38, // (2) "38 (FY25 net)"
  treasuryBtc: 0, // (2) "~0"; §d.1 "treat as ~0"
  holdFraction: 0, // (2) "hold 0 (sells)"
  interruptibleShare: ASSUMED_INTERRUPTIBLE, // assume
  drEnrolledShare: 0.5, // assume: §f "IREN nets ERS revenue against electricity cost" (MW not given)
  strategy: "threshold", // (2) "mining is a shrinking cash cow": converts as mining margins fall
  // Discretionary conversions use (3)'s default colocation terms: at (3)'s GPU-cloud terms
  // and a 10% discount rate the GPU capex annuity exceeds the EBITDA (no residual value,
  // §e.1 "Unlevered IRR ~10–12% without residual value"), so `threshold` would never pick it.
  contracts: [50, 50, 50, 50].map((itMw, i) =>
    gpu({
      id: `iren-msft-h${i + 1}`,
      itMw, // (2)/§d.2 Microsoft 200 MW critical IT "Horizon 1–4"; assume 4 equal halls (Horizon 1 = 50 MW, §e.1)
      usdPerItMwYr: 9_700_000, // (2)/§e.1 "$9.7M/MW-yr" ($9.7B / 5 yr / 200 MW; ARR $1.94B)
      margin: 0.85, // (2)/§e.1 "~85% project EBITDA"
      termYears: 5, // (2)/§e.1 5 yr
      capexUsdPerItMw: 29_000_000 + 6_000_000, // (2) "GPU capex $29M/MW" + (3) data centre $6M/MW
      buildMonths: 12, // assume: (3) GPU-cloud default
      // assume: "phased through 2026" (§e.1) as quarterly-ish halls from mid-2026
      energiseDate: ["2026-06-30", "2026-08-31", "2026-10-31", "2026-12-31"][i] ?? "2026-12-31",
      counterparty: "hyperscaler", // §e.1 Microsoft (AAA)
      source: "new", // assume: new Horizon halls at Childress
      status: "signed",
      // §e.1 termination right "if delivery timelines are missed": no threshold given, not modelled (Infinity).
    }),
  ),
});

/** Hut 8 / American Bitcoin: power developer / lessor ((2) Hut 8 row). */
export const HUT8: MinerProfile = Object.freeze({
  id: "hut8",
  name: "Hut 8 / American Bitcoin",
  // (2) "~900 MW of the 1 GW platform"; at 17 J/TH that is ~53 EH/s, above (2)'s 10–25 EH/s
  // for ABTC: the platform MW include hosted machines (see report).
  miningMw: 900,
  jPerTh: 17, // (2) "n/a (assume 17)"
  powerUsdPerMwh: 45, // (2) "n/a (assume 45)"
  treasuryBtc: 10_278, // (2)/§d.1 10,278 BTC
  holdFraction: 1, // (2) "hold 1.0"
  interruptibleShare: ASSUMED_INTERRUPTIBLE, // assume
  drEnrolledShare: 0, // assume
  strategy: "contracted", // (2) "Power developer / lessor"
  contracts: [
    colo({
      id: "hut8-river-bend",
      itMw: 245, // (2)/§e.1 River Bend 245 MW IT
      itPerGross: 245 / 330, // derived: §e.1 "245 IT (~330 MW utility)"
      usdPerItMwYr: 7.0e9 / 15 / 245, // derived: §e.1 $7.0B base / 15 yr / 245 MW ≈ $1.9M
      escalator: 0.03, // (2)/§e.1 "3% annual escalator"
      margin: 454e6 / (7.0e9 / 15), // derived: §e.1 NOI ~$454M/yr ÷ average revenue $467M/yr ≈ 0.97 (NNN)
      termYears: 15, // §e.1 15 yr
      renewalOptions: 3, // §e.1 "(+3×5)"
      capexUsdPerItMw: 9_000_000, // assume: (3) new build $9M (not in §e.1)
      buildMonths: 18, // §e.1 "~18 months, greenfield"
      energiseDate: "2027-06-30", // §e.1 "First hall Q2 2027" (end of quarter)
      counterparty: "hyperscaler", // §e.1 "Google backstop for the full base term"; (3) GOOG backstop = hyperscaler class
      source: "new",
      status: "signed",
    }),
  ],
});

/** Cipher Mining: mining → lessor ((2) Cipher row). */
export const CIPHER: MinerProfile = Object.freeze({
  id: "cipher",
  name: "Cipher Mining",
  miningMw: 300, // (2) "~300 MW (assume)" (23.6 EH/s × 19 J/TH would be ~448 MW; see report)
  jPerTh: 19, // (2) 19 (§d.1 T21s at ~19 J/TH)
  powerUsdPerMwh: 30, // (2) "~30 (Odessa fixed-price PPA; exact figure n/a)"
  treasuryBtc: 2_033, // §d.1 2,033 (Q1 2024; "later n/a"; (2) "small")
  holdFraction: 0.3, // (2) "hold 0.3"
  interruptibleShare: ASSUMED_INTERRUPTIBLE, // assume
  drEnrolledShare: 0, // assume
  strategy: "contracted", // (2) "Mining → lessor"
  contracts: [
    colo({
      id: "cipher-fluidstack",
      itMw: 168, // §e.1 168 IT
      itPerGross: 168 / 244, // derived: §e.1 "168 IT (244 gross)"
      usdPerItMwYr: 3.0e9 / 10 / 168, // derived: §e.1 $3.0B / 10 yr / 168 MW ≈ $1.79M
      margin: 0.825, // §e.1 80–85%, midpoint
      termYears: 10, // §e.1 10 yr (+2×5)
      capexUsdPerItMw: 10_000_000, // §e.1 $9–11M, midpoint
      buildMonths: 12, // §e.1 "Sep 2026 (~12 months)"
      energiseDate: "2026-09-30", // §e.1 Sep 2026
      counterparty: "hyperscaler", // §e.1 Google backstop
      source: "new", // Barber Lake site
      status: "signed",
    }),
    colo({
      id: "cipher-fluidstack-addon",
      itMw: 39, // §e.1 "+39"
      usdPerItMwYr: 0.83e9 / 10 / 39, // derived: §e.1 $0.83B / 10 yr / 39 MW ≈ $2.1M
      margin: 0.875, // §e.1 "85–90% on the add-on", midpoint
      termYears: 10, // §e.1 10 yr
      capexUsdPerItMw: 9_500_000, // §e.1 "$9–10M on the add-on", midpoint
      buildMonths: 12, // assume, as the main lease
      energiseDate: "2027-01-31", // §e.1 "add-on Jan 2027"
      counterparty: "hyperscaler", // §e.1 Google backstop
      source: "new",
      status: "signed",
    }),
    colo({
      id: "cipher-aws",
      itMw: 300, // §e.1 AWS 300 MW ("MW basis unclear"; assume IT)
      usdPerItMwYr: 5.5e9 / 15 / 300, // derived: §e.1 $5.5B / 15 yr / 300 MW ≈ $1.22M
      termYears: 15, // §e.1 15 yr
      buildMonths: 11, // §e.1 "~9–13 months", midpoint
      energiseDate: "2026-08-31", // §e.1 "rent from Aug 2026"
      counterparty: "hyperscaler", // §e.1 Amazon (investment grade)
      source: "new",
      status: "signed",
      // margin, capex, escalator, options: (3) defaults (§e.1 "n/a")
    }),
  ],
});

/** TeraWulf: lessor; mining through end-2026 ((2) TeraWulf row). */
export const TERAWULF: MinerProfile = Object.freeze({
  id: "terawulf",
  name: "TeraWulf",
  miningMw: 245, // (2)/§d.1 Lake Mariner 245 MW BTC mining
  jPerTh: 18, // (2) "~18" (12.8 EH/s × 18 ≈ 230 MW)
  powerUsdPerMwh: 47, // (2)/§d.1 "$0.047/kWh (Q3-25)"
  treasuryBtc: 0, // (2) "~0"; §d.1 "Sells production"
  holdFraction: 0, // (2) "hold 0"
  interruptibleShare: 1, // assume: TeraWulf reports DR proceeds on its whole site (§f, (2) "DR $7M/quarter")
  drEnrolledShare: 1, // assume (NYISO programmes are modelled as ERS-like capacity payments; see report)
  strategy: "exit", // (2) "Lessor; mining through end-2026"
  exitStartDate: "2026-03-01", // (1) start date: wind-down from day 0
  exitEndDate: "2026-12-31", // (2) "mining through end-2026"
  contracts: [
    // §e.1 TeraWulf–Fluidstack: "200+ IT (+160 CB-5 = ~360)", "$6.7B for 360 MW", 10 yr (+2×5),
    // ~85% NOI, $8–10M per IT MW, "40 MW in H1-26; full by end-2026 (~16 months)".
    // (2) and §d.2 say 450 MW; the $1.86M/MW rate is on 360 MW, so 360 MW are modelled.
    ...[
      { itMw: 40, energiseDate: "2026-06-30" }, // §e.1 "40 MW in H1-26"
      { itMw: 160, energiseDate: "2026-12-31" }, // §e.1 rest of the first 200 MW "full by end-2026"
      { itMw: 160, energiseDate: "2027-12-31" }, // assume: CB-5 160 MW by end-2027 ((2) "full 2026–27")
    ].map((t, i) =>
      colo({
        id: `terawulf-fluidstack-${i + 1}`,
        itMw: t.itMw,
        itPerGross: 200 / 250, // derived: §e.1 "TeraWulf: 200 IT / ~250 gross"
        usdPerItMwYr: 6.7e9 / 10 / 360, // derived: §e.1 $6.7B / 10 yr / 360 MW ≈ $1.86M
        margin: 0.85, // §e.1 "~85% site NOI"
        termYears: 10, // §e.1 10 yr (+2×5)
        capexUsdPerItMw: 9_000_000, // §e.1 $8–10M, midpoint
        buildMonths: 16, // §e.1 "~16 months"
        energiseDate: t.energiseDate,
        counterparty: "hyperscaler", // §e.1 Google backstop $3.2B
        source: "new", // assume: new HPC buildings at Lake Mariner
        status: "signed",
      }),
    ),
    colo({
      id: "terawulf-core42",
      itMw: 72.5, // §d.2 Core42 72.5 MW
      usdPerItMwYr: 1.1e9 / 10 / 72.5, // derived with an assumed 10-yr term: §d.2 "~$1.1B" / 10 / 72.5 ≈ $1.52M
      energiseDate: "2026-12-31", // assume: no date in CALIBRATION
      counterparty: "neocloud", // assume: Core42 (no backstop stated)
      source: "new",
      status: "signed",
    }),
    // Abernathy JV (240 MW, 25-yr Google-backed lease): TeraWulf's share and rate not in CALIBRATION; not modelled.
  ],
});

/** Core Scientific: colocation landlord to a single neocloud ((2) Core Scientific row). */
export const CORE_SCIENTIFIC: MinerProfile = Object.freeze({
  id: "core-scientific",
  name: "Core Scientific",
  miningMw: 400, // (2) "~400 MW residual (derived)"
  jPerTh: 22, // (2) "~22"
  powerUsdPerMwh: 45, // (2) "n/a (assume 45)"
  treasuryBtc: 2_100, // (2)/§d.1 "≈2,100 BTC at ~$114k (derived)" from $241.4M
  holdFraction: 0, // assume: (2) "selling most in 2026"
  interruptibleShare: ASSUMED_INTERRUPTIBLE, // assume
  drEnrolledShare: 0, // assume
  strategy: "contracted", // (2) "Colocation landlord"
  contracts: [
    // (2)/§e.1 CoreWeave ~590 MW colo, 12 yr (+2×5), $1.45M/MW, energisation "2025–26";
    // assume two equal tranches, end-2025 and end-2026.
    ...["2025-12-31", "2026-12-31"].map((energiseDate, i) =>
      colo({
        id: `corz-coreweave-${i + 1}`,
        itMw: 590 / 2, // (2) ~590 MW, half per tranche (assume)
        itPerGross: 70 / 100, // derived: §e.1 "Core Scientific, Muskogee: 70 IT / 100 gross"
        usdPerItMwYr: 1_450_000, // (2)/§e.1 "~$1.45M"
        termYears: 12, // §e.1 12 yr
        // derived: §e.1 "Largely CoreWeave-funded: $196.4M of $244.5M Q3-25 capex" → the miner
        // pays (244.5 − 196.4)/244.5 ≈ 19.7% of (3)'s $9M/IT-MW.
        capexUsdPerItMw: (9_000_000 * (244.5 - 196.4)) / 244.5,
        energiseDate,
        counterparty: "neocloud", // (2)/§e.1 CoreWeave, "a levered neocloud"
        source: "mining", // conversions of CORZ's own sites (both tranches started before day 0)
        status: "signed",
        // margin: (3) default 85% (§e.1 reports 26% in Q3-25 "while ramping")
      }),
    ),
  ],
});

/**
 * Bitfarms / Keel: the exit archetype ((2) Bitfarms row).
 * Mining MW derived from output (no MW or EH/s in CALIBRATION): §d.1 "Mined 520 BTC in
 * Q3-25"; network issuance ≈ 92 days × 144 blocks × 3.125 BTC ≈ 41,400 BTC; share ≈ 1.26%
 * of ~1,000 EH/s (§b.1: 7-day average first reached 1 ZH/s on 2 Sep 2025) ≈ 12.6 EH/s;
 * × 20 J/TH ≈ 251 MW.
 */
const BITFARMS_EH = (520 / (92 * 144 * 3.125)) * 1000; // derived, see above
export const BITFARMS: MinerProfile = Object.freeze({
  id: "bitfarms",
  name: "Bitfarms / Keel",
  miningMw: BITFARMS_EH * 20, // derived: EH/s × J/TH
  jPerTh: 20, // (2) "~20"
  powerUsdPerMwh: 45, // assume: (2) "n/a"; (1) median $45/MWh
  treasuryBtc: 1_827, // (2)/§d.1 1,827 (12 Nov 2025)
  holdFraction: 0, // (2) "hold 0"
  interruptibleShare: ASSUMED_INTERRUPTIBLE, // assume
  drEnrolledShare: 0, // assume
  strategy: "exit", // (2) "Exit archetype"
  exitStartDate: "2026-03-01", // (1) start date
  exitEndDate: "2027-12-31", // (2) "declining to 0 by end-2027"
  contracts: [
    gpu({
      id: "bitfarms-washington",
      itMw: 18 * DEFAULT_GPU_TERMS.itPerGross, // (2) "Washington 18 MW" read as site power (assume); IT × 0.75
      // (3) default $9.7M (range 5–10, "spot lower"): assume the default for an 18 MW GPUaaS site
      // derived: §d.2 "$128M equipment contract" over 13.5 IT-MW ≈ $9.5M, + (3) data centre $6M/MW
      capexUsdPerItMw: 128e6 / (18 * DEFAULT_GPU_TERMS.itPerGross) + 6_000_000,
      energiseDate: "2026-12-31", // (2)/§d.2 "done Dec 2026"
      counterparty: "neocloud", // assume: GPUaaS customers without an anchor tenant
      source: "mining", // §d.1 Washington site converting
      status: "signed",
    }),
  ],
});

/** Bitdeer: ASIC-maker + miner, no treasury ((2) Bitdeer row). */
export const BITDEER: MinerProfile = Object.freeze({
  id: "bitdeer",
  name: "Bitdeer",
  // (2) "895 MW+". At 11.5 J/TH that is ~78 EH/s, above (2)'s 45–65 EH/s prior from output:
  // the deployed MW include hosting and older rigs (see report).
  miningMw: 895,
  jPerTh: 11.5, // assume: (2) "own SEALMINER ~10–13", midpoint
  powerUsdPerMwh: 40, // (2) "<40" (upper bound)
  treasuryBtc: 0, // (2) "0"
  holdFraction: 0, // (2) "hold 0 (sells weekly)"
  interruptibleShare: ASSUMED_INTERRUPTIBLE, // assume
  drEnrolledShare: 0, // assume
  strategy: "hodl", // (2) keeps mining (its hold fraction is 0: "hodl" is the capacity policy)
  contracts: [
    gpu({
      id: "bitdeer-ai-cloud",
      itMw: 69e6 / DEFAULT_GPU_TERMS.usdPerItMwYr, // derived: (2) "AI cloud ARR $69M" ÷ (3) $9.7M/IT-MW-yr ≈ 7.1 IT-MW
      energiseDate: "2026-01-01", // assume: already running at the start
      counterparty: "neocloud", // assume: many cloud customers, no anchor
      source: "new",
      status: "signed",
    }),
  ],
});

/** All ten profiles, in CALIBRATION (2) order. */
export const PROFILES: readonly MinerProfile[] = Object.freeze([
  MARA,
  CLEANSPARK,
  RIOT,
  IREN,
  HUT8,
  CIPHER,
  TERAWULF,
  CORE_SCIENTIFIC,
  BITFARMS,
  BITDEER,
]);

/** The profile with id `id`, or undefined. */
export function profileById(id: string): MinerProfile | undefined {
  return PROFILES.find((p) => p.id === id);
}
