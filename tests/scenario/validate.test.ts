import { describe, expect, it } from "vitest";
import * as z from "zod";
import {
  formatIssue,
  loadScenarioFromString,
  Provenance,
  parseScenarioYaml,
  validateData,
} from "../../src/scenario/index.js";
import { BASELINE_YAML, ExampleScenario } from "./exampleSchema.js";
import { issueAt, positionOf, scenarioError } from "./helpers.js";

const FILE = "bad.yaml";

function load(text: string) {
  return loadScenarioFromString(text, ExampleScenario, { file: FILE });
}

/** Replaces `from` (which must occur exactly once) with `to`. */
function edit(from: string, to: string): (y: string) => string {
  return (y) => {
    const first = y.indexOf(from);
    if (first < 0 || y.indexOf(from, first + 1) >= 0) throw new Error(`"${from}" must occur once`);
    return y.replace(from, to);
  };
}

interface Row {
  readonly name: string;
  readonly edit: (yaml: string) => string;
  /** Key path the issue must name. */
  readonly path: string;
  /**
   * Text in the edited file at which the issue must point (line and column of its start);
   * with a "|", the position just after the text before the bar.
   */
  readonly at: string;
  readonly occurrence?: number;
  /** Substring of the message. */
  readonly message: string;
  readonly suggestion?: string;
  /** The input has several issues of this kind (YAML syntax errors): check the first. */
  readonly several?: boolean;
}

const manyMiners = Array.from(
  { length: 51 },
  (_, i) => `  - id: M${i}\n    powerMW: 10\n    jPerTh: 20\n    powerPriceUsdPerMWh: 40\n`,
).join("");

