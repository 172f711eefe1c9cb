/**
 * Compiling a loaded scenario into the model's plan (DESIGN.md §1: Scenario → Plan, once
 * per run): the scenario's keys become {@link DefaultModelPlanOptions} and
 * `defaultModelPlan` builds and validates the plan, so every key the scenario leaves out
 * takes the model's default. Dates become day indices from the start; CSV price files are
 * read relative to the scenario file (price-csv.ts); custom miners are compiled with the
 * miners module's compileMinerSpec and added to the plan.
 *
 * Errors are {@link ScenarioError}s located in the scenario: a RangeError raised by the
 * model names the scenario key where it can (model-errors.ts), else the file.
 *
 * Custom miners: defaultModelPlan builds only bundled profiles, and runs the network fleet
 * as the network hashrate minus the named miners' hashrate at the start (its documented
 * rule). Custom miners are therefore compiled here and the plan is built with the network
 * hashrate less their hashrate, so that the fleet plus all named miners equals the
 * scenario's `network.initialHashrateEH`; the assembled plan is validated again
 * (validateModelPlan).
 */
import { DEFAULT_NETWORK } from "../model/calibration.js";
import {
  dailyLogReturns,
  dayIndexFromIso,
  DailyPriceCsvError,
  defaultGbmPriceModel,
  fixedPricePath,
  shockFromPercent,
  type AiLeasePlan,
  type DailyPriceSeries,
  type FeePlan,
  type PowerPeakPlan,
  type PricePlan,
  type ScheduledShock,
} from "../model/market/index.js";
import type { HashrateEvent } from "../model/fleet/index.js";
import {
  compileMinerSpec,
  PROFILES,
  type MinerBehaviourDefaults,
  type MinerEconomics,
  type MinerOverrides,
  type MinerSpec,
} from "../model/miners/index.js";
import {
  defaultModelPlan,
  validateModelPlan,
  type DefaultModelPlanOptions,
  type ModelPlan,
  type ModelSwitches,
} from "../model/path/index.js";
import { ScenarioError, type ScenarioIssue } from "./errors.js";
import { loadScenario, expandSweep, type LoadedScenario, type LoadScenarioOptions } from "./loadScenario.js";
import { modelDefaults } from "./model-defaults.js";
import { locateModelError, type ModelErrorContext } from "./model-errors.js";
import { compact, customProfileOf, minerOverridesOf, minerStartEh, profileOf } from "./model-miners.js";
import { ScenarioSchema, type Scenario, type ScenarioMiner, type ScenarioPrice } from "./model-schema.js";
import type { PathSegment } from "./path.js";
import { priceCsvIssue, readPriceCsv, type ScenarioFileOptions } from "./price-csv.js";
import type { Provenance } from "./provenance.js";
import { variantSeed, type SweepVariant } from "./sweep.js";
import { locatedIssue } from "./validate.js";

/** A scenario file loaded with the model's schema. */
export type LoadedModelScenario = LoadedScenario<typeof ScenarioSchema>;

/** Options of {@link compileScenario}. */
export interface CompileScenarioOptions extends ScenarioFileOptions {
  /** Parsed price files by absolute path (shared between the variants of a sweep). */
  readonly priceCache?: Map<string, DailyPriceSeries>;
}

/** A scenario compiled to the model's plan. */
export interface CompiledScenario {
  /** The scenario file as named by the caller. */
  readonly file: string;
  readonly name: string;
  readonly description: string;
  /** The scenario's default master seed; undefined when it sets none (the runner's default applies). */
  readonly seed: string | number | undefined;
  /** The scenario's default path count; undefined when it sets none. */
  readonly paths: number | undefined;
  /** The plan (validated by the model). */
  readonly plan: ModelPlan;
  /** The options defaultModelPlan was called with (for reports and tests). */
  readonly options: DefaultModelPlanOptions;
}

