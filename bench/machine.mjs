// The machine a benchmark ran on: printed by every benchmark and stored in --json output.
import os from "node:os";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export function machineInfo() {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model ?? "unknown",
    cores: cpus.length,
    availableParallelism: os.availableParallelism(),
    totalMemGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
  };
}

/** Median of a list of numbers (the mean of the middle two for an even count). */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function machineLine(m = machineInfo()) {
  return `machine: ${m.cpuModel}, ${m.cores} cores, ${m.totalMemGiB} GiB, Node ${m.node}, ${m.platform}`;
}

/**
 * A benchmark's options: `parse(argv)` (the script's own parser, which throws an Error
 * naming a bad option). `--help` / `-h` prints the usage lines of the script's header
 * comment (those starting `node bench/`) and exits 0; a bad option prints its message and
 * the usage to stderr and exits 2, without a stack trace.
 */
export function benchOptions(scriptUrl, parse, argv = process.argv.slice(2)) {
  const usage = () => {
    const text = readFileSync(fileURLToPath(scriptUrl), "utf8");
    const lines = text.split("\n").filter((l) => /^\s*\*\s+node bench\//.test(l)).map((l) => `  ${l.replace(/^\s*\*\s+/, "")}`);
    return `usage:\n${lines.join("\n")}\n(options: the script's header comment; bench/README.md)\n`;
  };
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(usage());
    process.exit(0);
  }
  try {
    return parse(argv);
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n${usage()}`);
    process.exit(2);
  }
}
