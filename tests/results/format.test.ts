/**
 * Number, date and CSV formatting of the result files (src/results/format.ts): the
 * documented rules on fixed cases, and round trips as properties.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvLine, formatNumber, gridLabels, parseCsv, parseNumber, resultJson } from "../../src/results/index.js";

describe("formatNumber", () => {
  it("writes NaN as empty, zeros as 0, integers below 1e10 exactly, others to 10 significant digits", () => {
    expect(formatNumber(NaN)).toBe("");
    expect(formatNumber(0)).toBe("0");
    expect(formatNumber(-0)).toBe("0");
    expect(formatNumber(1735689600)).toBe("1735689600");
    expect(formatNumber(4294967295)).toBe("4294967295");
    expect(formatNumber(1 / 3)).toBe("0.3333333333");
    expect(formatNumber(-2 / 3)).toBe("-0.6666666667");
    expect(formatNumber(0.1 + 0.2)).toBe("0.3");
    expect(formatNumber(123456789012)).toBe("123456789000");
    expect(formatNumber(98765.432109876)).toBe("98765.43211");
    expect(formatNumber(Infinity)).toBe("inf");
    // Rounding the largest doubles to 10 digits would overflow: they are written in full.
    expect(formatNumber(Number.MAX_VALUE)).toBe("1.7976931348623157e+308");
    expect(formatNumber(-Infinity)).toBe("-inf");
  });

  it("uses the exponent form below 1e-6 and from 1e21 (Number::toString)", () => {
    expect(formatNumber(0.000001234567891234)).toBe("0.000001234567891");
    expect(formatNumber(1.5e-7)).toBe("1.5e-7");
    expect(formatNumber(1e21)).toBe("1e+21");
    expect(formatNumber(2.5e21)).toBe("2.5e+21");
    expect(formatNumber(123456789012345680000)).toBe("123456789000000000000");
  });

  it("reads back as the value rounded to 10 significant digits (relative error ≤ 5e-10)", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const back = parseNumber(formatNumber(x));
        const rounded = Number(x.toPrecision(10));
        expect(back).toBe(x === 0 ? 0 : Number.isFinite(rounded) ? rounded : x);
        if (x !== 0 && Math.abs(x) > 1e-300) expect(Math.abs(back - x)).toBeLessThanOrEqual(5e-10 * Math.abs(x));
      }),
      { seed: 20260301, numRuns: 2000 },
    );
    expect(Number.isNaN(parseNumber(""))).toBe(true);
    expect(() => parseNumber("abc")).toThrow(SyntaxError);
    expect(() => parseNumber(" 1")).toThrow(SyntaxError);
  });
});

describe("gridLabels", () => {
  it("gives ISO dates for midnight grids and full ISO times otherwise", () => {
    const day = Date.UTC(2026, 2, 1) / 1000;
    expect(gridLabels([day, day + 7 * 86400])).toEqual(["2026-03-01", "2026-03-08"]);
    expect(gridLabels([day, day + 3600])).toEqual(["2026-03-01T00:00:00Z", "2026-03-01T01:00:00Z"]);
  });
});

describe("CSV", () => {
  it("quotes fields with commas, quotes or line breaks (RFC 4180) and parses them back", () => {
    expect(csvLine(["a", "T (1e12, Core)", 'say "hi"', "x\ny"])).toBe('a,"T (1e12, Core)","say ""hi""","x\ny"\n');
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ unit: fc.constantFrom("a", ",", '"', "\n", "\r", " ", "é", "1") }), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const text = rows.map(csvLine).join("");
        // A row of one empty field is an empty line: it reads back as [""].
        expect(parseCsv(text)).toEqual(rows);
      }),
      { seed: 7, numRuns: 500 },
    );
    expect(parseCsv("a,b\r\n1,2")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });

  it("refuses an unterminated quote and stray quotes, naming the line", () => {
    expect(() => parseCsv('a,b\n"open,1\n')).toThrow(/line 2: unterminated/);
    expect(() => parseCsv('a,b\nx"y,1\n')).toThrow(/line 2: a quote inside an unquoted field/);
    expect(() => parseCsv('"a"b\n')).toThrow(/line 1: unexpected "b"/);
  });
});

describe("resultJson", () => {
  it("writes exact numbers, NaN as null, a final line end", () => {
    expect(resultJson({ a: 0.1, b: NaN, c: [1 / 3] })).toBe('{\n  "a": 0.1,\n  "b": null,\n  "c": [\n    0.3333333333333333\n  ]\n}\n');
  });
});
