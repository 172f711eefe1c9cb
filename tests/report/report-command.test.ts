import { mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command, CommanderError } from "commander";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { registerReport } from "../../src/cli/commands/report.js";
import { writeSyntheticFolder } from "./fixture-folder.js";

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "exodus-report-cli-"));
  await writeSyntheticFolder(join(root, "run"));
}, 60_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Runs `exodus <args>` on a program with only the report command; returns stdout, stderr and the error. */
async function exodus(args: string[]): Promise<{ out: string; err: string; error: unknown }> {
  const program = new Command().name("exodus").exitOverride();
  let err = "";
  program.configureOutput({ writeErr: (s) => (err += s), writeOut: () => {} });
  registerReport(program);
  let out = "";
  const spyOut = vi.spyOn(process.stdout, "write").mockImplementation((s) => ((out += String(s)), true));
  const spyErr = vi.spyOn(process.stderr, "write").mockImplementation((s) => ((err += String(s)), true));
  let error: unknown;
  try {
    await program.parseAsync(args, { from: "user" });
  } catch (e) {
    error = e;
  } finally {
    spyOut.mockRestore();
    spyErr.mockRestore();
  }
  return { out, err, error };
}

describe("exodus report", () => {
  it("writes report.html and, with --svg, one SVG per chart; says where", async () => {
    const svg = join(root, "figures");
    const r = await exodus(["report", join(root, "run"), "--svg", svg]);
    expect(r.error).toBeUndefined();
    expect(r.out).toContain(`wrote ${join(root, "run", "report.html")} (10 charts)`);
    expect((await readdir(svg)).sort()).toEqual(
      [
        "fan-btc-price",
        "fan-difficulty",
        "fan-hashprice",
        "fan-hashrate",
        "hist-adjustment",
        "hist-epoch-duration",
        "miner-cumulative-ebitda",
        "miner-flip-date",
        "miner-margin",
        "mw-ai-vs-mining",
      ].map((id) => `${id}.svg`),
    );
    expect(r.err).toBe("");
  });

  it("--quiet prints nothing on success", async () => {
    const r = await exodus(["report", join(root, "run"), "--quiet"]);
    expect(r.error).toBeUndefined();
    expect(r.out).toBe("");
  });

  it("a folder that is not a result folder is bad input: exit code 2 and a message naming it", async () => {
    const empty = join(root, "empty");
    await mkdir(empty, { recursive: true });
    for (const dir of [empty, join(root, "missing")]) {
      const r = await exodus(["report", dir]);
      expect(r.error).toBeInstanceOf(CommanderError);
      expect((r.error as CommanderError).exitCode).toBe(2);
      expect(r.err).toContain(dir);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });
});
