import { describe, expect, it } from "vitest";
import { formatInt, formatPercent, formatValue, textWidth, vegaTextWidth } from "../../src/report/index.js";

describe("textWidth", () => {
  it("adds the table's advance widths (DejaVu Sans: digits 0.636 em, space 0.318 em)", () => {
    expect(textWidth("0", 10, false)).toBeCloseTo(6.36, 12);
    expect(textWidth("10 00", 10, false)).toBeCloseTo(4 * 6.36 + 3.18, 12);
    expect(textWidth("MW", 12, true)).toBeGreaterThan(textWidth("MW", 12, false));
    expect(textWidth("", 12, false)).toBe(0);
  });

  it("is narrower than Vega's 0.8 em guess for ordinary text", () => {
    const s = "Network hashrate (EH/s)";
    expect(textWidth(s, 12, false)).toBeLessThan(0.8 * s.length * 12);
  });
});

describe("vegaTextWidth", () => {
  it("reads size (11 px by default), weight and limit from the item", () => {
    expect(vegaTextWidth({}, "0")).toBeCloseTo(11 * 0.636, 12);
    expect(vegaTextWidth({ fontSize: 20, fontWeight: "bold" }, "a")).toBeCloseTo(textWidth("a", 20, true), 12);
    expect(vegaTextWidth({ fontSize: 20, fontWeight: 700 }, "a")).toBeCloseTo(textWidth("a", 20, true), 12);
    expect(vegaTextWidth({ fontSize: 12, limit: 30 }, "a long axis label")).toBe(30);
    expect(vegaTextWidth({ fontSize: 12 }, null)).toBe(0);
  });
});

describe("format", () => {
  it("groups thousands and rounds to significant digits, independent of locale", () => {
    expect(formatInt(1234567)).toBe("1,234,567");
    expect(formatInt(-1200)).toBe("−1,200");
    expect(formatValue(1234.567)).toBe("1,235");
    expect(formatValue(0.012345)).toBe("0.01235");
    expect(formatValue(-0.5)).toBe("−0.5");
    expect(formatValue(NaN)).toBe("–");
    expect(formatPercent(0.1234)).toBe("12.3 %");
    expect(formatPercent(1)).toBe("100 %");
  });
});