const ROWS: Row[] = [
  {
    name: "wrong type",
    edit: edit("powerMW: 900", "powerMW: abc"),
    path: "miners[2].powerMW",
    at: "abc",
    message: 'expected a number between 0 and 100000 (MW), found "abc"',
  },
  {
    name: "out of range",
    edit: edit("powerMW: 1700", "powerMW: 250000"),
    path: "miners[0].powerMW",
    at: "250000",
    message: "expected a number between 0 and 100000 (MW), found 250000",
  },
  {
    name: "exclusive lower bound",
    edit: edit("itMW: 200", "itMW: 0"),
    path: "miners[1].contracts[0].itMW",
    at: "itMW: |0",
    message: "expected a number > 0 and ≤ 5000 (MW), found 0",
  },
  {
    name: "not an integer",
    edit: edit("paths: 2000", "paths: 2000.5"),
    path: "paths",
    at: "2000.5",
    message: "expected an integer between 1 and 1000000 (paths), found 2000.5",
  },
  {
    name: "infinite number",
    edit: edit("hashrateEHs: 950", "hashrateEHs: .inf"),
    path: "network.hashrateEHs",
    at: ".inf",
    message: "found .inf",
  },
  {
    name: "empty value",
    edit: edit("hashrateEHs: 950", "hashrateEHs:"),
    path: "network.hashrateEHs",
    at: "hashrateEHs:",
    message: "found null",
  },
  {
    name: "unknown key with suggestion",
    edit: edit("  hashrateEHs: 950\n", "  hashrateEHs: 950\n  exitSpeeed: 2\n"),
    path: "network.exitSpeeed",
    at: "exitSpeeed",
    message: 'unknown key "exitSpeeed"',
    suggestion: "exitSpeed",
  },
  {
    name: "unknown key differing in case",
    edit: edit("    powerMW: 900", "    powermw: 900"),
    path: "miners[2].powermw",
    at: "powermw",
    message: 'unknown key "powermw"',
    suggestion: "powerMW",
  },
  {
    name: "unknown key without a close match lists the allowed keys",
    edit: edit("paths: 2000\n", "paths: 2000\ncolour: red\n"),
    path: "colour",
    at: "colour",
    message: "allowed here: name, paths, network, market, miners, quantiles",
  },
  {
    name: "missing required key",
    edit: edit("    jPerTh: 16\n", ""),
    path: "miners[2].jPerTh",
    at: "id: CLSK",
    message: "required key is missing: expected a number between 5 and 200 (J/TH)",
  },
  {
    name: "missing required block",
    edit: (y) => y.slice(0, y.indexOf("market:")) + y.slice(y.indexOf("miners:")),
    path: "market",
    at: "name: baseline",
    message: "required key is missing: expected a map of keys",
  },
  {
    name: "a block of the wrong type",
    edit: (y) => y.slice(0, y.indexOf("network:")) + "network: 5\n" + y.slice(y.indexOf("market:")),
    path: "network",
    at: "5",
    message: "expected a map of keys, found 5",
  },
  {
    name: "impossible date",
    edit: edit("startDate: 2026-03-01", "startDate: 2026-02-30"),
    path: "network.startDate",
    at: "2026-02-30",
    message: 'expected an ISO 8601 date YYYY-MM-DD, found "2026-02-30"',
  },
  {
    name: "date not in ISO form",
    edit: edit("startDate: 2027-01-01", "startDate: 1/1/2027"),
    path: "miners[1].contracts[0].startDate",
    at: "1/1/2027",
    message: 'expected an ISO 8601 date YYYY-MM-DD, found "1/1/2027"',
  },
  {
    name: "date before the allowed range",
    edit: edit("startDate: 2026-03-01", "startDate: 2008-01-01"),
    path: "network.startDate",
    at: "2008-01-01",
    message: 'expected a date on or after 2009-01-03, found "2008-01-01"',
  },
  {
    name: "end before start",
    edit: edit("endDate: 2030-12-31", "endDate: 2025-12-31"),
    path: "network.endDate",
    at: "2025-12-31",
    message: 'expected a date after startDate (2026-03-01), found "2025-12-31"',
  },
  {
    name: "horizon too long",
    edit: edit("endDate: 2030-12-31", "endDate: 2070-12-31"),
    path: "network.endDate",
    at: "2070-12-31",
    message: "longer than 30 years",
  },
  {
    name: "contracts larger than the miner's capacity",
    edit: edit("itMW: 200", "itMW: 2000"),
    path: "miners[1].contracts",
    at: "- id: riot-ai-1",
    message: "contracts total 2000 MW of IT load, more than the miner's capacity powerMW = 1100 MW",
  },
  {
    name: "enum value with a typo",
    edit: edit("strategy: mullet", "strategy: treshold"),
    path: "miners[1].strategy",
    at: "treshold",
    message: 'expected one of "hodl", "mullet", "exit", "threshold" or "contracted", found "treshold"',
    suggestion: "threshold",
  },
  {
    name: "discriminator with a typo",
    edit: edit("model: gbm", "model: gmb"),
    path: "market.price.model",
    at: "gmb",
    message: 'expected one of "gbm" or "fixed", found "gmb"',
    suggestion: "gbm",
  },
  {
    name: "key of the other member of a union",
    edit: edit("model: gbm", "model: fixed"),
    path: "market.price.startUsd",
    at: "startUsd",
    message: 'unknown key "startUsd"',
  },
  {
    name: "duplicate miner id",
    edit: edit("id: RIOT", "id: MARA"),
    path: "miners[1].id",
    at: "MARA",
    occurrence: 1,
    message: 'duplicate id "MARA" (also item 0)',
  },
  {
    name: "too many miners",
    edit: (y) => y.slice(0, y.indexOf("miners:")) + "miners:\n" + manyMiners,
    path: "miners",
    at: "- id: M0",
    message: "expected at most 50 items, found a list of 51 items",
  },
  {
    name: "duplicate YAML key",
    edit: edit("paths: 2000\n", "paths: 2000\npaths: 3000\n"),
    path: "paths",
    at: "paths: 3000",
    message: 'duplicate key "paths" (first on line 3): map keys must be unique',
  },
  {
    name: "YAML syntax error",
    edit: edit("    jPerTh: 16\n", "   jPerTh: 16\n"),
    path: "",
    at: "jPerTh: 16",
    message: "YAML:",
    several: true,
  },
  {
    name: "a custom YAML tag",
    edit: edit("name: baseline", "name: !!binary aGVsbG8="),
    path: "name",
    // yaml's node range starts at the value after the tag.
    at: "aGVsbG8=",
    message: "the YAML tag !!binary is not allowed",
  },
  {
    name: "not a map at the top",
    edit: () => "- a\n- b\n",
    path: "",
    at: "- a",
    message: "a scenario file must be a map of keys",
  },
];

