import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatKeyPath,
  formatPath,
  getAt,
  KeyPathSyntaxError,
  parseKeyPath,
  pathStartsWith,
  resolveKeyPath,
} from "../../src/scenario/index.js";

describe("formatPath", () => {
  it("writes keys with dots, indices in brackets, odd keys quoted", () => {
    expect(formatPath(["miners", 2, "powerMW"])).toBe("miners[2].powerMW");
    expect(formatPath(["sweep", "grid", "network.exitSpeed", 1])).toBe('sweep.grid["network.exitSpeed"][1]');
    expect(formatPath([])).toBe("");
    expect(formatPath([0])).toBe("[0]");
  });
});

describe("parseKeyPath", () => {
  it("parses keys, indices and selectors", () => {
    expect(parseKeyPath("miners[id=MARA].contracts[0].itMW")).toEqual([
      { kind: "key", key: "miners" },
      { kind: "select", field: "id", value: "MARA" },
      { kind: "key", key: "contracts" },
      { kind: "index", index: 0 },
      { kind: "key", key: "itMW" },
    ]);
    expect(parseKeyPath("a[ id = X Y ]")).toEqual([
      { kind: "key", key: "a" },
      { kind: "select", field: "id", value: "X Y" },
    ]);
  });

  it.each(["", ".a", "a.", "a..b", "[0]", "a[", "a[]", "a[x]", "a[=x]", "a[0]b", "a b"])("refuses %j", (text) => {
    expect(() => parseKeyPath(text)).toThrow(KeyPathSyntaxError);
  });

  it("formatKeyPath inverts parseKeyPath", () => {
    const key = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,8}$/);
    const step = fc.oneof(
      key.map((k) => ({ kind: "key" as const, key: k })),
      fc.nat(99).map((i) => ({ kind: "index" as const, index: i })),
      fc.tuple(key, key).map(([f, v]) => ({ kind: "select" as const, field: f, value: v })),
    );
    fc.assert(
      fc.property(key, fc.array(step, { maxLength: 5 }), (first, rest) => {
        const steps = [{ kind: "key" as const, key: first }, ...rest];
        expect(parseKeyPath(formatKeyPath(steps))).toEqual(steps);
      }),
      { seed: 20260301, numRuns: 300 },
    );
  });
});

describe("resolveKeyPath", () => {
  const data = { miners: [{ id: "MARA", n: 1 }, { id: "RIOT" }, { id: 7 }], net: { x: 1 } };
  it("resolves selectors and indices; keys need not exist", () => {
    expect(resolveKeyPath(data, parseKeyPath("miners[id=RIOT].strategy"))).toEqual({ ok: true, path: ["miners", 1, "strategy"] });
    expect(resolveKeyPath(data, parseKeyPath("miners[id=7]"))).toEqual({ ok: true, path: ["miners", 2] });
    expect(resolveKeyPath(data, parseKeyPath("net.new.deeper"))).toEqual({ ok: true, path: ["net", "new", "deeper"] });
  });
  it("explains failures", () => {
    expect(resolveKeyPath(data, parseKeyPath("miners[id=X]"))).toMatchObject({
      ok: false,
      step: 1,
      message: "no item of miners has id=X (ids: MARA, RIOT, 7)",
      candidates: ["MARA", "RIOT", "7"],
    });
    expect(resolveKeyPath(data, parseKeyPath("miners[3]"))).toMatchObject({ ok: false, message: "index 3 is out of range: miners has 3 items" });
    expect(resolveKeyPath(data, parseKeyPath("net[0]"))).toMatchObject({ ok: false, message: "net is not a list, so [0] selects nothing" });
    const twice = { l: [{ id: "a" }, { id: "a" }] };
    expect(resolveKeyPath(twice, parseKeyPath("l[id=a]"))).toMatchObject({ ok: false, message: "2 items of l have id=a (items 0, 1); a selector must match one" });
  });
});

describe("getAt and pathStartsWith", () => {
  it("read along a concrete path", () => {
    expect(getAt({ a: [{ b: 3 }] }, ["a", 0, "b"])).toBe(3);
    expect(getAt({ a: [] }, ["a", 0, "b"])).toBeUndefined();
    expect(pathStartsWith(["a", 0, "b"], ["a", 0])).toBe(true);
    expect(pathStartsWith(["a", 0], ["a", 0, "b"])).toBe(false);
    expect(pathStartsWith(["a", 1], ["a", 0])).toBe(false);
  });
});
