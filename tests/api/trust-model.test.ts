/**
 * A result folder cannot run code unless trusted (src/api/model-module.ts manifestModel):
 * a manifest's `model.module` is imported by replay, by compare without scalars.bin and by
 * merge --keep-scalars/--keep-paths, so a received folder could point at a module of its
 * own. Only the built-in model is loaded by default; any other is refused (exit 2, naming
 * the folder, the module and --trust-model) before it is imported — the fixture module
 * below writes a marker file when imported, and the marker must not appear — and loaded
 * with --trust-model (API: trustModel: true).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_MODEL, isDefaultModel, manifestModel, modelFromManifest, modelForManifest, replayRunPath } from "../../src/api/index.js";
import { ResultError } from "../../src/results/index.js";
import { copyRunFolder, goldenRunAndShards, runMain, tempRoot } from "./helpers.js";

const { root, cleanup } = tempRoot("api-trust-model-");
afterAll(cleanup);

const cli = runMain;

/**
 * A copy of run folder `from` at `to` whose manifest names `<to>/model.mjs`: a module that
 * writes `marker` when imported and is otherwise the built-in model.
 */
function hostile(from: string, to: string, marker: string): string {
  copyRunFolder(from, to);
  const module = join(to, "model.mjs");
  writeFileSync(
    module,
    `import { writeFileSync } from "node:fs";\nwriteFileSync(${JSON.stringify(marker)}, "imported\\n");\nexport { createPathModel } from ${JSON.stringify(DEFAULT_MODEL.url)};\n`,
  );
  const manifest = JSON.parse(readFileSync(join(to, "manifest.json"), "utf8"));
  manifest.model = { module: pathToFileURL(module).href, export: "createPathModel" };
  writeFileSync(join(to, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return to;
}

function expectRefused(r: { code: number; stderr: string }, dir: string): void {
  expect(r.code, r.stderr).toBe(2);
  for (const part of [dir, join(dir, "model.mjs"), "--trust-model", "run that module's code"]) expect(r.stderr).toContain(part);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

let run = "";
let shard1 = "";
let shard2 = "";

beforeAll(async () => {
  ({ run, shard1, shard2 } = await goldenRunAndShards(root));
});

describe("a result folder's model module", () => {
  it("the built-in model is recognised however the manifest writes it (relative, file: URL, with ..)", () => {
    expect(isDefaultModel(modelFromManifest(modelForManifest(DEFAULT_MODEL)))).toBe(true);
    expect(isDefaultModel(modelFromManifest({ module: DEFAULT_MODEL.url, export: "createPathModel" }))).toBe(true);
    expect(isDefaultModel(modelFromManifest({ module: "dist/model/../model/path/index.js", export: "createPathModel" }))).toBe(true);
    expect(isDefaultModel(modelFromManifest({ module: "dist/model/path/index.js", export: "replayModelPath" }))).toBe(false);
    expect(isDefaultModel(modelFromManifest({ module: "data:text/javascript,export const createPathModel = 1", export: "createPathModel" }))).toBe(false);
  });

  it("a file: URL naming no local file (a host, an encoded /) is refused, not a crash", () => {
    for (const module of ["file://evil/x.js", "file:///tmp/a%2Fb.js"]) {
      expect(isDefaultModel(modelFromManifest({ module, export: "createPathModel" }))).toBe(false);
      let thrown: unknown;
      try {
        manifestModel("folder", { module, export: "createPathModel" }, false);
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(ResultError);
      expect((thrown as ResultError).code).toBe("UNTRUSTED_MODEL");
    }
  });

  it("replay: another module is refused before it is imported; --trust-model runs it", async () => {
    const marker = join(root, "replay.marker");
    const dir = hostile(run, join(root, "hostile-replay"), marker);
    expectRefused(await cli(["replay", dir, "3"]), dir);
    expect(existsSync(marker)).toBe(false);
    const trusted = await cli(["replay", dir, "3", "--trust-model"]);
    expect(trusted.code, trusted.stderr).toBe(0);
    expect(existsSync(marker)).toBe(true);
    expect(trusted.stdout).toBe((await cli(["replay", run, "3"])).stdout);
  });

  it("replayRunPath (API): UNTRUSTED_MODEL unless trustModel", async () => {
    const marker = join(root, "api.marker");
    const dir = hostile(run, join(root, "hostile-api"), marker);
    const err = await replayRunPath(dir, 1).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ResultError);
    expect((err as ResultError).code).toBe("UNTRUSTED_MODEL");
    expect(existsSync(marker)).toBe(false);
    expect((await replayRunPath(dir, 1, { trustModel: true })).pathIndex).toBe(1);
    expect(existsSync(marker)).toBe(true);
  });

  it("compare without scalars.bin: refused before re-simulating anything; --trust-model runs it", async () => {
    const marker = join(root, "compare.marker");
    const dir = hostile(run, join(root, "hostile-compare"), marker);
    const csv = join(root, "compare.csv");
    expectRefused(await cli(["compare", run, dir, "--csv", csv, "--workers", "0", "--quiet"]), dir);
    expect(existsSync(marker)).toBe(false);
    expect(existsSync(csv)).toBe(false);
    const trusted = await cli(["compare", run, dir, "--csv", csv, "--workers", "0", "--quiet", "--trust-model"]);
    expect(trusted.code, trusted.stderr).toBe(0);
    expect(existsSync(marker)).toBe(true);
  });

  it("merge --keep-scalars: refused before any work, nothing written; --trust-model runs it", async () => {
    const marker = join(root, "merge.marker");
    const a = hostile(shard1, join(root, "hostile-shard1"), marker);
    const b = hostile(shard2, join(root, "hostile-shard2"), marker);
    // Both manifests must name the same module to merge: the second names the first's.
    const mb = JSON.parse(readFileSync(join(b, "manifest.json"), "utf8"));
    mb.model = JSON.parse(readFileSync(join(a, "manifest.json"), "utf8")).model;
    writeFileSync(join(b, "manifest.json"), `${JSON.stringify(mb, null, 2)}\n`);
    const out = join(root, "merged");
    expectRefused(await cli(["merge", a, b, "--out", out, "--keep-scalars", "--workers", "0", "--quiet"]), a);
    expect(existsSync(marker)).toBe(false);
    expect(existsSync(out)).toBe(false);
    // Without re-simulation nothing is imported: merging is allowed.
    const plain = await cli(["merge", a, b, "--out", join(root, "merged-plain"), "--quiet"]);
    expect(plain.code, plain.stderr).toBe(0);
    expect(existsSync(marker)).toBe(false);
    const trusted = await cli(["merge", a, b, "--out", out, "--keep-scalars", "--workers", "0", "--quiet", "--trust-model"]);
    expect(trusted.code, trusted.stderr).toBe(0);
    expect(existsSync(marker)).toBe(true);
    expect(existsSync(join(out, "scalars.bin"))).toBe(true);
  });
});
