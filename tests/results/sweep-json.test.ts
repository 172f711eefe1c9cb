/**
 * sweep.json (src/results/sweep-json.ts): written and read back, and for each fault an
 * error naming the file, the key and what is wrong.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  ResultError,
  SWEEP_FILES,
  SWEEP_SCHEMA,
  SWEEP_SCHEMA_VERSION,
  parseSweepJson,
  readSweepJson,
  resultJson,
  sweepJson,
  type ResultErrorCode,
  type SweepJsonRecord,
} from "../../src/results/index.js";

/** A sweep.json's content, as src/api/sweep.ts gives it (two variants of one swept key). */
const RECORD: SweepJsonRecord = {
  name: "exit speed",
  scenarioFile: "scenarios/sweeps/exit-speed.yaml",
  keys: ["exitSpeed"],
  variants: [
    { variant: "exitSpeed=1", folder: "exitSpeed=1", seed: 7, paths: 64, overrides: { exitSpeed: 1 }, planSha256: "a".repeat(64) },
    { variant: "exitSpeed=4", folder: "exitSpeed=4", seed: "s", paths: 64, overrides: { exitSpeed: 4 }, planSha256: "b".repeat(64) },
  ],
};

/** The same as a JSON document, with the file's schema fields, to damage. */
function sweepDoc(): Record<string, unknown> {
  return { schema: SWEEP_SCHEMA, schemaVersion: SWEEP_SCHEMA_VERSION, ...RECORD, variants: RECORD.variants.map((v) => ({ ...v })) };
}

function errorOf(text: string): ResultError {
  try {
    parseSweepJson(text, "x/sweep.json");
  } catch (err) {
    expect(err).toBeInstanceOf(ResultError);
    return err as ResultError;
  }
  throw new Error("expected a ResultError");
}

describe("sweep.json", () => {
  it("is written as documented: schema fields, then the sweep, then each variant (keys in order)", () => {
    const written = JSON.parse(sweepJson(RECORD)) as { variants: object[] };
    expect(Object.keys(written)).toEqual(["schema", "schemaVersion", "name", "scenarioFile", "keys", "variants"]);
    expect(Object.keys(written.variants[0]!)).toEqual(["variant", "folder", "seed", "paths", "overrides", "planSha256"]);
    expect(sweepJson(RECORD)).toBe(resultJson(sweepDoc()));
  });

  it("reads back what sweepJson writes: the keys and each variant's name, folder and overrides", () => {
    const variants = RECORD.variants.map((v) => ({ variant: v.variant, folder: v.folder, overrides: v.overrides }));
    expect(parseSweepJson(sweepJson(RECORD), "x/sweep.json")).toEqual({ ...RECORD, variants });
    const unnamed = parseSweepJson(sweepJson({ ...RECORD, name: null, scenarioFile: null }), "x/sweep.json");
    expect([unnamed.name, unnamed.scenarioFile]).toEqual([null, null]);
  });

  it("names the file, the key and the fault", () => {
    const variant = (change: Record<string, unknown>): Record<string, unknown> => {
      const doc = sweepDoc();
      const variants = doc["variants"] as Record<string, unknown>[];
      return { ...doc, variants: [variants[0], { ...variants[1], ...change }] };
    };
    const cases: [unknown, ResultErrorCode, string][] = [
      [{ ...sweepDoc(), schema: "hashrate-exodus/summary" }, "BAD_FORMAT", "x/sweep.json: is not a hashrate-exodus sweep file"],
      [[], "BAD_FORMAT", "x/sweep.json: is not a hashrate-exodus sweep file"],
      [{ ...sweepDoc(), schemaVersion: SWEEP_SCHEMA_VERSION + 1 }, "UNSUPPORTED_VERSION", `x/sweep.json: has sweep schema version ${SWEEP_SCHEMA_VERSION + 1}; this version reads up to ${SWEEP_SCHEMA_VERSION}`],
      [{ ...sweepDoc(), keys: ["exitSpeed", 2] }, "BAD_FORMAT", "x/sweep.json: keys must be a list of strings"],
      [{ ...sweepDoc(), variants: [] }, "BAD_FORMAT", "x/sweep.json: variants must be a non-empty list"],
      [variant({ folder: 3 }), "BAD_FORMAT", "x/sweep.json: variants[1] needs a variant name and a folder"],
      [variant({ folder: "../elsewhere" }), "BAD_FORMAT", 'x/sweep.json: variants[1].folder "../elsewhere" is not a folder of the sweep'],
      [variant({ folder: "" }), "BAD_FORMAT", 'x/sweep.json: variants[1].folder "" is not a folder of the sweep'],
      [variant({ overrides: [1] }), "BAD_FORMAT", "x/sweep.json: variants[1].overrides must be an object"],
    ];
    for (const [doc, code, message] of cases) {
      const err = errorOf(resultJson(doc));
      expect([err.code, err.message]).toEqual([code, message]);
    }
    expect(errorOf("{").message).toMatch(/^x\/sweep\.json: cannot be read as JSON \(/);
  });

  it("reads <dir>/sweep.json, and names the file when there is none (MISSING_FILE)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "exodus-sweep-json-"));
    try {
      const path = join(dir, SWEEP_FILES.json);
      await expect(readSweepJson(dir)).rejects.toSatisfy((e: unknown) => e instanceof ResultError && e.code === "MISSING_FILE" && e.message.startsWith(`${path}: cannot be read (`));
      await writeFile(path, sweepJson(RECORD));
      expect(await readSweepJson(dir)).toEqual(parseSweepJson(sweepJson(RECORD), path));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
