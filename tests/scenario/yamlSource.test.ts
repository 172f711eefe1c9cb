import { truncateSync, writeFileSync } from "node:fs";
import * as fs from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import {
  flowDepthExceeded,
  MAX_NESTING_DEPTH,
  MAX_SCENARIO_BYTES,
  parseScenarioYaml,
  readScenarioYaml,
  readTextWithLimit,
} from "../../src/scenario/index.js";
import { positionOf, removeDir, scenarioError, tempFiles } from "./helpers.js";

// Spy on reads so the size test can show that an oversized file is never read.
vi.mock("node:fs", async (importOriginal) => {
  const orig = await importOriginal<typeof import("node:fs")>();
  return { ...orig, readFileSync: vi.fn(orig.readFileSync) };
});

const dir = tempFiles({ "ok.yaml": "a: 1\n" });
afterAll(() => removeDir(dir));

/** The classic "billion laughs" document: 9 levels of 9 aliases each (9^9 strings). */
function aliasBomb(levels = 9): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < levels; i++) {
    const prev = String.fromCharCode(96 + i);
    const cur = String.fromCharCode(97 + i);
    lines.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(", ")}]`);
  }
  return `${lines.join("\n")}\n`;
}

describe("parseScenarioYaml: plain data only", () => {
  it("keeps dates as strings and reads YAML 1.2 core scalars", () => {
    const src = parseScenarioYaml("d: 2026-03-01\nyes_: yes\nn: 0x1F\nf: 1.5e3\nb: true\nz: ~\ns: '12'\n", "t.yaml");
    expect(src.data).toEqual({ d: "2026-03-01", yes_: "yes", n: 31, f: 1500, b: true, z: null, s: "12" });
  });

  it("expands a few aliases into independent copies", () => {
    const src = parseScenarioYaml("base: &c {itMW: 10}\nx: *c\ny: *c\n", "t.yaml");
    const data = src.data as Record<string, { itMW: number }>;
    expect(data["x"]).toEqual({ itMW: 10 });
    expect(data["x"]).not.toBe(data["y"]);
  });

  it("refuses an alias bomb quickly with a clear message", () => {
    const text = aliasBomb();
    const t0 = performance.now();
    const err = scenarioError(() => parseScenarioYaml(text, "bomb.yaml"));
    const ms = performance.now() - t0;
    expect(ms).toBeLessThan(1000);
    expect(err.issues).toHaveLength(1);
    expect(err.issues[0]?.message).toContain("too many YAML alias expansions");
    expect(err.issues[0]?.file).toBe("bomb.yaml");
    expect(err.issues[0]?.line).toBeGreaterThan(1);
  });

  it("forbids aliases when maxAliasCount is 0", () => {
    const err = scenarioError(() => parseScenarioYaml("a: &x 1\nb: *x\n", "t.yaml", { maxAliasCount: 0 }));
    expect(err.issues[0]?.message).toBe("YAML aliases are not allowed here");
    expect(err.issues[0]?.line).toBe(2);
  });

  it("refuses an alias to a map that contains it", () => {
    const err = scenarioError(() => parseScenarioYaml("a: &x\n  b: *x\n", "t.yaml"));
    expect(err.issues).toHaveLength(1);
    expect(err.issues[0]).toMatchObject({ line: 2, column: 6, message: "YAML alias *x refers to a map or list that contains it" });
  });

  it("caps the number of values after expansion", () => {
    const text = `a: [${Array.from({ length: 50 }, (_, i) => i).join(", ")}]\n`;
    const err = scenarioError(() => parseScenarioYaml(text, "t.yaml", { maxNodes: 20 }));
    expect(err.issues[0]?.message).toBe("too much data: over 20 values after expanding aliases");
  });

  it("refuses deep flow nesting before parsing, quickly", () => {
    const depth = 300_000;
    const text = `a: ${"[".repeat(depth)}${"]".repeat(depth)}\n`;
    const t0 = performance.now();
    const err = scenarioError(() => parseScenarioYaml(text, "t.yaml"));
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(err.issues[0]).toMatchObject({ line: 1, column: 4 + MAX_NESTING_DEPTH, message: `nested more than ${MAX_NESTING_DEPTH} levels deep` });
  });

  it("the flow-depth scan ignores brackets in quotes and comments", () => {
    const many = "[".repeat(MAX_NESTING_DEPTH + 1);
    expect(flowDepthExceeded(`a: "${many}"\nb: '${many}'\n# ${many}\n`, MAX_NESTING_DEPTH)).toBe(-1);
    expect(parseScenarioYaml(`a: "${many}" # ${many}\n`, "t.yaml").data).toEqual({ a: many });
  });

  it("checks duplicate keys itself, with one map lookup per key, not with yaml's quadratic check", () => {
    // yaml's own uniqueKeys check compares every key with every earlier one (~100 s for
    // 120,000 keys here), so the parser turns it off and checks keys with a Map. No clock
    // here (no timed assertions): a duplicate at the end of a 40,000-key map is reported in
    // our words, with the line of the first occurrence, which yaml's check would have
    // pre-empted with its own message; and the whole map comes through.
    const n = 40_000;
    const text = Array.from({ length: n }, (_, i) => `k${i}: ${i}`).join("\n");
    const data = parseScenarioYaml(text, "t.yaml").data as Record<string, number>;
    expect(Object.keys(data)).toHaveLength(n);
    expect(data[`k${n - 1}`]).toBe(n - 1);
    const err = scenarioError(() => parseScenarioYaml(`${text}\nk7: 1\n`, "t.yaml"));
    expect(err.issues).toHaveLength(1);
    expect(err.issues[0]?.message).toBe('duplicate key "k7" (first on line 8): map keys must be unique');
    expect(err.issues[0]?.line).toBe(n + 1);
  });

  it("caps the nesting depth of block (indented) maps", () => {
    const depth = MAX_NESTING_DEPTH + 5;
    const text = Array.from({ length: depth }, (_, i) => `${" ".repeat(i)}a:`).join("\n") + " 1\n";
    const err = scenarioError(() => parseScenarioYaml(text, "t.yaml"));
    expect(err.issues[0]?.message).toBe(`nested more than ${MAX_NESTING_DEPTH} levels deep`);
    // Line k+1 holds the map nested k levels deep; the first one too deep is level 65.
    expect(err.issues[0]?.line).toBe(MAX_NESTING_DEPTH + 2);
    const ok = Array.from({ length: MAX_NESTING_DEPTH }, (_, i) => `${" ".repeat(i)}a:`).join("\n") + " 1\n";
    expect(() => parseScenarioYaml(ok, "t.yaml")).not.toThrow();
  });

  it.each([
    ["explicit non-JSON tag", "a: !!binary aGVsbG8=\n", "the YAML tag !!binary is not allowed"],
    ["unknown local tag", "a: !money 12\n", "Unresolved tag: !money"],
    ["a list as a key", "? [a, b]\n: 1\n", "map keys must be plain words or numbers"],
    ["the __proto__ key", "__proto__: {x: 1}\n", 'the key "__proto__" is not allowed'],
    ["two documents", "a: 1\n---\nb: 2\n", "Source contains multiple documents"],
    ["duplicate keys", "a: 1\nb: 2\na: 3\n", 'a: duplicate key "a" (first on line 1): map keys must be unique'],
  ])("refuses %s", (_name, text, message) => {
    const err = scenarioError(() => parseScenarioYaml(text, "t.yaml"));
    expect(err.format()).toContain(message);
    expect(err.issues.every((i) => i.line !== undefined && i.column !== undefined)).toBe(true);
  });

  it("allows the standard JSON-like tags", () => {
    expect(parseScenarioYaml("a: !!str 12\nb: !!float 1.5\n", "t.yaml").data).toEqual({ a: "12", b: 1.5 });
  });

  it("gives line and column of a syntax error", () => {
    const text = "a:\n  b: 1\n c: 2\n";
    const err = scenarioError(() => parseScenarioYaml(text, "t.yaml"));
    const pos = positionOf(text, "c: 2");
    // yaml reports the start of the badly indented line.
    expect(err.issues[0]).toMatchObject({ file: "t.yaml", line: pos.line, column: 1 });
    expect(err.issues[0]?.message).toMatch(/^YAML: /);
    expect(err.issues[0]?.message).not.toContain("\n");
  });

  it("refuses text over the size limit", () => {
    const err = scenarioError(() => parseScenarioYaml("a: 1\n".repeat(100), "t.yaml", { maxBytes: 100 }));
    expect(err.issues[0]?.message).toBe("the text is over the 100 bytes limit for scenario files");
  });
});

