/**
 * Scenario files: YAML → validated, immutable, typed Scenario, with `extends`, sweeps,
 * located error messages, guard-rail helpers and the editor JSON Schema. Generic over the
 * scenario's zod schema.
 */
export * from "./errors.js";
export * from "./path.js";
export * from "./suggest.js";
export * from "./messages.js";
export * from "./yamlSource.js";
export * from "./provenance.js";
export * from "./schemaWalk.js";
export * from "./validate.js";
export * from "./merge.js";
export * from "./extends.js";
export * from "./sweep.js";
export * from "./freeze.js";
export * from "./guards.js";
export * from "./jsonSchema.js";
export * from "./loadScenario.js";
// The model's scenario format (schema, defaults, compile to the model plan, bundled files).
export * from "./model-defaults.js";
export * from "./model-schema.js";
export * from "./model-errors.js";
export * from "./price-csv.js";
export * from "./compile.js";
export * from "./bundled.js";
