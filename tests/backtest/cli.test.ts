import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runBacktestCli } from "./cli-run.js";
import { DIFFICULTY_PATH, PRICES_PATH } from "./data.js";

const dir = mkdtempSync(join(tmpdir(), "exodus-backtest-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = runBacktestCli;

describe("exodus backtest", () => {
  it("writes CSV, JSON, SVG and report.html and prints the figures", async () => {
    const outDir = join(dir, "q1");
    const r = await run(["--prices", PRICES_PATH, "--difficulty", DIFFICULTY_PATH, "--from", "2019-01-01", "--to", "2019-03-31", "-n", "10", "-o", outDir]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/exact replay: (\d+)\/\1 retargets reproduce the next nBits/);
    expect(r.out).toMatch(/MAPE of the median: \d+\.\d\d%/);
    const doc = JSON.parse(readFileSync(join(outDir, "backtest.json"), "utf8"));
    expect(doc.paths).toBe(10);
    expect(readFileSync(join(outDir, "backtest.csv"), "utf8").split("\n")[0]).toMatch(/^slot,epoch,/);
    expect(readFileSync(join(outDir, "backtest.svg"), "utf8")).toMatch(/^<svg/);
    const page = readFileSync(join(outDir, "report.html"), "utf8");
    expect(page).toMatch(/<path class="actual" d="M/);
    expect(page).not.toMatch(/<script/i);
  });

  it("exits 2 naming the file and line of a bad CSV", async () => {
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, "epoch,start_height,nbits_hex,difficulty,start_time\n0,0,0x1d00ffff,1,1\n1,2016,nope,1,2\n");
    const r = await run(["--prices", PRICES_PATH, "--difficulty", bad, "--from", "2019-01-01", "--to", "2019-03-31"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${bad}:3: nbits_hex`);
  });

  it("exits 2 on a missing file and on a bad date", async () => {
    const r = await run(["--prices", join(dir, "none.csv"), "--difficulty", DIFFICULTY_PATH, "--from", "2019-01-01", "--to", "2019-03-31"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("cannot read");
    const d = await run(["--prices", PRICES_PATH, "--difficulty", DIFFICULTY_PATH, "--from", "2019-1-1", "--to", "2019-03-31"]);
    expect(d.code).not.toBe(0);
  });
});
