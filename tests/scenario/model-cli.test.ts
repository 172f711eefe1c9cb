/**
 * The scenario commands of the built CLI (`node dist/cli.js`): `validate` on bad inputs
 * (table-driven: exit 2, the key path and position of each problem, no stack trace),
 * `validate` on good files (exit 0, an OK line with the variant count), `schema` (equals
 * the bundled scenario.schema.json) and `scenarios` (lists the bundled files).
 *
 * The CLI is built before these tests (`npm test` builds; when dist/ is missing or older
 * than a source file of src/scenario or src/cli, beforeAll runs the build).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runNode, type ChildRun } from "../helpers/child.js";
import { RIOT } from "../../src/model/miners/index.js";
import { positionOf, removeDir, tempFiles } from "./helpers.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const cli = join(root, "dist/cli.js");

/** Newest modification time of the .ts files under `dir` (recursive). */
function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (e.name.endsWith(".ts")) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

beforeAll(() => {
  const built = join(root, "dist/scenario/compile.js");
  const stale =
    !existsSync(cli) ||
    !existsSync(built) ||
    statSync(built).mtimeMs < Math.max(newestSource(join(root, "src/scenario")), newestSource(join(root, "src/cli")));
  if (stale) {
    // Other parts of the tree may have type errors of their own; tsc still emits, and what
    // matters here is that the scenario modules and the CLI are current.
    spawnSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"], { cwd: root });
  }
  expect(existsSync(cli), "dist/cli.js: run `npm run build`").toBe(true);
}, 120_000);

function run(args: readonly string[], cwd = root): Promise<ChildRun> {
  return runNode([cli, ...args], cwd);
}

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

const HEAD = "name: t\ndescription: a test scenario\n";

interface BadCase {
  readonly name: string;
  /** Files of the case; `s.yaml` is validated. */
  readonly files: Readonly<Record<string, string>>;
  /** File the problem is reported in (default s.yaml), the key path, where it is, and what it says. */
  readonly file?: string;
  readonly path: string;
  readonly at: { readonly needle: string; readonly line?: number; readonly column?: boolean };
  readonly message: RegExp;
}

const riotTooBig = Math.ceil(RIOT.miningMw) + 100; // IT-MW; gross = IT / 0.75 > Riot's MW
const CASES: readonly BadCase[] = [
  {
    name: "MW out of range",
    files: { "s.yaml": `${HEAD}miners:\n  - id: mara\n  - id: riot\n    powerMW: 250000\n` },
    path: "miners[1].powerMW",
    at: { needle: "250000", column: true },
    message: /expected a number between 0 and 100000 \(MW\), found 250000/,
  },
  {
    name: "YAML syntax error",
    files: { "s.yaml": `${HEAD}exitSpeed: 2: 3\n` },
    path: "",
    at: { needle: "2: 3", column: true },
    message: /YAML: Nested mappings are not allowed/,
  },
  {
    name: "unknown key",
    files: { "s.yaml": `${HEAD}exitSpeeed: 2\n` },
    path: "exitSpeeed",
    at: { needle: "exitSpeeed", column: true },
    message: /unknown key "exitSpeeed" \(did you mean "exitSpeed"\?\)/,
  },
  {
    name: "unknown miner",
    files: { "s.yaml": `${HEAD}miners:\n  - id: clenspark\n` },
    path: "miners[0].id",
    at: { needle: "clenspark", column: true },
    message: /unknown miner "clenspark" \(did you mean "cleanspark"\?\)/,
  },
  {
    name: "price model typo",
    files: { "s.yaml": `${HEAD}market:\n  price:\n    model: gmb\n` },
    path: "market.price.model",
    at: { needle: "gmb", column: true },
    message: /expected one of "gbm", "bootstrap" or "fixed", found "gmb" \(did you mean "gbm"\?\)/,
  },
  {
    name: "contract larger than the miner's capacity",
    files: {
      "s.yaml": `${HEAD}miners:\n  - id: riot\n    contracts:\n      - id: big\n        itMW: ${riotTooBig}\n        energiseDate: 2028-06-30\n        source: mining\n`,
    },
    path: "miners[0].contracts",
    at: { needle: "id: big" },
    message: /more than its powerMW/,
  },
  {
    name: "shock after the horizon",
    files: { "s.yaml": `${HEAD}horizonDate: 2028-12-31\nmarket:\n  shocks:\n    - { date: 2029-03-01, pct: -50, label: x }\n` },
    path: "market.shocks[0].date",
    at: { needle: "2029-03-01", column: true },
    message: /on or before the horizon \(2028-12-31\)/,
  },
  {
    name: "missing price file",
    files: { "s.yaml": `${HEAD}market:\n  price: { model: bootstrap, csv: prices.csv, blockDays: 5 }\n` },
    path: "market.price.csv",
    at: { needle: "prices.csv", column: true },
    message: /cannot read the price file "prices.csv".*no such file/,
  },
  {
    name: "bad row in the price file",
    files: {
      "s.yaml": `${HEAD}market:\n  price: { model: bootstrap, csv: p.csv, blockDays: 1 }\n`,
      "p.csv": "date,btc_usd\n2026-03-01,70000\n2026-03-02,-3\n",
    },
    file: "p.csv",
    path: "market.price.csv",
    at: { needle: "", line: 3 },
    message: /^p\.csv:3: market\.price\.csv: btc_usd \(column 2\) must be a positive number, got "-3"$/,
  },
  {
    name: "start price the model's fleet cannot take",
    files: { "s.yaml": `${HEAD}market:\n  price: { model: gbm, startPriceUSD: 400000 }\n` },
    path: "market.price.startPriceUSD",
    at: { needle: "400000", column: true },
    message: /the model rejects this: .*use a lower start price/,
  },
  {
    name: "bad value in one sweep variant",
    files: { "s.yaml": `${HEAD}sweep:\n  grid:\n    decisionEveryDays: [7, 0]\n` },
    path: "decisionEveryDays",
    at: { needle: "0]" },
    message: /\[variant decisionEveryDays=0\] decisionEveryDays: expected an integer between 1 and 365/,
  },
];

