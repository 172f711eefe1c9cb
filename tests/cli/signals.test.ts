/**
 * Stopping a run from outside (README "Interrupted runs"): Ctrl-C (SIGINT) and SIGTERM
 * (Slurm's scancel and time limit, `kill`, container stops) abort the run cleanly: exit
 * code 1, a message saying so, no result folder and no temporary folder left; the
 * checkpoint, if a batch had finished, stays in `<out>.partial/` for `--resume`.
 * Runs the built CLI (dist/cli.js) in a child process, signalled once it has printed its
 * header line; the run is far too long to finish first (golden scenario, 400,000 paths).
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { tempRoot } from "../api/helpers.js";

const cli = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));
const SCENARIO = fileURLToPath(new URL("../results/fixtures/golden-scenario.yaml", import.meta.url));
const { root, cleanup } = tempRoot("cli-signals-");
afterAll(cleanup);

/** Starts `exodus run` into `out`, sends `signal` after the header line; exit status, signal and stderr. */
function runAndSignal(out: string, signal: NodeJS.Signals): Promise<{ status: number | null; killedBy: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [cli, "run", SCENARIO, "--paths", "400000", "--workers", "0", "--no-report", "--out", out], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    let sent = false;
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      stderr += chunk;
      if (!sent && stderr.includes("400000 paths\n")) {
        sent = true;
        child.kill(signal);
      }
    });
    child.on("error", reject);
    child.on("close", (status, killedBy) => resolvePromise({ status, killedBy, stderr }));
  });
}

describe("exodus run stopped by a signal", () => {
  for (const [signal, said] of [
    ["SIGINT", "interrupted, stopping"],
    ["SIGTERM", "terminated (SIGTERM), stopping"],
  ] as const) {
    it(`${signal}: exit 1, says so, leaves no result folder and no temporary folder`, async () => {
      const out = join(root, signal.toLowerCase());
      const r = await runAndSignal(out, signal);
      expect(r.killedBy, r.stderr).toBeNull();
      expect(r.status, r.stderr).toBe(1);
      expect(r.stderr).toContain(said);
      expect(r.stderr).toMatch(/exodus: interrupted; (the checkpoint is in .*--resume|no batch had finished)/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(out)).toBe(false);
      expect(readdirSync(root).filter((n) => n.startsWith(`.${basename(out)}.tmp-`))).toEqual([]);
    });
  }
});
