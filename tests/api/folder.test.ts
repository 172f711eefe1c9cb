/**
 * Result folders are written atomically and read back with specific errors
 * (src/results/atomic-folder.ts, run-folder.ts, read-run-folder.ts; src/api/run-plan.ts):
 * an existing folder is refused without force and replaced with it; after an error
 * nothing is left at the target nor beside it; per-path files over their caps are refused
 * before anything runs; a damaged, edited, newer or partial folder is refused by the reader.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { partialDirOf, runPlan } from "../../src/api/index.js";
import { MANIFEST_SCHEMA, PATHS_PARQUET_MAX_ROWS, ResultError, promoteFolder, readRunFolder, readShardFolder, type ResultErrorCode } from "../../src/results/index.js";
import { dataFiles, driftInput, entries, tempRoot } from "./helpers.js";

const { root, cleanup } = tempRoot("api-folder-");
afterAll(cleanup);

const input = driftInput({ drift: 0.001, gridLength: 6 }, 7, 200);

async function errorOf(p: Promise<unknown>): Promise<ResultError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ResultError) return err;
    throw err;
  }
  throw new Error("expected a ResultError");
}

async function codeOf(p: Promise<unknown>): Promise<ResultErrorCode> {
  return (await errorOf(p)).code;
}

describe("writing result folders", () => {
  it("refuses to overwrite without force and replaces with force, leaving nothing beside", async () => {
    const out = join(root, "run");
    await runPlan(input, { out, workers: 0 });
    const before = readFileSync(join(out, "manifest.json"));
    const refused = await errorOf(runPlan({ ...input, seed: 8 }, { out, workers: 0 }));
    expect(refused.code).toBe("EXISTS");
    expect(refused.message).toMatch(/--force/);
    expect(readFileSync(join(out, "manifest.json"))).toEqual(before);
    const replaced = await runPlan({ ...input, seed: 8 }, { out, workers: 0, force: true });
    expect(replaced.manifest.seed).toBe(8);
    expect((await readRunFolder(out)).summary.seed).toBe(8);
    expect(entries(root).filter((n) => /^\.?run\b/.test(n))).toEqual(["run"]);
  });

  it("gives the folder the mode of any new folder (0o777 less the umask), not mkdtemp's 0700: colleagues can read it", async () => {
    // A fixed umask, so that the test fails with mkdtemp's 0700 whatever the machine's umask is.
    const saved = process.umask(0o022);
    try {
      const out = join(root, "mode");
      await runPlan(input, { out, workers: 0 });
      expect(statSync(out).mode & 0o777).toBe(0o755);
      const shard = join(root, "mode-shard");
      await runPlan(input, { out: shard, workers: 0, shard: "1/2" });
      expect(statSync(shard).mode & 0o777).toBe(0o755);
      process.umask(0o027);
      const group = join(root, "mode-group");
      await runPlan(input, { out: group, workers: 0 });
      expect(statSync(group).mode & 0o777).toBe(0o750);
    } finally {
      process.umask(saved);
    }
  });

  it("a replace that fails puts the old folder back (promoteFolder)", async () => {
    const target = join(root, "kept");
    mkdirSync(target);
    const marker = JSON.stringify({ schema: MANIFEST_SCHEMA }) + "\n"; // a result folder's marker
    writeFileSync(join(target, "manifest.json"), marker);
    const missing = join(root, "never-written");
    // The new folder is missing, so its rename fails after the old one was moved aside.
    await expect(promoteFolder(missing, target, true)).rejects.toThrow(/ENOENT/);
    expect(readFileSync(join(target, "manifest.json"), "utf8")).toBe(marker);
    expect(existsSync(`${missing}.old`)).toBe(false);
  });

  it("leaves nothing at the target after a failed run (only the checkpoint, for resume)", async () => {
    const out = join(root, "fails");
    const err = await runPlan(driftInput({ drift: 0.001, gridLength: 6, throwOnPath: 150 }, 7, 200), { out, workers: 0 }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(err?.message).toMatch(/path 150/);
    expect(existsSync(out)).toBe(false);
    expect(entries(root).filter((n) => n.includes("fails"))).toEqual(["fails.partial"]);
  });

  it("force discards an interrupted run's own checkpoint folder, never a folder of other files that bears its name", async () => {
    // A genuine leftover: the failed run above left fails.partial with its checkpoint.
    const out = join(root, "fails");
    expect(existsSync(partialDirOf(out))).toBe(true);
    const refused = await errorOf(runPlan(input, { out, workers: 0 }));
    expect(refused.code).toBe("EXISTS");
    await runPlan(input, { out, workers: 0, force: true });
    expect(existsSync(partialDirOf(out))).toBe(false);
    // A user's folder named like a checkpoint folder: refused with force too, and kept.
    const mine = join(root, "mine");
    mkdirSync(partialDirOf(mine));
    writeFileSync(join(partialDirOf(mine), "notes.txt"), "mine\n");
    const foreign = await errorOf(runPlan(input, { out: mine, workers: 0, force: true }));
    expect(foreign.code).toBe("EXISTS");
    expect(foreign.message).toContain(join(partialDirOf(mine), "notes.txt"));
    expect(readFileSync(join(partialDirOf(mine), "notes.txt"), "utf8")).toBe("mine\n");
    expect(existsSync(mine)).toBe(false);
  });

  it("removes the temporary folder when writing fails midway (abort while re-simulating paths)", async () => {
    const out = join(root, "aborted");
    const controller = new AbortController();
    const err = await runPlan(input, {
      out,
      workers: 0,
      keepScalars: true,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === "paths") controller.abort();
      },
    }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(err?.message).toMatch(/aborted/);
    expect(existsSync(out)).toBe(false);
    // The Monte Carlo part had finished: its complete checkpoint stays for resume.
    expect(entries(root).filter((n) => n.includes("aborted"))).toEqual(["aborted.partial"]);
    const resumed = await runPlan(input, { out, workers: 0, keepScalars: true, resume: true });
    expect(resumed.pathsRun).toBe(0);
    expect(existsSync(join(out, "scalars.bin"))).toBe(true);
    expect(existsSync(partialDirOf(out))).toBe(false);
  });

  it("refuses paths.parquet over its row cap before running anything", async () => {
    const out = join(root, "huge");
    const cells = 2 * 6 + 4 + 3; // series × grid + scalars + epoch slots of this plan
    const paths = Math.floor(PATHS_PARQUET_MAX_ROWS / cells) + 1;
    const err = await errorOf(runPlan({ ...input, paths }, { out, workers: 0, keepPaths: true }));
    expect(err.code).toBe("TOO_LARGE");
    expect(err.message).toContain(String(paths * cells));
    expect(entries(root).filter((n) => n.includes("huge"))).toEqual([]);
  });
});

describe("reading result folders", async () => {
  const out = join(root, "readable");
  const shardOut = join(root, "a-shard");
  await runPlan(input, { out, workers: 0 });
  await runPlan(input, { out: shardOut, workers: 0, shard: "1/2" });

  it("reads a run back: manifest, layout, summary and rows", async () => {
    const run = await readRunFolder(out);
    expect(run.manifest.seed).toBe(7);
    expect(run.layout.series.map((f) => f.metric)).toEqual(["level", "flag"]);
    expect(run.series.length).toBe(2 * 6);
    expect(run.series[0]).toMatchObject({ date: "2026-03-01", entity: "walk", metric: "level", unit: "index, base 100", count: 200 });
    expect(run.epochs.length).toBe(3);
    expect(run.summary.scalars.map((s) => s.metric)).toEqual(["final", "min", "crossDate", "steps"]);
    expect(run.hasScalars).toBe(false);
  });

  it("refuses what is not a run, an edited file, a newer schema, a shard where a run is expected", async () => {
    const empty = join(root, "empty");
    mkdirSync(empty);
    expect(await codeOf(readRunFolder(empty))).toBe("NOT_A_RUN");
    expect(await codeOf(readRunFolder(shardOut))).toBe("WRONG_KIND");
    expect(await codeOf(readShardFolder(out))).toBe("WRONG_KIND");

    const edited = join(root, "edited");
    await runPlan(input, { out: edited, workers: 0 });
    const series = join(edited, "series.csv");
    writeFileSync(series, readFileSync(series, "utf8").replace(",200,", ",201,"));
    const e1 = await errorOf(readRunFolder(edited));
    expect(e1.code).toBe("CHECKSUM_MISMATCH");
    expect(e1.message).toContain("series.csv");

    const newer = join(root, "newer");
    await runPlan(input, { out: newer, workers: 0 });
    const mpath = join(newer, "manifest.json");
    writeFileSync(mpath, readFileSync(mpath, "utf8").replace('"schemaVersion": 1', '"schemaVersion": 99'));
    expect(await codeOf(readRunFolder(newer))).toBe("UNSUPPORTED_VERSION");

    const missing = join(root, "missing");
    await runPlan(input, { out: missing, workers: 0 });
    const before = dataFiles(missing);
    writeFileSync(join(missing, "epochs.csv.bak"), before["epochs.csv"]!);
    rmSync(join(missing, "epochs.csv"));
    expect(await codeOf(readRunFolder(missing))).toBe("MISSING_FILE");
  });
});
