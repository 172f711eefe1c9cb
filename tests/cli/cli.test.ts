import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const cli = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));
const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
  version: string;
  bin: Record<string, string>;
};

function run(args: string[]) {
  return spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: "utf8" });
}

describe("exodus CLI (built dist/cli.js)", () => {
  it("--version prints the package version and exits 0", () => {
    const r = run(["--version"]);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it("--help describes the program and exits 0", () => {
    const r = run(["--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Usage: exodus");
    expect(r.stdout).toContain("hashrate-exodus");
  });

  it("an unknown option is a usage error: exit 2 and a message on stderr", () => {
    const r = run(["--no-such-flag"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown option");
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it("the package's bin points at the built CLI", () => {
    expect(pkg.bin["exodus"]).toBe("dist/cli.js");
  });

  it("npm run exodus -- --version runs the same CLI", () => {
    const out = execFileSync("npm", ["run", "--silent", "exodus", "--", "--version"], {
      cwd: root,
      encoding: "utf8",
    });
    expect(out.trim()).toBe(pkg.version);
  });

  it("replay <scenario> --path I prints that path's event trace; without a path it is a usage error", () => {
    const r = run(["replay", "scenarios/baseline.yaml", "--path", "2", "--no-engine-trace"]);
    expect(r.status).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toContain("path 2");
    expect(lines.some((l) => l.includes("DAILY") && l.includes("hashprice"))).toBe(true);
    expect(lines.some((l) => l.includes("MINER") && l.includes("mara"))).toBe(true);
    // The same path twice gives the same trace (paths are deterministic in (seed, path)).
    expect(run(["replay", "scenarios/baseline.yaml", "--path", "2", "--no-engine-trace"]).stdout).toBe(r.stdout);
    const bad = run(["replay", "scenarios/baseline.yaml"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("path index");
  });

  it("a reader that closes the pipe early ends the output without a stack trace", () => {
    const r = spawnSync("bash", ["-c", `"${process.execPath}" "${cli}" schema | head -c 1`], { cwd: root, encoding: "utf8" });
    expect(r.stdout).toBe("{");
    expect(r.stderr).not.toContain("EPIPE");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