describe("locate", () => {
  const text = "network:\n  exitSpeed: 2\n  empty:\nminers:\n  - id: A\n    powerMW: 5\n";
  const src = parseScenarioYaml(text, "t.yaml");
  it("points at a value, or at its key on request", () => {
    expect(src.locate(["miners", 0, "powerMW"])).toEqual(positionOf(text, "5\n"));
    expect(src.locate(["miners", 0, "powerMW"], { key: true })).toEqual(positionOf(text, "powerMW"));
  });
  it("points at the key of an empty value", () => {
    expect(src.locate(["network", "empty"])).toEqual(positionOf(text, "empty"));
  });
  it("points at the deepest existing key for a missing one", () => {
    expect(src.locate(["network", "nope"])).toEqual(positionOf(text, "network"));
    expect(src.locate(["miners", 0, "nope"])).toEqual(positionOf(text, "id: A"));
    expect(src.locate(["miners", 7, "x"])).toEqual(positionOf(text, "miners"));
  });
});

describe("reading files", () => {
  it("reads a small file", () => {
    expect(readScenarioYaml(join(dir, "ok.yaml"), "ok.yaml").data).toEqual({ a: 1 });
  });

  it("refuses a 50 MB file from its size alone, without reading it", () => {
    const big = join(dir, "huge.yaml");
    writeFileSync(big, "");
    truncateSync(big, 50 * 1024 * 1024); // sparse: no data blocks written
    const readSpy = vi.mocked(fs.readFileSync);
    readSpy.mockClear();
    const t0 = performance.now();
    const err = scenarioError(() => readScenarioYaml(big, "huge.yaml"));
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(readSpy.mock.calls.filter((c) => String(c[0]) === big)).toHaveLength(0);
    expect(err.issues[0]).toMatchObject({ file: "huge.yaml", path: "" });
    expect(err.issues[0]?.message).toBe(
      `cannot load: the file is 50 MiB, over the ${MAX_SCENARIO_BYTES / (1024 * 1024)} MiB limit for scenario files`,
    );
  });

  it("the spy does see ordinary reads (so the test above can fail)", () => {
    const readSpy = vi.mocked(fs.readFileSync);
    readSpy.mockClear();
    readScenarioYaml(join(dir, "ok.yaml"), "ok.yaml");
    expect(readSpy.mock.calls.length).toBeGreaterThan(0);
  });

  it("names a missing file and a directory", () => {
    expect(readTextWithLimit(join(dir, "nope.yaml"))).toEqual({ ok: false, reason: "no such file" });
    expect(readTextWithLimit(dir)).toEqual({ ok: false, reason: "not a regular file" });
  });
});