/** One variant of a scenario file compiled (a file without a sweep has one, named `base`). */
export interface CompiledVariant extends CompiledScenario {
  /** Variant name (filename-safe). */
  readonly variant: string;
  readonly index: number;
  /** What the variant changes: sweep key path → value. */
  readonly overrides: Readonly<Record<string, unknown>>;
  readonly changedPaths: readonly string[];
  /**
   * True: the variant runs with the run's master seed (common random numbers); false: with
   * `variantSeed(masterSeed, variant)`. `seed` above already applies this to the
   * scenario's own seed.
   */
  readonly commonRandomNumbers: boolean;
}

/** A scenario file loaded and compiled, with all its variants. */
export interface CompiledScenarioFile {
  readonly loaded: LoadedModelScenario;
  /** The scenario without its sweep. */
  readonly base: CompiledScenario;
  /** Every variant (one, `base`, without a sweep). */
  readonly variants: readonly CompiledVariant[];
}

interface CompileContext {
  readonly file: string;
  readonly provenance: Provenance;
  readonly variant: string | undefined;
  readonly options: CompileScenarioOptions;
  readonly cache: Map<string, DailyPriceSeries>;
}

function issueAt(ctx: CompileContext, path: readonly PathSegment[], message: string): ScenarioIssue {
  return locatedIssue(ctx.provenance, path, message, ctx.variant !== undefined ? { variant: ctx.variant } : {});
}

/** The miners that run, with their scenario list index. */
interface MinerEntry {
  readonly item: ScenarioMiner;
  readonly index: number;
}

function enabledMiners(s: Scenario): MinerEntry[] | undefined {
  if (s.miners === undefined || s.miners === "all") return undefined;
  return s.miners.map((item, index) => ({ item, index })).filter((e) => e.item.enabled !== false);
}

function priceOf(s: Scenario, start: string, horizonDays: number, ctx: CompileContext): PricePlan | undefined {
  const shocks: ScheduledShock[] = (s.market?.shocks ?? []).map((sh) =>
    shockFromPercent(dayIndexFromIso(start, sh.date), sh.pct / 100, sh.label),
  );
  const p: ScenarioPrice | undefined = s.market?.price;
  if (p === undefined) return shocks.length > 0 ? { model: defaultGbmPriceModel(), shocks } : undefined;
  const csvKey: PathSegment[] = ["market", "price", "csv"];
  const withCsv = <T>(fn: () => T, ref: { display: string; abs: string }): T => {
    try {
      return fn();
    } catch (err) {
      if (err instanceof DailyPriceCsvError) throw new ScenarioError([priceCsvIssue(err, ref, ctx.provenance, csvKey, ctx.variant)]);
      throw err;
    }
  };
  const read = (csv: string) =>
    readPriceCsv(ctx.provenance, csvKey, csv, {
      cache: ctx.cache,
      ...(ctx.options.baseDir !== undefined ? { baseDir: ctx.options.baseDir } : {}),
      ...(ctx.variant !== undefined ? { variant: ctx.variant } : {}),
    });
  switch (p.model) {
    case "gbm": {
      const d = defaultGbmPriceModel();
      return {
        model: {
          ...d,
          ...compact({
            s0: p.startPriceUSD,
            muPerYear: p.driftPerYear,
            driftConvention: p.driftConvention,
            sigmaCalm: p.volCalmAnnual,
            sigmaStressed: p.volStressedAnnual,
            calmToStressedPerYear: p.calmToStressedPerYear,
            stressedToCalmPerYear: p.stressedToCalmPerYear,
            jumpRateCalmPerYear: p.jumpRateCalmPerYear,
            jumpRateStressedPerYear: p.jumpRateStressedPerYear,
            jumpMeanLog: p.jumpMeanLog,
            jumpSdLog: p.jumpSdLog,
            crashRatePerYear: p.crashRatePerYear,
            crashLogSize: p.crashPct !== undefined ? Math.log1p(p.crashPct / 100) : undefined,
            initialRegime: p.initialRegime,
          }),
        },
        shocks,
      };
    }
    case "bootstrap": {
      const { series, ref } = read(p.csv);
      const logReturns = withCsv(() => dailyLogReturns(series, p.fromDate, p.toDate), ref);
      if (logReturns.length < p.blockDays) {
        throw new ScenarioError([
          issueAt(
            ctx,
            ["market", "price", "blockDays"],
            `a block of ${p.blockDays} days is longer than the ${logReturns.length} daily returns of ${ref.display}` +
              (p.fromDate !== undefined || p.toDate !== undefined ? " between fromDate and toDate" : ""),
          ),
        ]);
      }
      return {
        model: {
          kind: "bootstrap",
          s0: p.startPriceUSD ?? defaultGbmPriceModel().s0,
          logReturns,
          blockLengthDays: p.blockDays,
          logDriftPerYear: p.logDriftPerYear ?? null,
        },
        shocks,
      };
    }
    case "fixed": {
      const { series, ref } = read(p.csv);
      // Prices for days 0 … horizonDays − 1: every daily tick of the path (plan.ts).
      const prices = withCsv(() => fixedPricePath(series, start, horizonDays - 1), ref);
      return { model: { kind: "fixed", prices }, shocks: [] };
    }
  }
}

