#!/usr/bin/env node
/** Entry point of the `exodus` binary (`node dist/cli.js`, `npm run exodus --`). */
import { main } from "./cli/index.js";

process.exitCode = await main(process.argv.slice(2));
