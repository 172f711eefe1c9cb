/**
 * manifest.json is read back field by field: a manifest whose fields are of the wrong kind
 * (edited by hand, written by something else) is refused as BAD_FORMAT naming the field,
 * never passed on to crash the report or a merge with a TypeError.
 */
import { describe, expect, it } from "vitest";
import { MANIFEST_SCHEMA, MANIFEST_SCHEMA_VERSION, manifestJson, parseManifest, type Manifest } from "../../src/results/manifest.js";
import { ResultError } from "../../src/results/index.js";

const HASH = "ab".repeat(32);

const RUN: Manifest = {
  schema: MANIFEST_SCHEMA,
  schemaVersion: MANIFEST_SCHEMA_VERSION,
  kind: "run",
  package: { name: "hashrate-exodus", version: "0.1.0", gitCommit: null },
  node: "v20.20.2",
  host: "vm",
  scenario: { name: "baseline", description: null, file: "scenarios/baseline.yaml", files: [{ path: "scenarios/baseline.yaml", sha256: HASH }], sha256: HASH, plan: { any: "plan" } },
  dataFiles: [],
  model: { module: "dist/model/path/index.js", export: "createPathModel" },
  seed: 20260301,
  paths: 64,
  engine: "fast",
  chunkSize: 64,
  layoutHash: HASH,
  shard: null,
  workers: 0,
  batchPaths: null,
  started: "2026-11-26T06:00:00.000Z",
  finished: "2026-11-26T06:00:01.000Z",
  wallSeconds: 1.2,
  resumedPaths: 0,
  files: { "series.csv": HASH, "summary.json": HASH },
};

const MERGED: Manifest = {
  ...RUN,
  mergedFrom: [{ dir: "/r/s1", shard: "1/2", started: RUN.started, finished: RUN.finished, wallSeconds: 0.5, workers: 2, host: "a" }],
};
const SHARD: Manifest = { ...RUN, kind: "shard", shard: { index: 2, count: 3, firstPath: 21, endPath: 42 } };

/** The ResultError parseManifest throws for `m` (fails the test when it parses). */
function refusal(m: unknown): ResultError {
  try {
    parseManifest(JSON.stringify(m), "run/manifest.json");
  } catch (err) {
    expect(err).toBeInstanceOf(ResultError);
    return err as ResultError;
  }
  throw new Error("parsed");
}

/** A deep copy of RUN with `edit` applied. */
function edited(edit: (m: any) => void): unknown {
  const m = structuredClone(RUN) as any;
  edit(m);
  return m;
}

describe("parseManifest", () => {
  it("reads what the writer writes: a run, a merged run, a shard, and a manifest with an extra field", () => {
    for (const m of [RUN, MERGED, SHARD]) expect(parseManifest(manifestJson(m), "m.json")).toEqual(m);
    expect(parseManifest(JSON.stringify({ ...RUN, addedLater: 1 }), "m.json").paths).toBe(64);
  });

  it("refuses a field of the wrong kind anywhere, naming the file and the field", () => {
    const cases: Array<[(m: any) => void, RegExp]> = [
      [(m) => (m.node = null), /field node: expected text \(a string\), found null/],
      [(m) => delete m.host, /field host: required key is missing/],
      [(m) => (m.scenario.name = 5), /field scenario\.name: expected text \(a string\), found 5/],
      [(m) => (m.scenario.description = []), /field scenario\.description: /],
      [(m) => delete m.scenario.file, /field scenario\.file: required key is missing/],
      [(m) => (m.scenario.files[0].sha256 = "x"), /field scenario\.files\[0\]\.sha256: /],
      [(m) => (m.package.version = 1), /field package\.version: /],
      [(m) => (m.dataFiles = [{ path: 1, sha256: HASH }]), /field dataFiles\[0\]\.path: /],
      [(m) => (m.engine = 0), /field engine: /],
      [(m) => (m.shard = { index: "2", count: 3, firstPath: 0, endPath: 1 }), /field shard\.index: /],
      [(m) => (m.workers = -1), /field workers: /],
      [(m) => (m.batchPaths = "64"), /field batchPaths: /],
      [(m) => (m.wallSeconds = null), /field wallSeconds: /],
      [(m) => delete m.resumedPaths, /field resumedPaths: required key is missing/],
      [(m) => (m.mergedFrom = [{ dir: "/r" }]), /field mergedFrom\[0\]\.shard: required key is missing/],
      [(m) => (m.files["series.csv"] = 7), /field files\["series\.csv"\]: /],
      [(m) => (m.paths = 1.5), /field paths: /],
      [(m) => (m.kind = "sweep"), /field kind: /],
    ];
    for (const [edit, message] of cases) {
      const err = refusal(edited(edit));
      expect(err.code, String(message)).toBe("BAD_FORMAT");
      expect(err.message, String(message)).toMatch(/^run\/manifest\.json: /);
      expect(err.message).toMatch(message);
    }
  });

  it("shows the first three problems and counts the others", () => {
    const err = refusal(edited((m) => {
      m.node = 1;
      m.host = 2;
      m.engine = 3;
      m.workers = "w";
      m.resumedPaths = "r";
    }));
    expect(err.message.match(/field /g)).toHaveLength(3);
    expect(err.message).toMatch(/\(and 2 more\)$/);
  });

  it("keeps its other refusals: not JSON, not a manifest, a newer schema version", () => {
    expect(() => parseManifest("{", "m.json")).toThrow(/m\.json: not JSON/);
    expect(refusal({ ...RUN, schema: "web-app" }).code).toBe("NOT_A_RUN");
    expect(refusal([RUN]).code).toBe("NOT_A_RUN");
    expect(refusal({ ...RUN, schemaVersion: MANIFEST_SCHEMA_VERSION + 1 }).code).toBe("UNSUPPORTED_VERSION");
  });
});
