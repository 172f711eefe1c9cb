/**
 * What an imported binding costs in V8's optimised code, in instructions (valgrind): the same
 * small function written with its constants (or callees) imported from another module, as
 * module-local consts copied from the import, as exported consts of its own module, and as
 * literals. Shows why hot modules of src/model copy the imported constants and functions
 * they use into module-local consts (bench/README.md "Imported constants").
 *
 * Plain JS, no build needed. Optional: needs valgrind (says so and exits 0 without it).
 *   node bench/imports.mjs [--calls 1000000]
 *
 * Each variant runs in its own `valgrind --tool=cachegrind --cache-sim=no node
 * --single-threaded`, twice (200,000 calls, then 200,000 + N): the difference / N is the
 * cost of one call of the function (a call from a loop, not inlined into it).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseInstructionCount } from "./instructions.mjs";

const BODY = `
  y[A] = y[A] + x[A] * 2;
  y[B] = y[B] + x[B] * 2;
  y[C] = y[C] + x[C] * 2;
  y[D] = y[D] + x[D] * 2;
  for (let s = 0; s < N; s++) y[s] += x[s];`;

const FILES = {
  "consts.mjs": "export const A = 0, B = 1, C = 2, D = 3, N = 5;\n",
  "fns.mjs": [1, 2, 3, 4].map((k) => `export function g${k}(a) { return a * ${k + 1}; }`).join("\n") + "\n",
  // Constants.
  "imported.mjs": `import { A, B, C, D, N } from "./consts.mjs";\nexport function f(x, y) {${BODY}\n}\n`,
  "copied.mjs": `import * as c from "./consts.mjs";\nconst { A, B, C, D, N } = c;\nexport function f(x, y) {${BODY}\n}\n`,
  "exported.mjs": `export const A = 0, B = 1, C = 2, D = 3, N = 5;\nexport function f(x, y) {${BODY}\n}\n`,
  "literal.mjs": `export function f(x, y) {${BODY.replace(/\b([ABCD])\b/g, (m) => "ABCD".indexOf(m)).replace("< N", "< 5")}\n}\n`,
  // Functions (inlined into f).
  "importedFns.mjs": `import { g1, g2, g3, g4 } from "./fns.mjs";\nexport function f(x, y) { y[0] = g1(x[0]) + g2(x[1]) + g3(x[2]) + g4(x[3]); }\n`,
  "copiedFns.mjs": `import * as m from "./fns.mjs";\nconst { g1, g2, g3, g4 } = m;\nexport function f(x, y) { y[0] = g1(x[0]) + g2(x[1]) + g3(x[2]) + g4(x[3]); }\n`,
  "run.mjs": `const { f } = await import(\`./\${process.argv[2]}.mjs\`);
const n = Number(process.argv[3]);
const x = new Float64Array(5).fill(1), y = new Float64Array(5);
for (let i = 0; i < n; i++) f(x, y);
if (y[0] !== y[0]) console.log("NaN");
`,
};
const VARIANTS = [
  ["imported", "4 constants + loop bound imported"],
  ["copied", "the same, copied into module-local consts"],
  ["exported", "the same, exported consts of f's own module"],
  ["literal", "the same, literals"],
  ["importedFns", "4 imported functions called (inlined)"],
  ["copiedFns", "the same, copied into module-local consts"],
];
const BASE = 200_000;

function count(dir, variant, calls) {
  const r = spawnSync(
    "valgrind",
    ["--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null", process.execPath, "--single-threaded", "run.mjs", variant, String(calls)],
    { cwd: dir, encoding: "utf8" },
  );
  if (r.status !== 0) throw new Error(`valgrind ${variant} exited with ${r.status}:\n${r.stderr.slice(-1000)}`);
  return parseInstructionCount(r.stderr);
}

const args = process.argv.slice(2);
const i = args.indexOf("--calls");
const calls = i >= 0 ? Number(args[i + 1]) : 1_000_000;
if (spawnSync("valgrind", ["--version"]).status !== 0) {
  console.log("bench/imports.mjs: skipped, valgrind is not installed (`apt-get install valgrind`)");
} else {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "imports-bench-"));
  try {
    for (const [name, text] of Object.entries(FILES)) fs.writeFileSync(path.join(dir, name), text);
    console.log(`instructions per call of f (valgrind; (${BASE} + ${calls} calls − ${BASE} calls) / ${calls})`);
    for (const [v, label] of VARIANTS) {
      const per = (count(dir, v, BASE + calls) - count(dir, v, BASE)) / calls;
      console.log(`${v.padEnd(12)} ${per.toFixed(1).padStart(7)}  ${label}`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