function eventsOf(s: Scenario, start: string): HashrateEvent[] | undefined {
  return s.network?.events?.map((e) => ({
    label: e.label,
    startDay: dayIndexFromIso(start, e.date),
    shareOffline: e.shareOffline,
    ...compact({
      rampDownDays: e.rampDownDays,
      endDay: e.endDate !== undefined ? dayIndexFromIso(start, e.endDate) : undefined,
      rampBackDays: e.rampBackDays,
      permanent: e.permanent,
    }),
  }));
}

function nonEmpty<T extends object>(o: T): T | undefined {
  return Object.keys(o).length > 0 ? o : undefined;
}

/** The scenario's keys as options of defaultModelPlan (custom miners are not among them). */
function planOptions(s: Scenario, ctx: CompileContext): { options: DefaultModelPlanOptions; customs: MinerEntry[] } {
  const d = modelDefaults();
  const start = s.start ?? d.startDate;
  const horizonDate = s.horizonDate ?? d.horizonDate;
  const horizonDays = dayIndexFromIso(start, horizonDate) + 1;
  const price = priceOf(s, start, horizonDays, ctx);

  const m = s.market;
  const fees: Partial<FeePlan> | undefined =
    m?.fees !== undefined
      ? compact({
          meanBtc: m.fees.meanBTC,
          sigmaLog: m.fees.sigmaLog,
          drawIntervalDays: m.fees.drawEveryDays,
          spikeRatePerYear: m.fees.spikeRatePerYear,
          spikeDurationDays: m.fees.spikeDurationDays,
          spikeMeanBtc: m.fees.spikeMeanBTC,
          spikeSigmaLog: m.fees.spikeSigmaLog,
        })
      : undefined;
  const aiLease: Partial<AiLeasePlan> | undefined =
    m?.aiLease !== undefined
      ? compact({
          coloUsdPerItMwYear: m.aiLease.coloUSDPerITMWYear,
          gpuUsdPerItMwYear: m.aiLease.gpuUSDPerITMWYear,
          driftPerYear: m.aiLease.driftPerYear,
          noiseSigmaPerYear: m.aiLease.noiseSigmaPerYear,
          updateIntervalDays: m.aiLease.updateEveryDays,
        })
      : undefined;
  const powerPeaks: Partial<Omit<PowerPeakPlan, "startDate" | "horizonDays">> | undefined =
    m?.powerPeaks !== undefined
      ? compact({
          enabled: m.powerPeaks.enabled,
          months: m.powerPeaks.months,
          peakHoursPerMonth: m.powerPeaks.peakHoursPerMonth,
          windowStartHour: m.powerPeaks.windowStartHour,
          windowHours: m.powerPeaks.windowHours,
          peakPriceUsdPerMwh: m.powerPeaks.priceUSDPerMWh,
          fourCp: m.powerPeaks.fourCp,
        })
      : undefined;

  const n = s.network;
  const lag = n?.lag !== undefined ? compact({ tauDownDays: n.lag.downDays, tauUpDays: n.lag.upDays }) : undefined;
  const gr = n?.growth;
  const growth =
    gr !== undefined
      ? compact({
          enabled: gr.enabled,
          intervalDays: gr.everyDays,
          frontierJPerTh: gr.frontierJPerTH,
          frontierImprovementPerYear: gr.frontierImprovementPerYear,
          newBuildPowerCostLo: gr.newBuildPowerCostMinUSDPerMWh,
          newBuildPowerCostHi: gr.newBuildPowerCostMaxUSDPerMWh,
          asicUsdPerTh: gr.asicUSDPerTH,
          siteCapexUsdPerMw: gr.siteCapexUSDPerMW,
          hurdlePaybackDays: gr.hurdlePaybackDays,
          buildRateMwPerMonth: gr.buildRateMWPerMonth,
          installLagMinDays: gr.installLagMinDays,
          installLagMaxDays: gr.installLagMaxDays,
          retireAfterDays: gr.retireAfterDays,
        })
      : undefined;
  const events = eventsOf(s, start);
  const fleet = nonEmpty(compact({ lag, growth, events }));

  const ec = s.economics;
  const economics: Partial<MinerEconomics> | undefined =
    ec !== undefined
      ? compact({
          itPerGross: ec.itPerGross,
          ersUsdPerMwYr: ec.ersUSDPerMWYear,
          fourCpUsdPerMwYr: ec.fourCpUSDPerMWYear,
          otherOpexUsdPerMwh: ec.otherOpexUSDPerMWh,
          hazardHyperscalerPerYr: ec.hazardHyperscalerPerYear,
          hazardNeocloudPerYr: ec.hazardNeocloudPerYear,
          releaseDiscount: ec.releaseDiscount,
          releaseDelayDays: ec.releaseDelayDays,
          slipProbability: ec.slipProbability,
          slipMinMonths: ec.slipMinMonths,
          slipMaxMonths: ec.slipMaxMonths,
          remineFacilityUsdPerMw: ec.remineFacilityUSDPerMW,
          asicUsdPerTh: ec.asicUSDPerTH,
          remineDays: ec.remineDays,
        })
      : undefined;
  const bh = s.behaviour;
  const behaviour: Partial<MinerBehaviourDefaults> | undefined =
    bh !== undefined
      ? compact({
          aiSuitableShare: bh.aiSuitableShare,
          buildRateMwPerYr: bh.buildRateMWPerYear,
          budgetBurstDays: bh.budgetBurstDays,
          minConversionBlockMw: bh.minConversionBlockMW,
          thresholdDays: bh.thresholdDays,
          trailingDays: bh.trailingDays,
          flipWindowDays: bh.flipWindowDays,
          discountRate: bh.discountRatePerYear,
        })
      : undefined;
  const switches: Partial<ModelSwitches> | undefined = nonEmpty(
    compact({
      minerSeries: s.output?.minerSeries,
      marketLeaseRates: s.switches?.marketLeaseRates,
      drEventsInPeakWindows: s.switches?.drEventsInPeakWindows,
    }),
  );

  // Named miners: bundled ones by id with overrides; custom ones are compiled later.
  const entries = enabledMiners(s);
  const customs: MinerEntry[] = [];
  let miners: DefaultModelPlanOptions["miners"];
  let minerOverrides: Record<string, MinerOverrides> | undefined;
  if (entries !== undefined) {
    const ids: string[] = [];
    for (const e of entries) {
      const profile = profileOf(e.item);
      if (profile === undefined) {
        customs.push(e);
        continue;
      }
      ids.push(profile.id);
      const o = minerOverridesOf(e.item, profile);
      if (Object.keys(o).length > 0) (minerOverrides ??= {})[profile.id] = o;
    }
    miners = ids;
  }

  // The network at the start: the fleet runs the rest (defaultModelPlan), custom miners
  // included, so their hashrate is taken out of what defaultModelPlan sees.
  const networkEh = n?.initialHashrateEH ?? DEFAULT_NETWORK.initialHashrateEh;
  const namedEh =
    entries === undefined ? PROFILES.reduce((sum, p) => sum + p.miningMw / p.jPerTh, 0) : entries.reduce((sum, e) => sum + minerStartEh(e.item), 0);
  if (namedEh > networkEh) {
    throw new ScenarioError([
      issueAt(
        ctx,
        n?.initialHashrateEH !== undefined || entries === undefined ? ["network", "initialHashrateEH"] : ["miners"],
        `the named miners run ${namedEh.toFixed(1)} EH/s at the start (Σ powerMW ÷ jPerTH), more than the network's ` +
          `initialHashrateEH of ${networkEh} EH/s; the network fleet would be negative`,
      ),
    ]);
  }
  const customEh = customs.reduce((sum, e) => sum + minerStartEh(e.item), 0);
  const initialHashrateEh = customs.length > 0 ? networkEh - customEh : n?.initialHashrateEH;

  const options: DefaultModelPlanOptions = compact({
    miners,
    horizonDate: s.horizonDate,
    initialHashrateEh,
    exitSpeed: s.exitSpeed,
    decisionEveryDays: s.decisionEveryDays,
    gridEveryDays: s.output?.gridEveryDays,
    engineMode: s.engine,
    price,
    fees: fees !== undefined ? nonEmpty(fees) : undefined,
    aiLease: aiLease !== undefined ? nonEmpty(aiLease) : undefined,
    powerPeaks: powerPeaks !== undefined ? nonEmpty(powerPeaks) : undefined,
    fleet,
    minerOverrides,
    economics: economics !== undefined ? nonEmpty(economics) : undefined,
    behaviour: behaviour !== undefined ? nonEmpty(behaviour) : undefined,
    switches,
  });
  return { options, customs };
}

