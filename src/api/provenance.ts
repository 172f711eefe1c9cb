/**
 * Provenance of a run for its manifest: git commit of the package folder (when it is a git
 * checkout with git installed; null otherwise) and SHA-256 of the files a scenario read.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { sha256File, type FileHash } from "../results/index.js";
import { PACKAGE_ROOT } from "./model-module.js";

let commit: string | null | undefined;

/** `git rev-parse HEAD` in the package folder, or null (no git, not a checkout); computed once per process. */
export function gitCommit(): string | null {
  if (commit === undefined) {
    try {
      const out = execFileSync("git", ["rev-parse", "HEAD"], {
        cwd: fileURLToPath(PACKAGE_ROOT),
        stdio: ["ignore", "pipe", "ignore"],
        timeout: 5000,
        encoding: "utf8",
      }).trim();
      commit = /^[0-9a-f]{40,64}$/.test(out) ? out : null;
    } catch {
      commit = null;
    }
  }
  return commit;
}

/** SHA-256 of each file, in the order given (duplicates dropped). */
export async function hashFiles(paths: readonly string[]): Promise<FileHash[]> {
  const out: FileHash[] = [];
  for (const path of [...new Set(paths)]) out.push({ path, sha256: await sha256File(path) });
  return out;
}
