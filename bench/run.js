// `npm run bench`: runs every benchmark script in this folder, one after the other, each in
// its own Node process (so one benchmark's JIT state and heap do not colour the next), passing
// the command-line arguments through (e.g. `npm run bench -- --json`).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

// endtoend.mjs and memory.mjs run the baseline scenario through the API (child processes);
// memory.mjs runs 10,000 and 100,000 paths here, 1,000,000 only under `npm run bench:memory`.
const BENCHES = ["engine.mjs", "model.mjs", "floor.mjs", "ceiling.mjs", "fold.mjs", "endtoend.mjs", "memory.mjs"];
const args = process.argv.slice(2);
let failed = 0;
for (const name of BENCHES) {
  const script = fileURLToPath(new URL(name, import.meta.url));
  const r = spawnSync(process.execPath, [script, ...args], { stdio: "inherit" });
  if (r.status !== 0) {
    failed++;
    process.stderr.write(`bench ${name} failed (exit ${r.status ?? r.signal})\n`);
  }
}
process.exitCode = failed === 0 ? 0 : 1;