describe("bad scenario inputs (table)", () => {
  it("the baseline itself is valid", () => {
    expect(() => load(BASELINE_YAML)).not.toThrow();
  });

  for (const row of ROWS) {
    it(`${row.name}: names ${row.path || "the file"} with line and column`, () => {
      const text = row.edit(BASELINE_YAML);
      const err = scenarioError(() => load(text));
      const candidates = err.issues.filter((i) => i.path === row.path && i.message.includes(row.message));
      if (row.several === true) expect(candidates.length).toBeGreaterThan(0);
      else expect(candidates, `no issue at "${row.path}" containing "${row.message}" in:\n${err.format()}`).toHaveLength(1);
      const issue = candidates[0]!;
      const bar = row.at.indexOf("|");
      const base = positionOf(text, row.at.replace("|", ""), row.occurrence ?? 0);
      const pos = bar < 0 ? base : { line: base.line, column: base.column + bar };
      // YAML syntax errors point at the offending line; the column is yaml's choice.
      expect(issue.line).toBe(pos.line);
      if (!row.name.startsWith("YAML syntax")) expect(issue.column).toBe(pos.column);
      expect(issue.file).toBe(FILE);
      if (row.suggestion !== undefined) expect(issue.suggestion).toBe(row.suggestion);
      const line = formatIssue(issue);
      expect(line.startsWith(`${FILE}:${issue.line}:${issue.column}: `)).toBe(true);
      if (row.path !== "") expect(line).toContain(`: ${row.path}: `);
      expect(err.format()).not.toMatch(/\n\s+at /); // no stack trace in what the CLI prints
    });
  }
});

describe("structured parts of an issue", () => {
  it("carry what was expected and what was found", () => {
    const err = scenarioError(() => load(edit("powerMW: 900", "powerMW: abc")(BASELINE_YAML)));
    expect(issueAt(err, "miners[2].powerMW")).toMatchObject({ expected: "a number between 0 and 100000 (MW)", found: '"abc"' });
    const missing = scenarioError(() => load(edit("    jPerTh: 16\n", "")(BASELINE_YAML)));
    expect(issueAt(missing, "miners[2].jPerTh")).toMatchObject({ expected: "a number between 5 and 200 (J/TH)", found: "nothing" });
    const custom = scenarioError(() => load(edit("itMW: 200", "itMW: 2000")(BASELINE_YAML)));
    expect(issueAt(custom, "miners[1].contracts").expected).toBeUndefined();
  });
});

describe("several errors at once", () => {
  it("reports every problem in one error, sorted by line", () => {
    const text = [
      edit("powerMW: 900", "powerMW: abc"),
      edit("  hashrateEHs: 950\n", "  hashrateEHs: 950\n  exitSpeeed: 2\n"),
      edit("strategy: mullet", "strategy: treshold"),
      edit("endDate: 2030-12-31", "endDate: 2025-12-31"),
      edit("model: gbm", "model: gmb"),
    ].reduce((y, f) => f(y), BASELINE_YAML);
    const err = scenarioError(() => load(text));
    expect(err.issues.map((i) => i.path).sort()).toEqual(
      ["miners[2].powerMW", "network.exitSpeeed", "miners[1].strategy", "network.endDate", "market.price.model"].sort(),
    );
    const lines = err.issues.map((i) => i.line ?? 0);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    expect(err.format().split("\n")).toHaveLength(5);
    expect(err.message).toBe(err.format());
  });
});

describe("unknown keys with a non-strict z.object", () => {
  it("are still errors (zod would drop them silently)", () => {
    const Loose = z.object({ network: z.object({ exitSpeed: z.number() }), miners: z.array(z.object({ id: z.string() })) });
    const text = "network:\n  exitSpeed: 1\n  exitSped: 2\nminers:\n  - id: A\n    powr: 3\n";
    const err = scenarioError(() => loadScenarioFromString(text, Loose, { file: FILE }));
    expect(issueAt(err, "network.exitSped").suggestion).toBe("exitSpeed");
    expect(issueAt(err, "miners[0].powr").line).toBe(positionOf(text, "powr").line);
  });

  it("loose objects and records accept any key", () => {
    const Open = z.object({ a: z.looseObject({}), b: z.record(z.string(), z.number()) });
    const source = parseScenarioYaml("a: {x: 1}\nb: {y: 2}\n", FILE);
    const r = validateData(Open, source.data, Provenance.of(source));
    expect(r.ok).toBe(true);
  });
});

describe("plain unions", () => {
  const U = z.strictObject({ v: z.union([z.number(), z.strictObject({ x: z.number() })]) });
  const check = (text: string) => {
    const source = parseScenarioYaml(text, FILE);
    const r = validateData(U, source.data, Provenance.of(source));
    if (r.ok) throw new Error("expected failure");
    return r.issues;
  };
  it("a value of no member's type lists the member types", () => {
    const [issue] = check('v: "s"\n');
    expect(issue?.path).toBe("v");
    expect(issue?.message).toBe('expected a number or a map of keys, found "s"');
  });
  it("a member that matched the type reports its own deeper issue", () => {
    const [issue] = check("v:\n  x: nope\n");
    expect(issue?.path).toBe("v.x");
    expect(issue?.message).toBe('expected a number, found "nope"');
    expect(issue?.line).toBe(2);
  });
});
