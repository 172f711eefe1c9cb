/**
 * Named miners as a scenario writes them, mapped to the miners module's inputs: per-miner
 * overrides of a bundled profile (MinerOverrides), or a whole profile for a custom miner
 * (MinerProfile), with contracts merged into the profile's by id. Also the miner-level
 * checks the schema runs (known ids, fields a custom miner or a new contract must give,
 * contracts that would convert more mining MW than the miner has).
 *
 * Key names: the scenario spells units in key names (`powerMW`, `jPerTH`,
 * `usdPerITMWYear`); the model's names are in comments of miners/profile.ts and
 * contracts.ts. The mapping is one line per key below.
 */
import {
  DAYS_PER_MONTH,
  DEFAULT_COLO_TERMS,
  DEFAULT_GPU_TERMS,
  dayOfDate,
  profileById,
  PROFILES,
  type ContractTerms,
  type LeaseTerms,
  type MinerOverrides,
  type MinerProfile,
} from "../model/miners/index.js";
import type { PathSegment } from "./path.js";
import { suggest } from "./suggest.js";
import type { ScenarioContract, ScenarioLeaseTerms, ScenarioMiner } from "./model-schema.js";

/** Entity names the model's record layout keeps for itself (plan.ts RESERVED_ENTITIES). */
const RESERVED_IDS: ReadonlySet<string> = new Set(["network", "named", "epoch", "market", "fleet"]);

/** Keys a custom miner must give. */
const CUSTOM_REQUIRED = ["powerMW", "jPerTH", "powerCostUSDPerMWh", "strategy"] as const;
/** Keys a new contract (not one of the profile's) must give. */
const NEW_CONTRACT_REQUIRED = ["itMW", "energiseDate", "source"] as const;

/** A problem found by a miner-level check, relative to the miner item. */
export interface MinerProblem {
  readonly path: PathSegment[];
  readonly message: string;
  readonly input: unknown;
}

/** The object without its undefined values (for exactOptionalPropertyTypes). */
export function compact<T extends object>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as { [K in keyof T]?: Exclude<T[K], undefined> };
}

/** The bundled profile of a miner item, or undefined (custom or unknown id). */
export function profileOf(m: Pick<ScenarioMiner, "id" | "custom">): MinerProfile | undefined {
  return m.custom === true ? undefined : profileById(m.id);
}

/** Lease terms as written → the model's LeaseTerms fields that were given. */
export function leaseTermsPatch(t: ScenarioLeaseTerms): Partial<LeaseTerms> {
  return compact({
    kind: t.kind,
    itPerGross: t.itPerGross,
    usdPerItMwYr: t.usdPerITMWYear,
    escalator: t.escalatorPerYear,
    margin: t.margin,
    termYears: t.termYears,
    renewalOptions: t.renewalOptions,
    renewalYears: t.renewalYears,
    renewalProb: t.renewalProbability,
    capexUsdPerItMw: t.capexUSDPerITMW,
    buildMonths: t.buildMonths,
    counterparty: t.counterparty,
    terminationSlipMonths: t.terminationSlipMonths,
  });
}

/** The default terms of a new contract of `kind` (CALIBRATION.md (3), contracts.ts). */
function defaultTerms(kind: "colo" | "gpu" | undefined): LeaseTerms {
  return kind === "gpu" ? DEFAULT_GPU_TERMS : DEFAULT_COLO_TERMS;
}

/**
 * A miner's contracts after the scenario's items: each item whose id is one of `base`
 * changes that contract's given fields; `enabled: false` drops it; a new id is appended
 * with the default terms of its kind (status signed unless given). Items missing a
 * required key of a new contract are skipped here (the schema reports them).
 */
export function mergeContracts(base: readonly ContractTerms[], items: readonly ScenarioContract[] | undefined): ContractTerms[] {
  if (items === undefined) return [...base];
  const byId = new Map(items.map((c) => [c.id, c]));
  const out: ContractTerms[] = [];
  for (const c of base) {
    const item = byId.get(c.id);
    if (item === undefined) {
      out.push(c);
      continue;
    }
    if (item.enabled === false) continue;
    out.push({ ...c, ...leaseTermsPatch(item), ...compact({ itMw: item.itMW, energiseDate: item.energiseDate, source: item.source, status: item.status }) });
  }
  const known = new Set(base.map((c) => c.id));
  for (const item of items) {
    if (known.has(item.id) || item.enabled === false) continue;
    if (item.itMW === undefined || item.energiseDate === undefined || item.source === undefined) continue;
    out.push({
      ...defaultTerms(item.kind),
      ...leaseTermsPatch(item),
      id: item.id,
      itMw: item.itMW,
      energiseDate: item.energiseDate,
      source: item.source,
      status: item.status ?? "signed",
    });
  }
  return out;
}

