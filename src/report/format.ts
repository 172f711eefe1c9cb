/**
 * Number formatting for the page, independent of the machine's locale and ICU data (the
 * output must be byte-identical everywhere).
 */

/** An integer with thin thousands separators: 1234567 → "1,234,567". */
export function formatInt(n: number): string {
  if (!Number.isFinite(n)) return "–";
  const s = Math.round(Math.abs(n)).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return n < 0 ? `−${s}` : s;
}

/**
 * A value with `digits` significant digits, thousands separated, no exponent below 1e15:
 * 1234.567 → "1,235"; 0.012345 → "0.01235"; NaN → "–".
 */
export function formatValue(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return "–";
  if (x === 0) return "0";
  const a = Math.abs(x);
  const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(a)));
  const fixed = a.toFixed(Math.min(decimals, 12));
  const [int, frac] = fixed.split(".");
  const body = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (frac !== undefined ? `.${frac.replace(/0+$/, "")}`.replace(/\.$/, "") : "");
  return x < 0 ? `−${body}` : body;
}

/** A probability in percent: 0.1234 → "12.3 %"; exact 0 and 1 as "0 %" and "100 %". */
export function formatPercent(p: number): string {
  if (!Number.isFinite(p)) return "–";
  if (p === 0 || p === 1) return `${p * 100} %`;
  return `${(p * 100).toFixed(1)} %`;
}
