/**
 * Where the path model is: the full hashrate-exodus model by default, any module following
 * the path-model contract (montecarlo/path-model.ts) otherwise. Models run in worker
 * threads, which import compiled JavaScript, so the default is the built module
 * dist/model/path/index.js (`npm run build`), found relative to the package folder from
 * both src/api (tests) and dist/api (the package).
 *
 * A run folder records its model as a path relative to the package folder when the module
 * is inside it (portable between checkouts), else as an absolute file: URL.
 */
import { relative, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { normalizeModelRef, type ModelRef } from "../montecarlo/index.js";

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

/** The model reference recorded in a manifest, as a ModelRef. */
export function modelFromManifest(model: { readonly module: string; readonly export: string }): Required<ModelRef> {
  const url = model.module.startsWith("file:") ? model.module : pathToFileURL(fileURLToPath(new URL(model.module, PACKAGE_ROOT))).href;
  return { url, exportName: model.export };
}
