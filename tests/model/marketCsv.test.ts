import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  DailyPriceCsvError,
  dailyLogReturns,
  dayIndexFromIso,
  epochDayFromIso,
  fixedPricePath,
  isoFromEpochDay,
  parseDailyPriceCsv,
  weekdayOfEpochDay,
} from "../../src/model/market/index.js";

const FILE = "prices.csv";

function errorOf(text: string): DailyPriceCsvError {
  try {
    parseDailyPriceCsv(text, FILE);
  } catch (e) {
    if (e instanceof DailyPriceCsvError) return e;
    throw e;
  }
  throw new Error("expected a DailyPriceCsvError");
}

describe("parseDailyPriceCsv", () => {
  it("parses the shared BTC/USD file: 4,018 days, 2012-01-01 … 2022-12-31, ascending, no gaps", () => {
    const text = readFileSync(new URL("../../../shared/data/btc_usd_daily_2012_2022.csv", import.meta.url), "utf8");
    const s = parseDailyPriceCsv(text, "btc_usd_daily_2012_2022.csv");
    expect(s.prices.length).toBe(4018); // PROVENANCE.md: 4,018 days
    expect(isoFromEpochDay(s.epochDays[0]!)).toBe("2012-01-01");
    expect(isoFromEpochDay(s.epochDays[s.epochDays.length - 1]!)).toBe("2022-12-31");
    expect(s.prices[0]).toBe(4.58);
    expect(s.lines[0]).toBe(2);
    // dailyLogReturns checks contiguity; the returns telescope to ln(last/first).
    const r = dailyLogReturns(s);
    let sum = 0;
    for (const x of r) sum += x;
    expect(sum).toBeCloseTo(Math.log(s.prices[s.prices.length - 1]! / s.prices[0]!), 9);
    // A sub-range by dates.
    expect(dailyLogReturns(s, "2020-01-01", "2020-12-31").length).toBe(365); // 366 days in 2020
  });

  it("accepts a BOM, CRLF line ends, spaces and trailing empty lines", () => {
    const s = parseDailyPriceCsv("\ufeffDate, BTC_USD\r\n2020-01-01, 7200.5\r\n2020-01-02,7300\r\n\r\n\n", FILE);
    expect(Array.from(s.prices)).toEqual([7200.5, 7300]);
    expect(Array.from(s.lines)).toEqual([2, 3]);
  });

  it("names the file and line of each kind of error", () => {
    expect(errorOf("").message).toMatch(/^prices\.csv: empty file/);
    expect(errorOf("day,price\n2020-01-01,1\n").message).toMatch(/^prices\.csv:1: expected the header "date,btc_usd"/);
    expect(errorOf("date,btc_usd\n").message).toMatch(/no data rows/);
    const cases: [string, RegExp][] = [
      ["2020-01-01,1\n2020-02-30,2", /^prices\.csv:3: date \(column 1\) is not a valid date YYYY-MM-DD: "2020-02-30"/],
      ["2020-01-01,1\n20200102,2", /^prices\.csv:3: date \(column 1\) is not a valid date/],
      ["2020-01-02,1\n2020-01-01,2", /^prices\.csv:3: dates must be strictly ascending: 2020-01-01 comes after 2020-01-02/],
      ["2020-01-01,1\n2020-01-01,2", /^prices\.csv:3: dates must be strictly ascending/],
      ["2020-01-01,abc", /^prices\.csv:2: btc_usd \(column 2\) is not a number: "abc"/],
      ["2020-01-01,", /^prices\.csv:2: btc_usd \(column 2\) is not a number: ""/],
      ["2020-01-01,0x10", /^prices\.csv:2: btc_usd \(column 2\) is not a number/],
      ["2020-01-01,-5", /^prices\.csv:2: btc_usd \(column 2\) must be a positive number, got "-5"$/],
      ["2020-01-01,-0.5e3", /^prices\.csv:2: btc_usd \(column 2\) must be a positive number, got "-0.5e3"$/],
      ["2020-01-01,--5", /^prices\.csv:2: btc_usd \(column 2\) is not a number: "--5"$/],
      ["2020-01-01,0", /^prices\.csv:2: btc_usd \(column 2\) must be a positive number, got "0"$/],
      ["2020-01-01,1e400", /^prices\.csv:2: btc_usd \(column 2\) must be a finite positive number, got "1e400"$/],
      ["2020-01-01,1,2", /^prices\.csv:2: expected 2 fields/],
      ['2020-01-01,"1"', /^prices\.csv:2: quoted fields/],
      ["2020-01-01,1\n\n2020-01-02,2", /^prices\.csv:3: empty line between data rows/],
    ];
    for (const [body, re] of cases) {
      const e = errorOf(`date,btc_usd\n${body}\n`);
      expect(e.message).toMatch(re);
      expect(e.source).toBe(FILE);
    }
    expect(errorOf("date,btc_usd\n2020-01-01,1\n2020-01-01,2\n").line).toBe(3);
  });

  it("dailyLogReturns and fixedPricePath reject gaps, naming the line and dates", () => {
    const s = parseDailyPriceCsv("date,btc_usd\n2020-01-01,1\n2020-01-02,2\n2020-01-04,4\n", FILE);
    expect(() => dailyLogReturns(s)).toThrow(/prices\.csv:4: gap in daily data: 2020-01-02 \(line 3\) is followed by 2020-01-04/);
    expect(Array.from(dailyLogReturns(s, "2020-01-01", "2020-01-02"))).toEqual([Math.log(2)]);
    expect(() => fixedPricePath(s, "2020-01-01", 2)).toThrow(/gap in daily data: no row for 2020-01-03/);
    expect(Array.from(fixedPricePath(s, "2020-01-01", 1))).toEqual([1, 2]);
    expect(() => fixedPricePath(s, "2019-12-31", 1)).toThrow(/no row for the start date 2019-12-31/);
    expect(() => fixedPricePath(s, "2020-01-02", 5)).toThrow(/runs past the data/);
  });
});

describe("ISO dates", () => {
  it("converts dates to day numbers and back, and knows weekdays", () => {
    expect(epochDayFromIso("1970-01-01")).toBe(0);
    expect(isoFromEpochDay(epochDayFromIso("2026-03-01"))).toBe("2026-03-01");
    expect(dayIndexFromIso("2026-03-01", "2028-04-17")).toBe(778);
    expect(weekdayOfEpochDay(epochDayFromIso("2026-03-01"))).toBe(0); // a Sunday
    expect(weekdayOfEpochDay(epochDayFromIso("2024-04-20"))).toBe(6); // halving day, a Saturday
    expect(() => epochDayFromIso("2021-02-29")).toThrow(/2021-02-29/);
    expect(() => epochDayFromIso("2021-1-01")).toThrow(RangeError);
  });
});