function errorContext(s: Scenario, planMinerIds: readonly string[]): ModelErrorContext {
  const list = s.miners === undefined || s.miners === "all" ? [] : s.miners;
  const minerIndexById = new Map(list.map((m, i) => [m.id, i] as const));
  return {
    minerIndexById,
    planMinerIds,
    contractIndex: (minerId, contractId) => {
      const i = minerIndexById.get(minerId);
      const j = i === undefined ? -1 : (list[i]?.contracts ?? []).findIndex((c) => c.id === contractId);
      return j >= 0 ? j : undefined;
    },
    priceModel: s.market?.price?.model,
  };
}

/** Runs `fn`, turning a model RangeError into a located ScenarioError. */
function modelStep<T>(s: Scenario, ctx: CompileContext, planMinerIds: readonly string[], fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    const where = locateModelError(err.message, errorContext(s, planMinerIds));
    const message = `the model rejects this: ${err.message}${where.hint !== undefined ? ` (${where.hint})` : ""}`;
    throw new ScenarioError([issueAt(ctx, where.path, message)]);
  }
}

/** Compiles validated scenario data (see the module comment). */
function compileData(s: Scenario, ctx: CompileContext): CompiledScenario {
  const { options, customs } = planOptions(s, ctx);
  const bundledIds = options.miners === undefined || options.miners === "all" ? PROFILES.map((p) => p.id) : options.miners;
  const base = modelStep(s, ctx, bundledIds, () => defaultModelPlan(options));
  let plan = base;
  if (customs.length > 0) {
    const specById = new Map<string, MinerSpec>(base.miners.map((spec) => [spec.id, spec]));
    for (const c of customs) {
      const { profile, overrides } = customProfileOf(c.item);
      const spec = modelStep(s, ctx, bundledIds, () =>
        compileMinerSpec(profile, {
          startDate: base.startDate,
          exitSpeed: base.exitSpeed,
          ...(options.economics !== undefined ? { economics: options.economics } : {}),
          ...(options.behaviour !== undefined ? { behaviour: options.behaviour } : {}),
          overrides,
        }),
      );
      specById.set(spec.id, spec);
    }
    // Scenario order: the list as written (enabled items only).
    const miners = (enabledMiners(s) ?? [])
      .map((e) => specById.get(e.item.id))
      .filter((x): x is MinerSpec => x !== undefined);
    plan = { ...base, miners };
    const ids = miners.map((x) => x.id);
    modelStep(s, ctx, ids, () => validateModelPlan(plan));
  }
  return {
    file: ctx.file,
    name: s.name,
    description: s.description,
    seed: s.seed,
    paths: s.paths,
    plan,
    options,
  };
}

