/**
 * Reading a CSV result table (series.csv, epochs.csv, compare.csv): the header must be
 * exactly the format's columns, every row must have as many fields, and each row is
 * turned into a value by the format's own function. Every error is a ResultError
 * BAD_FORMAT naming the file, and the line where there is one.
 */
import { ResultError } from "./errors.js";
import { parseCsv } from "./format.js";

/**
 * The rows of CSV `text` with header `columns`, each given to `row` (whose errors, a
 * parseNumber SyntaxError say, are reported with the line). `where` names the file in errors.
 */
export function parseCsvTable<T>(where: string, text: string, columns: readonly string[], row: (fields: readonly string[]) => T): T[] {
  let rows: string[][];
  try {
    rows = parseCsv(text);
  } catch (err) {
    throw new ResultError("BAD_FORMAT", `${where}: ${(err as Error).message}`);
  }
  const header = rows[0];
  if (header === undefined || header.join(",") !== columns.join(",")) {
    throw new ResultError("BAD_FORMAT", `${where}: header must be ${columns.join(",")}, got ${header?.join(",") ?? "nothing"}`);
  }
  const out: T[] = [];
  for (let i = 1; i < rows.length; i++) {
    const fields = rows[i]!;
    if (fields.length !== columns.length) throw new ResultError("BAD_FORMAT", `${where} line ${i + 1}: ${fields.length} fields, expected ${columns.length}`);
    try {
      out.push(row(fields));
    } catch (err) {
      throw new ResultError("BAD_FORMAT", `${where} line ${i + 1}: ${(err as Error).message}`);
    }
  }
  return out;
}