/** Overrides of a bundled profile from a miner item (only the keys it gives). */
export function minerOverridesOf(m: ScenarioMiner, profile: MinerProfile): MinerOverrides {
  const conversionTerms = m.conversionTerms !== undefined ? leaseTermsPatch(m.conversionTerms) : undefined;
  return compact({
    miningMw: m.powerMW,
    jPerTh: m.jPerTH,
    powerUsdPerMwh: m.powerCostUSDPerMWh,
    treasuryBtc: m.treasuryBTC,
    holdFraction: m.holdFraction,
    interruptibleShare: m.interruptibleShare,
    drEnrolledShare: m.drEnrolledShare,
    aiSuitableShare: m.aiSuitableShare,
    strategy: m.strategy,
    exitSpeed: m.exitSpeed,
    buildRateMwPerYr: m.buildRateMWPerYear,
    thresholdDays: m.thresholdDays,
    minConversionBlockMw: m.minConversionBlockMW,
    exitStartDate: m.exitStartDate,
    exitEndDate: m.exitEndDate,
    discountRate: m.discountRatePerYear,
    conversionTerms,
    contracts: m.contracts !== undefined ? mergeContracts(profile.contracts, m.contracts) : undefined,
  });
}

/**
 * The profile of a custom miner (custom: true) and the overrides that the profile type
 * cannot hold (threshold days, block size, exit speed, discount rate). Treasury, hold,
 * interruptible and DR shares default to 0 (none) when not given; everything else
 * defaults as for a bundled profile (behaviour and economics defaults of the model).
 * The schema guarantees the required keys; a missing one throws a RangeError here.
 */
export function customProfileOf(m: ScenarioMiner): { profile: MinerProfile; overrides: MinerOverrides } {
  if (m.powerMW === undefined || m.jPerTH === undefined || m.powerCostUSDPerMWh === undefined || m.strategy === undefined) {
    throw new RangeError(`miner ${m.id}: a custom miner needs ${CUSTOM_REQUIRED.join(", ")}`);
  }
  const profile: MinerProfile = {
    id: m.id,
    name: m.name ?? m.id,
    miningMw: m.powerMW,
    jPerTh: m.jPerTH,
    powerUsdPerMwh: m.powerCostUSDPerMWh,
    treasuryBtc: m.treasuryBTC ?? 0,
    holdFraction: m.holdFraction ?? 0,
    interruptibleShare: m.interruptibleShare ?? 0,
    drEnrolledShare: m.drEnrolledShare ?? 0,
    strategy: m.strategy,
    contracts: mergeContracts([], m.contracts),
    ...compact({
      exitStartDate: m.exitStartDate,
      exitEndDate: m.exitEndDate,
      aiSuitableShare: m.aiSuitableShare,
      buildRateMwPerYr: m.buildRateMWPerYear,
      conversionTerms: m.conversionTerms !== undefined ? { ...DEFAULT_COLO_TERMS, ...leaseTermsPatch(m.conversionTerms) } : undefined,
    }),
  };
  const overrides: MinerOverrides = compact({
    exitSpeed: m.exitSpeed,
    thresholdDays: m.thresholdDays,
    minConversionBlockMw: m.minConversionBlockMW,
    discountRate: m.discountRatePerYear,
  });
  return { profile, overrides };
}

/** Mining EH/s of a miner item at the start: powerMW / J/TH (PUE 1, units.ts); 0 if unknown. */
export function minerStartEh(m: ScenarioMiner): number {
  const p = profileOf(m);
  const mw = m.powerMW ?? p?.miningMw;
  const j = m.jPerTH ?? p?.jPerTh;
  return mw !== undefined && j !== undefined && j > 0 ? mw / j : 0;
}

/**
 * Problems of one miner item that the field types cannot express: an unknown id (with a
 * "did you mean"), custom: true on a bundled id, a custom miner without its required
 * keys, a name on a bundled miner, a reserved id, a new contract without its required
 * keys, dropping a contract the profile does not have.
 */