/**
 * Compiles a loaded scenario (without its sweep) to the model's plan. Throws a
 * {@link ScenarioError} located in the scenario for problems only the compiler or the
 * model can see (unreadable CSV files, a start price the fleet calibration cannot take, …).
 */
export function compileScenario(loaded: LoadedModelScenario, options: CompileScenarioOptions = {}): CompiledScenario {
  return compileData(loaded.scenario as Scenario, {
    file: loaded.file,
    provenance: loaded.provenance,
    variant: undefined,
    options,
    cache: options.priceCache ?? new Map(),
  });
}

/**
 * The provenance of a sweep variant: the base file's, with each swept key pointing at the
 * sweep entry that set its value (as the sweep's own validation does), so that compile
 * errors and relative CSV paths of a variant are located at the sweep entry.
 */
function variantProvenance(loaded: LoadedModelScenario, v: SweepVariant<Scenario>): Provenance {
  let prov = loaded.provenance;
  for (const key of loaded.sweep?.keys ?? []) {
    const i = key.values.indexOf(v.overrides[key.key]);
    if (i < 0) continue;
    prov = prov.withOverride(key.path, loaded.provenance.resolve(["sweep", key.block, key.key, i]));
  }
  return prov;
}

/**
 * Every variant of a loaded scenario, compiled (one named `base` without a sweep). Each
 * variant's `seed` is the scenario's seed as that variant runs it ({@link variantSeed}).
 * Problems of all variants are collected into one ScenarioError, each naming its variant.
 */
