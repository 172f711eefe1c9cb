/** The package version, read once from package.json (works from src/ under vitest and from dist/). */
import { readFileSync } from "node:fs";

function readVersion(): string {
  const pkgUrl = new URL("../package.json", import.meta.url);
  const pkg = JSON.parse(readFileSync(pkgUrl, "utf8")) as { version?: unknown };
  if (typeof pkg.version !== "string") throw new Error(`no version in ${pkgUrl.pathname}`);
  return pkg.version;
}

export const VERSION: string = readVersion();
