/**
 * The build's constant-inlining transform (scripts/inline-constants.mjs) on a small program
 * compiled in memory: what it writes as literals and what it must leave alone.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { inlineNumericConstants } from "../../scripts/inline-constants.mjs";

const FILES: Record<string, string> = {
  "/p/consts.ts": [
    "export const MINING = 0;",
    "export const DAYS = 365;",
    "export const NEG = -2.5;",
    "export const TINY = 2 ** -1022;", // not a literal: kept as a reference
    "export let MUTABLE = 3;", // not const: kept
    "const LOCAL = 7;", // not exported: kept
    "export const NAME = 'MINING';",
    "export const FIELDS = Object.freeze({ hashrate: 0, price: 3, label: 'x' });",
    "export const PLAIN = { a: 1 };", // not frozen: kept
    "const EXTRA: { j?: number } = { j: 9 };",
    "export const SPREAD = Object.freeze({ j: 1, ...EXTRA });", // j is 9 (the last write): not inlined
    "export function local(): number { return LOCAL + DAYS; }",
  ].join("\n"),
  "/p/use.ts": [
    "import { MINING, DAYS, NEG, TINY, MUTABLE, NAME, FIELDS, PLAIN, SPREAD } from './consts.js';",
    "import * as C from './consts.js';",
    "const { DAYS: renamed, MINING: m0 } = C;",
    "export { MINING } from './consts.js';",
    "type T = typeof MINING;",
    "export const t: T = 0;",
    "export function f(mw: Float64Array, d: number): number {",
    "  const o = { MINING, DAYS: 1 };",
    "  const s = 'MINING DAYS';",
    "  switch (d) { case MINING: return mw[MINING]! / DAYS; }",
    "  return NEG ** 2 + NEG.toFixed().length + DAYS.toFixed().length + TINY + MUTABLE + NAME.length + o.DAYS + s.length",
    "    + FIELDS.price + FIELDS.label.length + PLAIN.a + o.MINING + renamed + m0 + SPREAD.j;",
    "}",
  ].join("\n"),
};

function compile(): Record<string, string> {
  const options: ts.CompilerOptions = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ES2022, strict: true, noUncheckedIndexedAccess: true, noEmitOnError: true, types: [] };
  const host = ts.createCompilerHost(options);
  const out: Record<string, string> = {};
  host.fileExists = (f) => f in FILES || (!f.startsWith("/p/") && ts.sys.fileExists(f));
  host.readFile = (f) => FILES[f] ?? (f.startsWith("/p/") ? undefined : ts.sys.readFile(f));
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (f, lang) => (f in FILES ? ts.createSourceFile(f, FILES[f]!, lang) : getSourceFile(f, lang));
  host.resolveModuleNameLiterals = (lits) =>
    lits.map((l) => ({ resolvedModule: { resolvedFileName: `/p/${l.text.replace("./", "").replace(".js", ".ts")}`, extension: ts.Extension.Ts } }));
  host.writeFile = (f, text) => {
    out[f] = text;
  };
  const program = ts.createProgram(Object.keys(FILES), { ...options, lib: ["lib.es2022.d.ts"] }, host);
  const diagnostics = ts.getPreEmitDiagnostics(program);
  expect(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"))).toEqual([]);
  program.emit(undefined, undefined, undefined, false, { before: [inlineNumericConstants(program.getTypeChecker())] });
  return out;
}

describe("inlineNumericConstants", () => {
  const out = compile();
  const use = out["/p/use.js"]!;
  const consts = out["/p/consts.js"]!;

  it("writes exported numeric consts and frozen-object numbers as literals with their names", () => {
    expect(use).toContain("case 0 /* MINING */:");
    expect(use).toContain("mw[0 /* MINING */] / 365 /* DAYS */");
    expect(use).toContain("(-2.5) /* NEG */ ** 2");
    expect(use).toContain("+ 3 /* FIELDS.price */ +");
    expect(consts).toContain("return LOCAL + 365 /* DAYS */;");
  });

  it("emits code that runs and computes what the source says", async () => {
    // `365.toFixed()` would not parse; `365 /* DAYS */.toFixed()` does. Run the emitted pair.
    const dir = mkdtempSync(join(tmpdir(), "inline-"));
    try {
      writeFileSync(join(dir, "package.json"), '{"type": "module"}');
      writeFileSync(join(dir, "consts.js"), consts);
      writeFileSync(join(dir, "use.js"), use);
      const m = (await import(pathToFileURL(join(dir, "use.js")).href)) as { f(mw: Float64Array, d: number): number };
      expect(m.f(Float64Array.of(4), 0)).toBe(4 / 365);
      const o = { MINING: 0, DAYS: 1 };
      const want = (-2.5) ** 2 + (-2.5).toFixed().length + (365).toFixed().length + 2 ** -1022 + 3 + "MINING".length + o.DAYS + "MINING DAYS".length + 3 + 1 + 1 + o.MINING + 365 + 0 + 9;
      expect(m.f(Float64Array.of(4), 1)).toBe(want);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("leaves declarations, import/export lists, shorthand properties, strings and non-literals alone", () => {
    expect(use).toContain("import { MINING, DAYS, NEG, TINY, MUTABLE, NAME, FIELDS, PLAIN, SPREAD } from './consts.js';");
    expect(use).toContain("const { DAYS: renamed, MINING: m0 } = C;");
    expect(use).toContain("+ renamed + m0 + SPREAD.j;");
    expect(use).toContain("export { MINING } from './consts.js';");
    expect(use).toContain("{ MINING, DAYS: 1 }");
    expect(use).toContain("'MINING DAYS'");
    expect(use).toContain("+ TINY + MUTABLE + NAME.length + o.DAYS");
    expect(use).toContain("FIELDS.label.length + PLAIN.a + o.MINING");
    expect(consts).toContain("export const MINING = 0;");
    expect(consts).toContain("export const FIELDS = Object.freeze({ hashrate: 0, price: 3, label: 'x' });");
  });
});