export function compileSweep(loaded: LoadedModelScenario, options: CompileScenarioOptions = {}): CompiledVariant[] {
  const variants: SweepVariant<Scenario>[] = expandSweep(loaded) as SweepVariant<Scenario>[];
  const cache = options.priceCache ?? new Map<string, DailyPriceSeries>();
  const issues: ScenarioIssue[] = [];
  const out: CompiledVariant[] = [];
  for (const v of variants) {
    try {
      const c = compileData(v.scenario as Scenario, {
        file: loaded.file,
        provenance: variantProvenance(loaded, v),
        variant: loaded.sweep === undefined ? undefined : v.name,
        options,
        cache,
      });
      out.push({
        ...c,
        seed: c.seed !== undefined ? variantSeed(c.seed, v) : undefined,
        variant: v.name,
        index: v.index,
        overrides: v.overrides,
        changedPaths: v.changedPaths,
        commonRandomNumbers: v.commonRandomNumbers,
      });
    } catch (err) {
      if (!(err instanceof ScenarioError)) throw err;
      issues.push(...err.issues);
    }
  }
  if (issues.length > 0) throw new ScenarioError(issues);
  return out;
}

/**
 * Loads a scenario file with the model's schema and compiles it and every variant of its
 * sweep. Throws a {@link ScenarioError} listing every problem found.
 */
export function loadAndCompile(file: string, options: LoadScenarioOptions & CompileScenarioOptions = {}): CompiledScenarioFile {
  const loaded = loadScenario(file, ScenarioSchema, options);
  const cache = options.priceCache ?? new Map<string, DailyPriceSeries>();
  const base = compileScenario(loaded, { ...options, priceCache: cache });
  if (loaded.sweep === undefined) {
    const only: CompiledVariant = { ...base, variant: "base", index: 0, overrides: {}, changedPaths: [], commonRandomNumbers: true };
    return { loaded, base, variants: [only] };
  }
  return { loaded, base, variants: compileSweep(loaded, { ...options, priceCache: cache }) };
}
