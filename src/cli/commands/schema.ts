/**
 * `exodus schema`: prints the JSON Schema of scenario files on stdout, for editors
 * (yaml-language-server, VS Code YAML). The bundled copy, scenarios/scenario.schema.json,
 * is this output exactly (`exodus schema > scenarios/scenario.schema.json`).
 */
import type { Command } from "commander";

/** Registers `schema` on the program. */
export function registerSchemaCommand(program: Command): void {
  program
    .command("schema")
    .description("print the JSON Schema of scenario files (for editors) on stdout")
    .action(async () => {
      const { scenarioJsonSchemaText } = await import("../../scenario/index.js");
      process.stdout.write(scenarioJsonSchemaText());
    });
}
