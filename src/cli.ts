#!/usr/bin/env node
/** Entry point of the `exodus` binary (`node dist/cli.js`, `npm run exodus --`). */
import { main } from "./cli/index.js";

// A reader that stops early (`exodus schema | head`) closes the pipe: that ends the
// output, it is not a failure to report with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw err;
  });
}

process.exitCode = await main(process.argv.slice(2));
