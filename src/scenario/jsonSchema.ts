/**
 * The JSON Schema of scenario files (`exodus schema`), generated from the zod schema with
 * zod 4's `z.toJSONSchema`, so editors (yaml-language-server, VS Code YAML) complete keys,
 * show each key's description (units included) and flag mistakes as you type.
 *
 * Generated with `io: "input"` (keys with defaults are optional, as in a file) and
 * `unrepresentable: "any"` (refinements such as cross-field checks have no JSON Schema
 * form and are checked by `exodus validate` instead). The file-level keys `extends` and
 * `sweep` are added to the root. A file with `extends` states only what differs, so for
 * such files no key is required: the root is `if: {required: [extends]}`, `then:` the
 * schema with every `required` list removed (and `oneOf` relaxed to `anyOf`), `else:` the
 * full schema. (Editors' handling of `if/then/else` has not been tried here; the tests
 * check the structure only.)
 *
 * Bundled scenario files start with a modeline ({@link schemaModeline}) pointing editors
 * at this schema.
 */
import * as z from "zod";
import { ExtendsSchema } from "./extends.js";
import { SweepSpecSchema } from "./sweep.js";

/** A JSON value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
/** A JSON Schema document (a JSON object). */
export type JsonSchema = { [key: string]: JsonValue };

/** Options of {@link toJsonSchema}. */
export interface JsonSchemaOptions {
  /** `$id` of the schema (e.g. its URL or file name). */
  readonly id?: string;
  /** Title shown by editors. */
  readonly title?: string;
  /** Description of the whole file. */
  readonly description?: string;
  /** JSON Schema dialect (default draft 2020-12). */
  readonly target?: "draft-2020-12" | "draft-7";
  /** Add `extends` and `sweep` to the root object (default true). */
  readonly fileKeys?: boolean;
}

function generate(schema: z.ZodType, target: "draft-2020-12" | "draft-7"): JsonSchema {
  return z.toJSONSchema(schema, { target, io: "input", unrepresentable: "any" }) as JsonSchema;
}

function isObject(v: JsonValue | undefined): v is { [key: string]: JsonValue } {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * A copy of a JSON Schema fragment with every `required` list removed (recursively),
 * `oneOf` turned into `anyOf`, and local `$ref`s to definitions renamed with `suffix`
 * (their relaxed copies).
 */
function relax(node: JsonValue, defsKey: string, suffix: string): JsonValue {
  if (Array.isArray(node)) return node.map((n) => relax(n, defsKey, suffix));
  if (!isObject(node)) return node;
  const out: { [key: string]: JsonValue } = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === "required" && Array.isArray(v)) continue;
    // Without `required`, a partial value may fit several members: any one will do.
    if (k === "oneOf" && Array.isArray(v)) {
      out["anyOf"] = relax(v, defsKey, suffix);
      continue;
    }
    if (k === "$ref" && typeof v === "string" && v.startsWith(`#/${defsKey}/`)) {
      out[k] = `${v}${suffix}`;
      continue;
    }
    // Property names are data, not keywords: keep them, relax their schemas.
    out[k] = relax(v, defsKey, suffix);
  }
  return out;
}

/**
 * The JSON Schema of scenario files for `schema` (a zod object schema of the scenario):
 * see the module comment. The result is plain JSON (`JSON.stringify` it to print).
 */
export function toJsonSchema(schema: z.ZodType, options: JsonSchemaOptions = {}): JsonSchema {
  const target = options.target ?? "draft-2020-12";
  const defsKey = target === "draft-7" ? "definitions" : "$defs";
  const main = generate(schema, target);
  const { $schema, [defsKey]: defs, ...body } = main;
  const root: JsonSchema = {};
  if ($schema !== undefined) root["$schema"] = $schema;
  if (options.id !== undefined) root["$id"] = options.id;
  if (options.title !== undefined) root["title"] = options.title;
  const description = options.description ?? (typeof body["description"] === "string" ? body["description"] : undefined);
  if (description !== undefined) root["description"] = description;

  const fileKeys = options.fileKeys ?? true;
  if (!fileKeys || body["type"] !== "object" || !isObject(body["properties"])) {
    return { ...root, ...body, ...(defs !== undefined ? { [defsKey]: defs } : {}) };
  }

  const strip = (s: JsonSchema): JsonSchema => {
    const { $schema: _ignored, ...rest } = s;
    return rest;
  };
  const properties = {
    ...body["properties"],
    extends: strip(generate(ExtendsSchema, target)),
    sweep: strip(generate(SweepSpecSchema, target)),
  };
  const full: JsonSchema = { ...body, properties };
  delete full["description"];
  const suffix = "__partial";
  const allDefs: { [key: string]: JsonValue } = {};
  if (isObject(defs)) {
    for (const [name, d] of Object.entries(defs)) {
      allDefs[name] = d;
      allDefs[`${name}${suffix}`] = relax(d, defsKey, suffix);
    }
  }
  return {
    ...root,
    ...(Object.keys(allDefs).length > 0 ? { [defsKey]: allDefs } : {}),
    if: { required: ["extends"] },
    then: relax(full, defsKey, suffix),
    else: full,
  };
}

/**
 * The first line of a bundled scenario file, pointing yaml-language-server at the schema:
 * `# yaml-language-server: $schema=<schemaPath>` (a path relative to the file, or a URL).
 */
export function schemaModeline(schemaPath: string): string {
  return `# yaml-language-server: $schema=${schemaPath}`;
}
