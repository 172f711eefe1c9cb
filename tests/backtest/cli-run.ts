/** Runs `exodus backtest <args>` in process (commander with exitOverride), capturing its output and exit code. */
import { Command, CommanderError } from "commander";
import { vi } from "vitest";
import { registerBacktest } from "../../src/cli/commands/backtest.js";

export async function runBacktestCli(args: string[]): Promise<{ out: string; err: string; code: number }> {
  const program = new Command("exodus").exitOverride();
  registerBacktest(program);
  program.commands.forEach((c) => c.exitOverride());
  let out = "";
  let err = "";
  const o = vi.spyOn(process.stdout, "write").mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, "write").mockImplementation((s) => ((err += String(s)), true));
  let code = 0;
  try {
    await program.parseAsync(["node", "exodus", "backtest", ...args]);
  } catch (x) {
    if (!(x instanceof CommanderError)) throw x;
    code = x.exitCode;
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
  return { out, err, code };
}
