// The machine a benchmark ran on: printed by every benchmark and stored in --json output.
import os from "node:os";

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

export function machineLine(m = machineInfo()) {
  return `machine: ${m.cpuModel}, ${m.cores} cores, ${m.totalMemGiB} GiB, Node ${m.node}, ${m.platform}`;
}
