/**
 * Bad input on the command line, as main() runs it (README "Commands": exit code 2, a
 * message that names the file, the key and the problem, no stack trace, nothing
 * half-written left behind): result files that exist but cannot be read (a folder where a
 * file should be, no permission), outputs whose parent is a file, `--force` pointed at
 * something that is not a result folder, and dates that are not in the calendar.
 * Uses the golden scenario (network only, short horizon) with a few paths.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pathCount, workerCount } from "../../src/cli/commands/run-common.js";
import { MAX_WORKERS } from "../../src/montecarlo/index.js";
import { MAX_PATHS } from "../../src/scenario/index.js";
import { DIFFICULTY_PATH, PRICES_PATH } from "../backtest/data.js";
import { copyRunFolder, GOLDEN_SCENARIO, goldenRunAndShards, runMain, tempRoot } from "../api/helpers.js";

const SCENARIO = GOLDEN_SCENARIO;
const { root, cleanup } = tempRoot("cli-bad-input-");
afterAll(cleanup);

const cli = runMain;

/** Bad input: exit 2, the message contains each of `parts`, no stack trace. */
function expectBadInput(r: { code: number; stderr: string }, ...parts: string[]): void {
  expect(r.code, r.stderr).toBe(2);
  for (const p of parts) expect(r.stderr).toContain(p);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

const copyRun = copyRunFolder;

/** Replaces the file `name` of folder `dir` by an empty folder of that name. */
function folderInsteadOf(dir: string, name: string): void {
  rmSync(join(dir, name));
  mkdirSync(join(dir, name));
}

let run = "";
let shard1 = "";
let shard2 = "";
const aFile = join(root, "a-file.txt");
const small = ["--paths", "64", "--workers", "0", "--quiet", "--no-report"];

beforeAll(async () => {
  ({ run, shard1, shard2 } = await goldenRunAndShards(root));
  writeFileSync(aFile, "not a result\n");
});

describe("result files that exist but cannot be read", () => {
  it("a folder where manifest.json should be: report, compare, replay exit 2 naming the file", async () => {
    const bad = copyRun(run, join(root, "manifest-is-a-folder"));
    folderInsteadOf(bad, "manifest.json");
    const file = join(bad, "manifest.json");
    expectBadInput(await cli(["report", bad, "--quiet"]), file, "it is a folder, not a file");
    expectBadInput(await cli(["compare", run, bad, "--csv", join(root, "c1.csv"), "--workers", "0", "--quiet"]), file, "it is a folder");
    expectBadInput(await cli(["replay", bad, "1"]), file, "it is a folder");
    expect(existsSync(join(root, "c1.csv"))).toBe(false);
  });

  it("report on a backtest folder whose backtest.json is a folder, or has a field of the wrong kind: exit 2 naming the file and the key", async () => {
    const asFolder = join(root, "backtest-json-is-a-folder");
    mkdirSync(join(asFolder, "backtest.json"), { recursive: true });
    expectBadInput(await cli(["report", asFolder, "--quiet"]), join(asFolder, "backtest.json"), "it is a folder, not a file");
    const edited = join(root, "backtest-json-edited");
    mkdirSync(edited);
    const doc = { version: 3, from: "2021-01-01", to: "2021-02-15", paths: 2, seed: "s", summary: { epochsCompared: 1, mapeMedian: 0.1, coverage50: 1, coverage90: 1, meanBias: 0 }, exactReplay: { checked: 1, matched: 1 }, inputs: { growth: {}, events: [] }, rows: [{ slot: "zero" }] };
    writeFileSync(join(edited, "backtest.json"), JSON.stringify(doc));
    expectBadInput(await cli(["report", edited, "--quiet"]), join(edited, "backtest.json"), "rows[0].slot: expected a number");
    expect(readdirSync(edited)).toEqual(["backtest.json"]);
  });

  it("a folder where series.csv should be: exit 2 naming series.csv", async () => {
    const bad = copyRun(run, join(root, "series-is-a-folder"));
    folderInsteadOf(bad, "series.csv");
    expectBadInput(await cli(["report", bad, "--quiet"]), join(bad, "series.csv"), "cannot be read");
  });

  it("a folder where a shard's aggregate.hxagg should be: merge exits 2 and writes nothing", async () => {
    const bad = copyRun(shard2, join(root, "aggregate-is-a-folder"));
    folderInsteadOf(bad, "aggregate.hxagg");
    const out = join(root, "merged-bad");
    expectBadInput(await cli(["merge", shard1, bad, "--out", out, "--quiet"]), join(bad, "aggregate.hxagg"), "cannot be read");
    expect(existsSync(out)).toBe(false);
  });

  it("a file given as a run folder: compare and report exit 2 saying it is a file", async () => {
    expectBadInput(await cli(["compare", run, aFile, "--csv", join(root, "c2.csv"), "--workers", "0", "--quiet"]), aFile, "is a file");
    expectBadInput(await cli(["report", aFile, "--quiet"]), aFile, "is a file");
  });

  it.skipIf(process.getuid?.() === 0)("a manifest.json without read permission: exit 2 naming it (not as root, who reads anything)", async () => {
    const bad = copyRun(run, join(root, "manifest-unreadable"));
    chmodSync(join(bad, "manifest.json"), 0o000);
    expectBadInput(await cli(["compare", run, bad, "--csv", join(root, "c3.csv"), "--workers", "0", "--quiet"]), join(bad, "manifest.json"), "EACCES");
  });
});

describe("--force replaces only a result folder", () => {
  it("run and sweep --force into a folder of other files: exit 2, the files are kept", async () => {
    const other = join(root, "my-documents");
    mkdirSync(other);
    writeFileSync(join(other, "thesis.tex"), "keep me\n");
    for (const cmd of ["run", "sweep"]) {
      expectBadInput(await cli([cmd, SCENARIO, "--out", other, "--force", ...small]), other, "is not a result folder");
      expect(readFileSync(join(other, "thesis.tex"), "utf8")).toBe("keep me\n");
      expect(readdirSync(root).filter((n) => n.startsWith(".my-documents"))).toEqual([]);
    }
  });

  it("a folder whose manifest.json is not exodus's (a web app's, or not JSON): run --force exits 2, the files are kept", async () => {
    const app = join(root, "web-app");
    mkdirSync(app);
    const manifest = JSON.stringify({ name: "My app", start_url: "/", display: "standalone" });
    writeFileSync(join(app, "manifest.json"), manifest);
    writeFileSync(join(app, "index.html"), "<!doctype html>\n");
    expectBadInput(await cli(["run", SCENARIO, "--out", app, "--force", ...small]), app, "is not a result folder", 'its manifest.json has schema null, not "hashrate-exodus/run-manifest"');
    expect(readFileSync(join(app, "manifest.json"), "utf8")).toBe(manifest);
    expect(readdirSync(app).sort()).toEqual(["index.html", "manifest.json"]);
    writeFileSync(join(app, "manifest.json"), "{ not json");
    writeFileSync(join(app, "sweep.json"), JSON.stringify({ schema: "someone-else/sweep" }));
    expectBadInput(await cli(["sweep", SCENARIO, "--out", app, "--force", ...small]), app, "its manifest.json is not JSON", 'its sweep.json has schema "someone-else/sweep"');
    expect(readdirSync(app).sort()).toEqual(["index.html", "manifest.json", "sweep.json"]);
  });

  it("a backtest.json that is not exodus's does not make a result folder; a stale <out>.partial holding a foreign manifest.json is kept", async () => {
    const other = join(root, "other-backtest");
    mkdirSync(other);
    writeFileSync(join(other, "backtest.json"), JSON.stringify({ version: 1, note: "someone else's" }));
    expectBadInput(await cli(["run", SCENARIO, "--out", other, "--force", ...small]), other, "its backtest.json lacks the fields");
    expect(readdirSync(other)).toEqual(["backtest.json"]);
    const out = join(root, "sweep-with-foreign-staging");
    const app = join(`${out}.partial`, "web-app");
    mkdirSync(app, { recursive: true });
    writeFileSync(join(app, "manifest.json"), JSON.stringify({ name: "My app" }));
    expectBadInput(await cli(["sweep", SCENARIO, "--out", out, "--force", ...small]), app, "exodus did not write there");
    expect(readdirSync(app)).toEqual(["manifest.json"]);
    expect(existsSync(out)).toBe(false);
  });

  it("--force replaces exodus's own folders of every kind: a sweep, a merged run, a shard", async () => {
    const sweep = join(root, "sweep-again");
    expect((await cli(["sweep", SCENARIO, "--out", sweep, ...small])).code).toBe(0);
    expect((await cli(["sweep", SCENARIO, "--out", sweep, "--force", ...small])).code).toBe(0);
    const merged = join(root, "merged-again");
    expect((await cli(["merge", shard1, shard2, "--out", merged, "--quiet"])).code).toBe(0);
    expect((await cli(["merge", shard1, shard2, "--out", merged, "--force", "--quiet"])).code).toBe(0);
    const shard = copyRun(shard1, join(root, "shard-again"));
    expect((await cli(["run", SCENARIO, "--out", shard, "--force", ...small])).code).toBe(0);
    expect(existsSync(join(shard, "manifest.json"))).toBe(true);
  });

  it("run --force onto a file: exit 2, the file is kept", async () => {
    expectBadInput(await cli(["run", SCENARIO, "--out", aFile, "--force", ...small]), aFile, "is a file, not a result folder");
    expect(readFileSync(aFile, "utf8")).toBe("not a result\n");
  });

  it("compare --csv <folder> --force: exit 2, the folder is kept", async () => {
    const folder = join(root, "csv-folder");
    mkdirSync(folder);
    expectBadInput(await cli(["compare", run, run, "--csv", folder, "--force", "--workers", "0", "--quiet"]), folder, "is a folder, not a file");
    expect(existsSync(folder)).toBe(true);
  });

  it("run --force onto a result folder and onto an empty folder still replaces it", async () => {
    const again = copyRun(run, join(root, "replaced"));
    expect((await cli(["run", SCENARIO, "--out", again, "--force", ...small])).code).toBe(0);
    const empty = join(root, "empty-folder");
    mkdirSync(empty);
    expect((await cli(["run", SCENARIO, "--out", empty, "--force", ...small])).code).toBe(0);
    expect(existsSync(join(empty, "manifest.json"))).toBe(true);
  });
});

describe("an output whose parent is a file is refused before any work", () => {
  const under = join(aFile, "out");

  it("run, sweep, merge: exit 2 naming the file; nothing created", async () => {
    for (const args of [
      ["run", SCENARIO, "--out", under, ...small],
      ["sweep", SCENARIO, "--out", under, ...small],
      ["merge", shard1, shard2, "--out", under, "--quiet"],
    ]) {
      expectBadInput(await cli(args), `cannot create result folder ${under}`, `${aFile} is a file, not a folder`);
    }
    expect(readFileSync(aFile, "utf8")).toBe("not a result\n");
  });

  it("compare --csv, replay --csv, report --svg: exit 2 naming the file", async () => {
    expectBadInput(await cli(["compare", run, run, "--csv", join(under, "c.csv"), "--workers", "0", "--quiet"]), `${aFile} is a file, not a folder`);
    expectBadInput(await cli(["replay", run, "1", "--csv", join(under, "r.csv")]), `${aFile} is a file, not a folder`);
    const folder = join(root, "replay-csv-folder");
    mkdirSync(folder);
    expectBadInput(await cli(["replay", run, "1", "--csv", folder]), `--csv ${folder} is a folder, not a file`);
    expectBadInput(await cli(["report", run, "--svg", under, "--quiet"]), `${aFile} is a file, not a folder`);
    expectBadInput(await cli(["report", run, "--svg", aFile, "--quiet"]), `--svg ${aFile} is a file, not a folder`);
  });

  it("backtest --out under a file, or onto a file: exit 2 before the run", async () => {
    const window = ["backtest", "--prices", PRICES_PATH, "--difficulty", DIFFICULTY_PATH, "--from", "2021-01-01", "--to", "2021-02-15", "--paths", "2", "--quiet"];
    expectBadInput(await cli([...window, "--out", under]), `${aFile} is a file, not a folder`);
    expectBadInput(await cli([...window, "--out", aFile]), `result folder ${aFile} already exists`);
    expectBadInput(await cli([...window, "--out", aFile, "--force"]), `${aFile} is a file, not a result folder`);
    expect(readFileSync(aFile, "utf8")).toBe("not a result\n");
  });
});

describe("backtest options", () => {
  it("a date that is not in the calendar (2021-02-30) and an empty seed are usage errors naming the option", async () => {
    const files = ["backtest", "--prices", PRICES_PATH, "--difficulty", DIFFICULTY_PATH, "--paths", "2", "--quiet", "--out", join(root, "bt")];
    const feb30 = await cli([...files, "--from", "2021-02-30", "--to", "2021-03-30"]);
    expectBadInput(feb30, "--from", "2021-02-30");
    const seed = await cli([...files, "--from", "2021-01-01", "--to", "2021-02-15", "--seed", ""]);
    expectBadInput(seed, "--seed", "seed must not be empty");
    expect(existsSync(join(root, "bt"))).toBe(false);
  });
});

describe("scenarios --dir", () => {
  it("a folder that does not exist, or a file, is bad input (exit 2 naming it), not an empty listing", async () => {
    const missing = join(root, "no-such-folder");
    expectBadInput(await cli(["scenarios", "--dir", missing]), missing, "no such folder");
    expectBadInput(await cli(["scenarios", "--dir", aFile]), aFile, "this is a file");
  });
});

describe("single-file outputs in a folder that does not exist yet", () => {
  it("compare --csv and replay --csv create the folder (as --out does) and leave no temporary file", async () => {
    const csv = join(root, "new-folder", "deeper", "compare.csv");
    const r = await cli(["compare", run, run, "--csv", csv, "--workers", "0", "--quiet"]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(csv, "utf8").split("\n")[0]).toMatch(/^a,b,entity,metric,/);
    const record = join(root, "new-folder-2", "record.csv");
    const p = await cli(["replay", run, "1", "--csv", record]);
    expect(p.code, p.stderr).toBe(0);
    expect(readFileSync(record, "utf8").split("\n")[0]).toBe("kind,date,epoch,entity,metric,unit,value");
    expect(readdirSync(join(root, "new-folder", "deeper"))).toEqual(["compare.csv"]);
    expect(readdirSync(join(root, "new-folder-2"))).toEqual(["record.csv"]);
  });
});

describe("--seed", () => {
  it("digits above 2^53 − 1 are refused (as a scenario file's seed: is), not silently taken as text", async () => {
    const out = join(root, "huge-seed");
    expectBadInput(await cli(["run", SCENARIO, "--out", out, "--seed", "99999999999999999999999", ...small]), "--seed", "above 9007199254740991");
    expect(existsSync(out)).toBe(false);
  });
});

describe("messages of bad input", () => {
  it("a bad-input error that is not about usage (an existing folder) is not followed by the usage hint", async () => {
    const r = await cli(["run", SCENARIO, "--out", run, ...small]);
    expectBadInput(r, `result folder ${run} already exists`);
    expect(r.stderr).not.toContain("exodus --help");
    // An option error keeps the hint.
    expect((await cli(["run", SCENARIO, "--paths", "0"])).stderr).toContain("exodus --help");
  });

  it("backtest --paths too large for memory names --paths", async () => {
    const out = join(root, "bt-huge");
    const r = await cli(["backtest", "--prices", PRICES_PATH, "--difficulty", DIFFICULTY_PATH, "--from", "2021-01-01", "--to", "2021-02-15", "--paths", "99999999999", "--quiet", "--out", out]);
    expectBadInput(r, "--paths 99999999999: too many paths to hold in memory");
    expect(r.stderr).not.toContain("exodus --help");
    expect(existsSync(out)).toBe(false);
  });
});

describe("--paths", () => {
  it("above the limit of a scenario's paths: (MAX_PATHS, one constant) is a usage error naming --paths, for run and sweep", async () => {
    const over = String(MAX_PATHS + 1);
    const out = join(root, "too-many-paths");
    for (const command of ["run", "sweep"]) {
      const r = await cli([command, SCENARIO, "--out", out, "--paths", over, "--workers", "0", "--quiet", "--no-report"]);
      expectBadInput(r, "--paths", `at most ${MAX_PATHS.toLocaleString("en-US")}`, over);
    }
    expect(existsSync(out)).toBe(false);
    expect(pathCount(String(MAX_PATHS))).toBe(MAX_PATHS);
    expect(() => pathCount("0")).toThrow(/--paths must be a positive integer/);
  });
});

describe("backtest --out", () => {
  const window = ["backtest", "--prices", PRICES_PATH, "--difficulty", DIFFICULTY_PATH, "--from", "2021-01-01", "--to", "2021-02-15", "--paths", "2", "--quiet"];

  it("is written like a run folder: an existing folder is refused without --force, replaced with it, nothing left beside", async () => {
    const parent = join(root, "bt-out");
    const out = join(parent, "window");
    const first = await cli([...window, "--out", out]);
    expect(first.code, first.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["backtest.csv", "backtest.json", "backtest.svg", "report.html"]);
    // Marked, so that a refused or a replacing run is seen to leave the folder alone or replace it whole.
    writeFileSync(join(out, "backtest.csv"), "kept\n");
    const again = await cli([...window, "--out", out, "--seed", "2"]);
    expectBadInput(again, `result folder ${out} already exists`, "--force");
    expect(readFileSync(join(out, "backtest.csv"), "utf8")).toBe("kept\n");
    const forced = await cli([...window, "--out", out, "--seed", "2", "--force"]);
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(join(out, "backtest.csv"), "utf8")).not.toBe("kept\n");
    expect(JSON.parse(readFileSync(join(out, "backtest.json"), "utf8")).seed).toBe("2");
    expect(readdirSync(parent)).toEqual(["window"]);
  });

  it("--force does not replace a folder that is not a result folder", async () => {
    const out = join(root, "bt-not-a-result");
    mkdirSync(out);
    writeFileSync(join(out, "notes.txt"), "mine\n");
    expectBadInput(await cli([...window, "--out", out, "--force"]), `${out} is not a result folder`);
    expect(readdirSync(out)).toEqual(["notes.txt"]);
  });

  it("gets the mode of any new folder (the umask's), as run folders do", async () => {
    const saved = process.umask(0o022);
    try {
      const out = join(root, "bt-mode");
      const r = await cli([...window, "--out", out]);
      expect(r.code, r.stderr).toBe(0);
      expect(statSync(out).mode & 0o777).toBe(0o755);
    } finally {
      process.umask(saved);
    }
  });
});

describe("--workers", () => {
  it("above MAX_WORKERS is a usage error naming --workers, for run, sweep, compare and merge; nothing is written", async () => {
    const over = String(MAX_WORKERS + 1);
    const out = join(root, "too-many-workers");
    for (const args of [
      ["run", SCENARIO, "--out", out, "--paths", "64", "--quiet", "--no-report"],
      ["sweep", SCENARIO, "--out", out, "--paths", "64", "--quiet", "--no-report"],
      ["compare", run, run, "--csv", join(out, "c.csv"), "--quiet"],
      ["merge", shard1, shard2, "--out", out, "--quiet"],
    ]) {
      expectBadInput(await cli([...args, "--workers", over]), "--workers", `at most ${MAX_WORKERS}`, over);
    }
    expect(existsSync(out)).toBe(false);
    expect(workerCount(String(MAX_WORKERS))).toBe(MAX_WORKERS);
    expect(workerCount("0")).toBe(0);
  });
});
