/**
 * Atomic result folders (DESIGN.md §5): a folder is written in full into a temporary folder
 * beside its target (same parent, so the same file system) and renamed onto the target at
 * the end. Readers never see a half-written result; an error or a kill leaves the target
 * as it was (after an error the temporary folder is removed; after a kill an orphan
 * `.<name>.tmp-*` folder may remain beside it, never the target itself).
 */
import { accessSync, closeSync, constants, existsSync, fstatSync, openSync, readdirSync, readFileSync, statSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { mkdir, rename, rm } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { CHECKPOINT_FILE } from "../montecarlo/index.js";
import { isPlainObject } from "../scenario/path.js";
import { ResultError } from "./errors.js";
import { MANIFEST_SCHEMA } from "./manifest.js";
import { SWEEP_FILES, SWEEP_SCHEMA } from "./sweep-json.js";

/**
 * Files that mark a folder as written by hashrate-exodus: a run or shard partial
 * (manifest.json), a sweep (sweep.json), a backtest (backtest.json). `force` replaces only
 * such a folder (or an empty one), never a file or a folder of anything else: `--out .
 * --force` must not delete the current folder. A marker counts only when its content is
 * exodus's ({@link markerProblem}): a web app's folder also has a manifest.json.
 */
const RESULT_FOLDER_MARKERS = ["manifest.json", "sweep.json", "backtest.json"] as const;

/** Largest marker file read to recognise it (a run's manifest.json is ~50 KB, a sweep.json grows with its variants). */
const MAX_MARKER_BYTES = 16 * 1024 * 1024;

type MarkerName = (typeof RESULT_FOLDER_MARKERS)[number];

/** Reads a marker file's text, or says why not: opened without blocking (a FIFO), then checked to be a regular file of bounded size. */
function readMarker(path: string): { readonly text: string } | { readonly why: string } {
  const unreadable = (err: unknown): { readonly why: string } => ({ why: `cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` });
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    return unreadable(err);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { why: "is not a regular file" };
    if (st.size > MAX_MARKER_BYTES) return { why: `is larger than ${MAX_MARKER_BYTES / (1024 * 1024)} MiB` };
    return { text: readFileSync(fd, "utf8") };
  } catch (err) {
    return unreadable(err);
  } finally {
    closeSync(fd);
  }
}

/**
 * Why `<dir>/<name>` is not a result marker written by exodus, or null when it is one:
 * manifest.json and sweep.json are told by their `schema` field, backtest.json (which has
 * none) by its fields — an integer `version`, `from` and `to`, and `inputs` and
 * `exactReplay` objects.
 */
function markerProblem(dir: string, name: MarkerName): string | null {
  const read = readMarker(join(dir, name));
  if ("why" in read) return read.why;
  let doc: unknown;
  try {
    doc = JSON.parse(read.text);
  } catch {
    return "is not JSON";
  }
  if (!isPlainObject(doc)) return "is not a JSON object";
  switch (name) {
    case "manifest.json":
    case "sweep.json": {
      const want = name === "manifest.json" ? MANIFEST_SCHEMA : SWEEP_SCHEMA;
      return doc["schema"] === want ? null : `has schema ${JSON.stringify(doc["schema"] ?? null)}, not ${JSON.stringify(want)}`;
    }
    case "backtest.json":
      return Number.isInteger(doc["version"]) && typeof doc["from"] === "string" && typeof doc["to"] === "string" && isPlainObject(doc["inputs"]) && isPlainObject(doc["exactReplay"])
        ? null
        : "lacks the fields of exodus's backtest.json (version, from, to, inputs, exactReplay)";
  }
}

/**
 * Null when a folder's entries include a result marker written by exodus, else why not:
 * each marker present and what is wrong with it, or that there is none.
 */
function resultMarkerProblem(dir: string, entries: readonly string[]): string | null {
  const problems: string[] = [];
  for (const m of RESULT_FOLDER_MARKERS) {
    if (!entries.includes(m)) continue;
    const why = markerProblem(dir, m);
    if (why === null) return null;
    problems.push(`its ${m} ${why}`);
  }
  return problems.length > 0 ? problems.join("; ") : `it has no ${RESULT_FOLDER_MARKERS.join(", ")}`;
}

/** What an output path is meant to be: a result folder, or a single file (compare.csv). */
export type OutputKind = "result folder" | "file";


/**
 * Throws ResultError EXISTS if `target` exists and `force` is not set, and also with
 * `force` when `target` is not something force may replace: for a result folder, a file or
 * a non-empty folder without a result marker of exodus's ({@link resultMarkerProblem}); for a file,
 * a folder.
 */
export function refuseExisting(target: string, force: boolean | undefined, what: OutputKind = "result folder"): void {
  if (!existsSync(target)) return;
  if (force !== true) {
    throw new ResultError("EXISTS", `${what} ${target} already exists; choose another output or pass force (--force) to replace it`);
  }
  const isDir = statSync(target).isDirectory();
  if (what === "file") {
    if (isDir) throw new ResultError("EXISTS", `${target} is a folder, not a file; force (--force) replaces only a file: choose another output`);
    return;
  }
  if (!isDir) throw new ResultError("EXISTS", `${target} is a file, not a result folder; force (--force) replaces only a result folder: choose another output or remove the file yourself`);
  let entries: string[];
  try {
    entries = readdirSync(target);
  } catch (err) {
    throw new ResultError("EXISTS", `${target} cannot be listed (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}), so force (--force) does not replace it: choose another output`, { cause: err });
  }
  const problem = entries.length > 0 ? resultMarkerProblem(target, entries) : null;
  if (problem !== null) {
    throw new ResultError(
      "EXISTS",
      `${target} is not a result folder written by hashrate-exodus (${problem}); force (--force) replaces only a result folder: choose another output or remove the folder yourself`,
    );
  }
}

