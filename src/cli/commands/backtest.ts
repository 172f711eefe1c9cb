/**
 * `exodus backtest`: runs the model against real history (src/backtest).
 *
 *     exodus backtest --prices ../shared/data/btc_usd_daily_2012_2022.csv \
 *       --difficulty ../shared/data/btc_difficulty_epochs_2009_2022.csv \
 *       --from 2019-01-01 --to 2022-12-31 --paths 200 --seed 1 -o results/backtest-2019-2022
 *     exodus backtest ... --from 2016-01-01 --to 2018-12-31 --paths 20 --seed fit --fit --fit-elasticity   # the growth-rule fit
 *
 * Data files are read from the paths given (the project ships none). Writes
 * backtest.csv, backtest.json, backtest.svg and report.html (the actual line over the
 * simulated fan; also `exodus report <folder>`) into `--out` (default
 * results/backtest-<from>-<to>; written atomically, an existing folder replaced only with
 * `--force`), prints the summary and the exact-replay count (stdout;
 * `--json`: the JSON document). `--fit` runs the documented fit of the growth rule on the
 * window instead (fitMarginGrowth.ts, with `--fit-elasticity` also the elasticity of the
 * hashprice-indexed ASIC price, with `--fit-cap` also the absolute build-rate cap; fitBuildRate.ts when the scenario selects growth.mode
 * "fixedRate"). Exit codes: 0 ok; 2 bad input (unreadable or invalid file, bad option); 1 other
 * failures.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { InvalidArgumentError, type Command } from "commander";

interface BacktestOptions {
  readonly prices: string;
  readonly difficulty: string;
  readonly from: string;
  readonly to: string;
  readonly scenario?: string;
  readonly paths: number;
  readonly seed: string;
  readonly out?: string;
  readonly force?: boolean;
  readonly fit?: boolean;
  readonly fitElasticity?: boolean;
  readonly fitCap?: boolean;
  readonly events?: boolean;
  readonly json?: boolean;
  readonly quiet?: boolean;
}

function positive(text: string): number {
  if (!/^\d+$/.test(text.trim()) || !(Number(text) >= 1) || !Number.isSafeInteger(Number(text))) {
    throw new InvalidArgumentError(`must be a positive integer, got "${text}"`);
  }
  return Number(text);
}

function isoDate(text: string): string {
  // Date.parse rolls 2021-02-30 over to 2021-03-02: a day that is not in the calendar is refused here.
  const ms = Date.parse(`${text}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text) {
    throw new InvalidArgumentError(`must be a date YYYY-MM-DD, got "${text}"`);
  }
  return text;
}

function seedText(text: string): string {
  if (text.length === 0) throw new InvalidArgumentError("seed must not be empty");
  return text;
}

/** Registers `backtest` on the program. */
export function registerBacktest(program: Command): void {
  const cmd = program
    .command("backtest")
    .description("simulate a past window from the actual state and prices; compare difficulty per epoch with history")
    .requiredOption("--prices <csv>", "daily prices, date,btc_usd (the fixed price path)")
    .requiredOption("--difficulty <csv>", "difficulty epochs (columns of btc_difficulty_epochs_2009_2022.csv)")
    .requiredOption("--from <date>", "first day (00:00 UTC), YYYY-MM-DD", isoDate)
    .requiredOption("--to <date>", "last day compared, YYYY-MM-DD", isoDate)
    .option("--scenario <file>", "backtest scenario JSON (fleetMix, events, growth, lag, powerCost, feeShareOfReward, prior, orderBook)")
    .option("--no-events", "declare no exogenous events (default: the declared 2019–2022 events overlapping the window)")
    .option("-n, --paths <n>", "paths", positive, 200)
    .option("-s, --seed <seed>", "seed (text)", seedText, "1")
    .option("-o, --out <dir>", "output folder (default results/backtest-<from>-<to>)")
    .option("--force", "replace an existing backtest folder at --out")
    .option("--fit", "fit the growth rule on this window (documented procedure: fitMarginGrowth, or fitBuildRate with growth.mode \"fixedRate\") instead of a backtest")
    .option("--fit-elasticity", "with --fit: fit the elasticity of the hashprice-indexed ASIC price too (fitMarginGrowth fitElasticity)")
    .option("--fit-cap", "with --fit: fit the absolute build-rate cap (MW/month) of the margin rule too (fitMarginGrowth fitCap)")
    .option("--json", "print the JSON document on stdout")
    .option("-q, --quiet", "print nothing on success")
    .action(async (opts: BacktestOptions) => {
      const bt = await import("../../backtest/index.js");
      const { parseDailyPriceCsv, DailyPriceCsvError } = await import("../../model/market/index.js");
      const bad = (msg: string): never => cmd.showHelpAfterError(false).error(`exodus backtest: ${msg}`, { exitCode: 2, code: "exodus.badInput" });
      const read = (path: string): string => {
        try {
          return readFileSync(path, "utf8");
        } catch (err) {
          return bad(`cannot read ${path}: ${(err as Error).message}`);
        }
      };
      const out = opts.out ?? join("results", `backtest-${opts.from}-${opts.to}`);
      const { checkOutputLocation, refuseExisting, writeFolderAtomic, ResultError } = await import("../../results/index.js");
      const { writeFileSynced } = await import("../../montecarlo/index.js");
      let input;
      try {
        const epochs = bt.parseDifficultyEpochCsv(read(opts.difficulty), opts.difficulty);
        const prices = parseDailyPriceCsv(read(opts.prices), opts.prices);
        const fileScenario = opts.scenario === undefined ? {} : bt.parseBacktestScenario(read(opts.scenario), opts.scenario);
        const scenario = opts.events === false ? { ...fileScenario, events: [] } : fileScenario;
        input = { epochs, prices, from: opts.from, to: opts.to, scenario };
        if (opts.fit === true && scenario.growth?.mode !== "fixedRate") {
          const fit = bt.fitMarginGrowth({ input, paths: opts.paths, seed: opts.seed, fitElasticity: opts.fitElasticity === true, fitCap: opts.fitCap === true });
          if (opts.json === true) process.stdout.write(JSON.stringify(fit, null, 2) + "\n");
          else if (opts.quiet !== true) {
            for (const p of fit.evaluated) {
              process.stdout.write(`growth ${p.marginGrowthPerYear.toFixed(4)}/yr, hurdle ${p.hurdlePaybackDays.toFixed(2)} d, ASIC elasticity ${p.asicPriceElasticity.toFixed(4)}${opts.fitCap === true ? `, cap ${p.marginCapMwPerMonth.toFixed(2)} MW/month` : ""}: MAPE ${(100 * p.mapeMedian).toFixed(2)}%\n`);
            }
            const b = fit.best;
            process.stdout.write(`best: growth ${b.marginGrowthPerYear.toPrecision(17)}/yr, hurdle ${b.hurdlePaybackDays.toPrecision(17)} days, ASIC elasticity ${b.asicPriceElasticity.toPrecision(17)}${opts.fitCap === true ? `, cap ${b.marginCapMwPerMonth.toPrecision(17)} MW/month` : ""} (in-sample MAPE ${(100 * b.mapeMedian).toFixed(2)}%)\n`);
            for (const y of fit.years) {
              process.stdout.write(`  ${y.from} → ${y.to}: growth ${y.marginGrowthPerYear.toPrecision(6)}/yr${y.asicPriceElasticity === undefined ? "" : `, ASIC elasticity ${y.asicPriceElasticity.toPrecision(6)}`}${y.marginCapMwPerMonth === undefined ? "" : `, cap ${y.marginCapMwPerMonth.toPrecision(6)} MW/month`} (MAPE ${(100 * y.mapeMedian).toFixed(2)}%)\n`);
            }
            process.stdout.write(`prior width (sd of ln growth over the years): ${fit.growthLogSd.toPrecision(17)}\n`);
            if (opts.fitElasticity === true) process.stdout.write(`prior width (sd of the ASIC elasticity over the years): ${fit.elasticitySd.toPrecision(17)}\n`);
            if (opts.fitCap === true) process.stdout.write(`prior width (sd of ln cap over the years): ${fit.capLogSd.toPrecision(17)}\n`);
          }
          return;
        }
        if (opts.fit === true) {
          const fit = bt.fitBuildRate({ input, paths: opts.paths, seed: opts.seed });
          if (opts.json === true) process.stdout.write(JSON.stringify(fit, null, 2) + "\n");
          else if (opts.quiet !== true) {
            for (const p of fit.evaluated) process.stdout.write(`build rate ${p.buildRateMwPerMonth.toFixed(3)} MW/month: MAPE ${(100 * p.mapeMedian).toFixed(2)}%\n`);
            process.stdout.write(`best: ${fit.best.buildRateMwPerMonth.toFixed(3)} MW/month (MAPE ${(100 * fit.best.mapeMedian).toFixed(2)}%)\n`);
          }
          return;
        }
        // Before the run, as `run` does: an existing folder only with --force (and then only
        // a result folder), and the folder must be creatable (ResultError: exit 2 below).
        refuseExisting(resolve(out), opts.force);
        checkOutputLocation(out, "backtest folder");
        const bp = bt.buildBacktestPlan(input);
        const replay = bt.exactReplay(epochs);
        if (opts.quiet !== true && opts.json !== true) process.stderr.write(`exodus backtest: seed ${opts.seed}, ${opts.paths} paths\n`);
        const result = bt.runBacktest(bp, epochs, opts.paths, opts.seed);
        const json = bt.backtestJson(bp, result, replay, { files: { prices: opts.prices, difficulty: opts.difficulty, scenario: opts.scenario ?? null } });
        const { renderBacktestReport, REPORT_FILE } = await import("../../report/index.js");
        // Written as run folders are (results/atomic-folder.ts): into a temporary folder
        // beside `out`, renamed into place at the end; an error leaves `out` as it was.
        await writeFolderAtomic(
          out,
          async (dir) => {
            await writeFileSynced(join(dir, "backtest.csv"), bt.backtestCsv(result.rows));
            await writeFileSynced(join(dir, "backtest.svg"), bt.backtestSvg(result, `Backtest ${opts.from} → ${opts.to}: difficulty, actual vs simulated`));
            await writeFileSynced(join(dir, REPORT_FILE), renderBacktestReport(bt.parseBacktestDocument(json, join(out, bt.BACKTEST_FILE)), out).html);
            // Last: backtest.json marks a finished backtest folder (what --force may replace).
            await writeFileSynced(join(dir, bt.BACKTEST_FILE), json);
          },
          { force: opts.force === true },
        );
        if (opts.json === true) process.stdout.write(json);
        else if (opts.quiet !== true) {
          const s = result.summary;
          process.stdout.write(
            `exact replay: ${replay.matched}/${replay.checked} retargets reproduce the next nBits\n` +
              `epochs compared: ${s.epochsCompared}\n` +
              `MAPE of the median: ${(100 * s.mapeMedian).toFixed(2)}%\n` +
              `coverage: 50% band ${(100 * s.coverage50).toFixed(1)}%, 90% band ${(100 * s.coverage90).toFixed(1)}%\n` +
              `mean bias: ${(100 * s.meanBias).toFixed(2)}%\n` +
              `naive baselines: persistence MAPE ${(100 * result.baselines.persistence.mapeMedian).toFixed(2)}%, ` +
              `trend of the year before (${(100 * result.baselines.trend.growthPerEpoch).toFixed(2)}%/epoch) MAPE ${(100 * result.baselines.trend.mapeMedian).toFixed(2)}%\n` +
              result.byYear
                .map(({ year, summary: y }) => `  ${year}: ${y.epochsCompared} epochs, MAPE ${(100 * y.mapeMedian).toFixed(1)}%, 50% band ${(100 * y.coverage50).toFixed(1)}%, 90% band ${(100 * y.coverage90).toFixed(1)}%, bias ${(100 * y.meanBias).toFixed(1)}%\n`)
                .join("") +
              `growth rule: ${bp.growth.mode === "margin" ? `margin, κ ${bp.growth.marginGrowthPerYear}/yr, hurdle ${bp.growth.hurdlePaybackDays.toFixed(2)} days, ASIC elasticity ${bp.growth.asicPriceElasticity ?? 0}${bp.growth.marginCapMwPerMonth === undefined ? "" : `, cap ${bp.growth.marginCapMwPerMonth} MW/month`}` : `fixed rate, ${bp.growth.buildRateMwPerMonth.toFixed(3)} MW/month`}; ` +
              `per-path prior sd(ln rate) ${bp.prior.growthLogSd.toFixed(4)}, sd(ln hurdle) ${bp.prior.hurdleLogSd.toFixed(4)}, sd(ASIC elasticity) ${(bp.prior.elasticitySd ?? 0).toFixed(4)}${bp.prior.capLogSd === undefined ? "" : `, sd(ln cap) ${bp.prior.capLogSd.toFixed(4)}`}\n` +
              `order book at the start: ${bt.orderBookText(bt.orderBookInput(bp))}\n` +
              `events (inputs): ${bp.events.length === 0 ? "none" : bp.events.map((e) => e.label).join("; ")}\n` +
              `wrote ${join(out, "backtest.csv")}, backtest.json, backtest.svg, ${REPORT_FILE}\n`,
          );
        }
      } catch (err) {
        if (err instanceof RangeError && /Invalid typed array length|Array buffer allocation failed/.test(err.message)) {
          bad(`--paths ${opts.paths}: too many paths to hold in memory (${err.message})`);
        }
        if (err instanceof bt.BacktestCsvError || err instanceof DailyPriceCsvError || err instanceof RangeError || err instanceof ResultError) bad((err as Error).message);
        throw err;
      }
    });
}
