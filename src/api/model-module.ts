/**
 * Where the path model is: the full hashrate-exodus model by default, any module following
 * the path-model contract (montecarlo/path-model.ts) otherwise. Models run in worker
 * threads, which import compiled JavaScript, so the default is the built module
 * dist/model/path/index.js (`npm run build`), found relative to the package folder from
 * both src/api (tests) and dist/api (the package).
 *
 * A run folder records its model as a path relative to the package folder when the module
 * is inside it (portable between checkouts), else as an absolute file: URL. Reading it back
 * to load it goes through {@link manifestModel}: only the built-in model unless trusted.
 */
import { relative, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { normalizeModelRef, type ModelRef } from "../montecarlo/index.js";
import { ResultError } from "../results/index.js";

/** The package folder (holding package.json, src/, dist/). */
export const PACKAGE_ROOT: URL = new URL("../../", import.meta.url);

/** The full model: the built path-model module and its factory. */
export const DEFAULT_MODEL: Required<ModelRef> = Object.freeze({
  url: new URL("dist/model/path/index.js", PACKAGE_ROOT).href,
  exportName: "createPathModel",
});

/** A model reference with defaults filled in (DEFAULT_MODEL when none is given). */
export function resolveModel(model: ModelRef | string | URL | undefined): Required<ModelRef> {
  return model === undefined ? DEFAULT_MODEL : normalizeModelRef(model);
}

/** The manifest form of a model: module relative to the package folder when inside it (POSIX separators). */
export function modelForManifest(ref: Required<ModelRef>): { module: string; export: string } {
  const root = fileURLToPath(PACKAGE_ROOT);
  if (ref.url.startsWith("file:")) {
    const file = fileURLToPath(ref.url);
    const rel = relative(root, file);
    if (!rel.startsWith("..") && !rel.startsWith(sep) && rel !== "" && !/^[A-Za-z]:/.test(rel)) return { module: rel.split(sep).join("/"), export: ref.exportName };
  }
  return { module: ref.url, export: ref.exportName };
}

/**
 * The model reference recorded in a manifest, as a ModelRef: a file resolved against the
 * package folder and normalized (`..`, `%2e`), a URL of another scheme or a file: URL that
 * names no local file (`file://host/…`, an encoded `/`) kept as written; never throws.
 */
export function modelFromManifest(model: { readonly module: string; readonly export: string }): Required<ModelRef> {
  let url: URL;
  try {
    url = new URL(model.module, PACKAGE_ROOT);
  } catch {
    return { url: model.module, exportName: model.export };
  }
  if (url.protocol !== "file:") return { url: url.href, exportName: model.export };
  try {
    return { url: pathToFileURL(fileURLToPath(url)).href, exportName: model.export };
  } catch {
    // Not a local file (a host, an encoded "/"): never the built-in model; kept as written.
    return { url: url.href, exportName: model.export };
  }
}

/** Whether `ref` is hashrate-exodus's own model, {@link DEFAULT_MODEL} (same file URL, same export). */
export function isDefaultModel(ref: Required<ModelRef>): boolean {
  return ref.url === DEFAULT_MODEL.url && ref.exportName === DEFAULT_MODEL.exportName;
}

/**
 * The model a result folder's manifest names, to be loaded (imported: its code runs).
 * A folder may come from anyone, and its manifest can name any module — one of its own
 * files, say — so only the built-in model ({@link DEFAULT_MODEL}) is loaded by default;
 * any other is refused (ResultError UNTRUSTED_MODEL, naming the folder, the module and how
 * to allow it) unless `trustModel` is set (CLI `--trust-model`): for runs made with a
 * custom model by a caller who trusts it.
 */
export function manifestModel(dir: string, model: { readonly module: string; readonly export: string }, trustModel: boolean | undefined): Required<ModelRef> {
  const ref = modelFromManifest(model);
  if (trustModel === true || isDefaultModel(ref)) return ref;
  throw new ResultError(
    "UNTRUSTED_MODEL",
    `${dir}: its manifest.json names the model ${model.module}#${model.export}, not hashrate-exodus's own; loading it would run that module's code. ` +
      "If you trust whoever made this folder, pass --trust-model (library: trustModel: true)",
  );
}