/** Whether an entry of a `<out>.partial` folder is one exodus writes there (see {@link discardStaging}). */
function isStagingEntry(dir: string, name: string): boolean {
  const path = join(dir, name);
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    return false;
  }
  if (!isDir) {
    const file = [CHECKPOINT_FILE, SWEEP_FILES.csv, SWEEP_FILES.json].find((f) => name === f || name.startsWith(`${f}.tmp-`));
    return file !== undefined;
  }
  if (name.endsWith(".partial") || (name.startsWith(".") && name.includes(".tmp-"))) return true;
  try {
    const inner = readdirSync(path);
    return inner.length === 0 || resultMarkerProblem(path, inner) === null;
  } catch {
    return false;
  }
}

/**
 * Removes a stale `<out>.partial` folder (a run's checkpoint, a sweep's staging folder) for
 * `force` — but only when everything in it is what exodus writes there: checkpoint and sweep
 * files (and their temporary files), result folders, `.partial` and temporary folders.
 * Anything else (a user's folder that happens to bear the name) is refused with ResultError
 * EXISTS naming the first foreign entry, as {@link refuseExisting} protects `<out>` itself.
 */
export async function discardStaging(dir: string): Promise<void> {
  const entries = readdirSync(dir);
  const foreign = entries.find((name) => !isStagingEntry(dir, name));
  if (foreign !== undefined) {
    throw new ResultError(
      "EXISTS",
      `${dir} holds ${join(dir, foreign)}, which exodus did not write there; force (--force) discards only an interrupted run's or sweep's own files: remove the folder yourself to start over`,
    );
  }
  await rm(dir, { recursive: true, force: true });
}

/**
 * Checks, before any work, that `target` can be created: the nearest existing folder
 * above it is a folder (not a file) and writable. Throws ResultError BAD_OPTIONS naming the
 * output and the problem, so that a run does not fail only at its end (or at its first
 * checkpoint) with a raw file-system error.
 */
export function checkOutputLocation(target: string, what = "result folder"): void {
  const abs = resolve(target);
  let dir = dirname(abs);
  while (!existsSync(dir)) {
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  if (!statSync(dir).isDirectory()) throw new ResultError("BAD_OPTIONS", `cannot create ${what} ${target}: ${dir} is a file, not a folder`);
  try {
    accessSync(dir, constants.W_OK | constants.X_OK);
  } catch (err) {
    throw new ResultError("BAD_OPTIONS", `cannot create ${what} ${target}: no permission to write in ${dir} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, { cause: err });
  }
}

/**
 * Moves the finished folder `from` onto `target` (same file system): a rename, or, with
 * `force` and an existing target, the old folder moved aside, the new one renamed in and the
 * old one removed. Refuses an existing target without `force` (ResultError EXISTS).
 */
export async function promoteFolder(from: string, target: string, force: boolean | undefined): Promise<void> {
  const abs = resolve(target);
  if (existsSync(abs)) {
    refuseExisting(abs, force);
    const old = `${from}.old`;
    await rename(abs, old);
    try {
      await rename(from, abs);
    } catch (err) {
      await rename(old, abs); // put the old folder back: a failed replace loses nothing
      throw err;
    }
    await rm(old, { recursive: true, force: true });
  } else {
    await rename(from, abs);
  }
}

/**
 * A new empty folder `<prefix><random>`, made by a plain mkdir so that its mode is what any
 * new folder gets (0o777 less the umask: 0755 under the usual 022), as the result folder's
 * final mode. Not mkdtemp: it creates 0700, so that a result folder renamed from it would be
 * unreadable to colleagues on a shared machine; reading the umask instead
 * (`process.umask()` without argument) is deprecated (DEP0139) and racy.
 */
async function makeTempFolder(prefix: string): Promise<string> {
  for (;;) {
    const dir = `${prefix}${randomBytes(6).toString("hex")}`;
    try {
      await mkdir(dir);
      return dir;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
  }
}

/**
 * Creates folder `target` atomically: calls `fill(tempDir)` on a fresh temporary folder
 * beside it, then renames it onto `target`. Refuses (ResultError EXISTS) when `target`
 * exists, unless `force`, which replaces it (the old folder is moved aside, the new one
 * renamed in, the old one removed). Anything `fill` throws removes the temporary folder
 * and propagates.
 */
export async function writeFolderAtomic<T>(target: string, fill: (tempDir: string) => Promise<T>, options: { readonly force?: boolean } = {}): Promise<T> {
  const abs = resolve(target);
  refuseExisting(abs, options.force);
  const parent = dirname(abs);
  await mkdir(parent, { recursive: true });
  const temp = await makeTempFolder(join(parent, `.${basename(abs)}.tmp-`));
  try {
    const result = await fill(temp);
    await promoteFolder(temp, abs, options.force);
    return result;
  } catch (err) {
    await rm(temp, { recursive: true, force: true });
    throw err;
  }
}