export function minerFieldProblems(m: ScenarioMiner): MinerProblem[] {
  const out: MinerProblem[] = [];
  const ids = PROFILES.map((p) => p.id);
  const bundled = profileById(m.id);
  if (RESERVED_IDS.has(m.id)) {
    out.push({ path: ["id"], input: m.id, message: `the id "${m.id}" is reserved for the results layout; choose another` });
    return out;
  }
  if (m.custom === true) {
    if (bundled !== undefined) {
      out.push({
        path: ["custom"],
        input: true,
        message: `"${m.id}" is a bundled profile: leave out custom: true to override its fields, or give the custom miner another id`,
      });
      return out;
    }
    for (const key of CUSTOM_REQUIRED) {
      if (m[key] === undefined) {
        out.push({ path: [key], input: undefined, message: `required key is missing: a custom miner needs ${key}` });
      }
    }
  } else if (bundled === undefined) {
    const guess = suggest(m.id, ids);
    out.push({
      path: ["id"],
      input: m.id,
      message:
        `unknown miner "${m.id}"${guess !== undefined ? ` (did you mean "${guess}"?)` : ""}; the bundled profiles are ` +
        `${ids.join(", ")}; for a miner of your own add custom: true`,
    });
    return out;
  } else if (m.name !== undefined) {
    out.push({ path: ["name"], input: m.name, message: "name is for custom miners only (a bundled profile keeps its name)" });
  }

  const baseIds = (bundled?.contracts ?? []).map((c) => c.id);
  const owner = bundled !== undefined ? `${m.id}'s contracts` : "this miner's contracts";
  m.contracts?.forEach((c, j) => {
    if (baseIds.includes(c.id)) return;
    if (c.enabled === false) {
      out.push({
        path: ["contracts", j, "id"],
        input: c.id,
        message:
          `there is no contract "${c.id}" to drop among ${owner}` +
          (baseIds.length > 0 ? ` (${baseIds.join(", ")})` : "") +
          (suggest(c.id, baseIds) !== undefined ? `; did you mean "${suggest(c.id, baseIds)}"?` : ""),
      });
      return;
    }
    const missing = NEW_CONTRACT_REQUIRED.filter((k) => c[k] === undefined);
    if (missing.length === 0) return;
    const guess = suggest(c.id, baseIds);
    if (guess !== undefined) {
      out.push({
        path: ["contracts", j, "id"],
        input: c.id,
        message: `"${c.id}" is not one of ${owner} (did you mean "${guess}"?); a new contract needs ${NEW_CONTRACT_REQUIRED.join(", ")}`,
      });
      return;
    }
    for (const k of missing) {
      out.push({
        path: ["contracts", j, k],
        input: undefined,
        message: `required key is missing: a new contract (not one of ${owner}) needs ${k}`,
      });
    }
  });
  return out;
}

/**
 * Contracts that convert the miner's own mining MW (source: mining) and whose build starts
 * on or after the start date need IT-MW / itPerGross MW of site power out of the miner's
 * mining MW (capacity.ts beginConversion; builds begun before the start sit on top of it,
 * lifecycle.ts resetMiner). More than powerMW is a problem: reported on `contracts` when
 * the item gives contracts, else on `powerMW`.
 */
export function contractCapacityProblem(m: ScenarioMiner, startDate: string): MinerProblem | undefined {
  if (m.enabled === false) return undefined;
  const profile = profileOf(m);
  if (profile === undefined && m.custom !== true) return undefined;
  const powerMw = m.powerMW ?? profile?.miningMw;
  if (powerMw === undefined) return undefined;
  const contracts = mergeContracts(profile?.contracts ?? [], m.contracts);
  let need = 0;
  const counted: string[] = [];
  for (const c of contracts) {
    if (c.source !== "mining") continue;
    const buildStartDay = dayOfDate(c.energiseDate, startDate) - c.buildMonths * DAYS_PER_MONTH;
    if (buildStartDay < 0) continue;
    need += c.itMw / c.itPerGross;
    counted.push(c.id);
  }
  if (!(need > powerMw * (1 + 1e-9))) return undefined;
  const at: PathSegment[] = m.contracts !== undefined ? ["contracts"] : ["powerMW"];
  return {
    path: at,
    input: m.contracts !== undefined ? need : m.powerMW,
    message:
      `contracts converting this miner's own mining power (source: mining; ${counted.join(", ")}) need ` +
      `${need.toFixed(1)} MW of site power (IT-MW ÷ itPerGross), more than its powerMW of ${powerMw} MW`,
  };
}