describe.concurrent("exodus validate: bad input (exit 2, located message, no stack trace)", () => {
  it.each(CASES)("$name", async (c) => {
    const dir = tempFiles(c.files);
    dirs.push(dir);
    const r = await run(["validate", "s.yaml"], dir);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const file = c.file ?? "s.yaml";
    const lines = r.stderr.trim().split("\n");
    const pos = c.at.line !== undefined ? { line: c.at.line, column: 0 } : positionOf(c.files[file]!, c.at.needle);
    const loc = c.at.column === true ? `${file}:${pos.line}:${pos.column}: ` : `${file}:${pos.line}:`;
    const line = lines.find((l) => l.startsWith(loc) && l.includes(c.path.length > 0 ? ` ${c.path}: ` : ": "));
    expect(line, `no line at ${loc} ${c.path} in:\n${r.stderr}`).toBeDefined();
    expect(line).toMatch(c.message);
  });
});

describe.concurrent("exodus validate, schema, scenarios", () => {
  it("validate prints an OK line per file with its variant count and exits 0", async () => {
    const r = await run(["validate", "scenarios/baseline.yaml", "scenarios/sweeps/exit-speed.yaml"]);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^OK scenarios\/baseline\.yaml: baseline \(1 variant; 10 named miners/);
    expect(lines[1]).toMatch(/^OK scenarios\/sweeps\/exit-speed\.yaml: exit-speed \(5 variants: exitSpeed=0\.25, exitSpeed=0\.5, exitSpeed=1, exitSpeed=2, exitSpeed=4;/);
  });

  it("validate reports the good files and every problem of the bad ones, then exits 2", async () => {
    const dir = tempFiles({ "good.yaml": HEAD, "bad.yaml": `${HEAD}paths: 0\nexitSpeed: -1\n` });
    dirs.push(dir);
    const r = await run(["validate", "good.yaml", "bad.yaml"], dir);
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/^OK good\.yaml: t /);
    expect(r.stderr.trim().split("\n").map((l) => l.split(": ")[1])).toEqual(["paths", "exitSpeed"]);
  });

  it("validate of a missing file is bad input", async () => {
    const r = await run(["validate", "no-such-file.yaml"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^no-such-file\.yaml: .*no such file/);
  });

  it("schema prints JSON equal to scenarios/scenario.schema.json", async () => {
    const r = await run(["schema"]);
    expect(r.status).toBe(0);
    const bundled = readFileSync(join(root, "scenarios/scenario.schema.json"), "utf8");
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(bundled));
    expect(r.stdout).toBe(bundled);
  });

  it("scenarios lists every bundled file with its name and the first line of its description", async () => {
    const r = await run(["scenarios", "--json"]);
    expect(r.status, r.stderr).toBe(0);
    const list = JSON.parse(r.stdout) as { name: string; file: string; summary: string; variants: number }[];
    const expected = ["ai-bust", "baseline", "exit-wave", "fast-exodus", "hold", "mullet", "price-crash", "exit-speed"];
    expect(list.map((s) => s.name)).toEqual(expected);
    for (const s of list) {
      const text = readFileSync(join(root, s.file), "utf8");
      const first = /description: \|\n {2}(.*)\n/.exec(text)?.[1];
      expect(s.summary).toBe(first);
    }
    const table = await run(["scenarios"]);
    expect(table.status).toBe(0);
    const rows = table.stdout.trim().split("\n");
    expect(rows[0]).toMatch(/^NAME\s+FILE\s+DESCRIPTION$/);
    expect(rows).toHaveLength(expected.length + 1);
    expect(rows.find((l) => l.startsWith("exit-speed"))).toMatch(/scenarios\/sweeps\/exit-speed\.yaml\s+\[5 variants\] /);
  });
});
