import { describe, expect, it } from "vitest";
import * as z from "zod";
import { schemaModeline, toJsonSchema, type JsonValue } from "../../src/scenario/index.js";
import { BASELINE_YAML, ExampleScenario } from "./exampleSchema.js";

type Obj = { [key: string]: JsonValue };
const obj = (v: JsonValue | undefined): Obj => {
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw new Error(`not an object: ${JSON.stringify(v)}`);
  return v;
};

/** Every value of `key` anywhere in a JSON tree. */
function collect(node: JsonValue, key: string, out: JsonValue[] = []): JsonValue[] {
  if (Array.isArray(node)) node.forEach((n) => collect(n, key, out));
  else if (typeof node === "object" && node !== null) {
    for (const [k, v] of Object.entries(node)) {
      if (k === key) out.push(v);
      collect(v, key, out);
    }
  }
  return out;
}

describe("toJsonSchema", () => {
  const schema = toJsonSchema(ExampleScenario, { id: "https://example.org/scenario.schema.json", title: "Scenario" });
  const full = obj(schema["else"]);
  const partial = obj(schema["then"]);

  it("is plain JSON with the dialect, id and title", () => {
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
    expect(schema["$schema"]).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema["$id"]).toBe("https://example.org/scenario.schema.json");
    expect(schema["title"]).toBe("Scenario");
  });

  it("documents keys with their units and bounds", () => {
    const miner = obj(obj(obj(full["properties"])["miners"])["items"]);
    const powerMW = obj(obj(miner["properties"])["powerMW"]);
    expect(powerMW).toMatchObject({ type: "number", minimum: 0, maximum: 100000, description: "Grid power capacity (MW)" });
    const startDate = obj(obj(obj(obj(full["properties"])["network"])["properties"])["startDate"]);
    expect(startDate["format"]).toBe("date");
    expect(miner["additionalProperties"]).toBe(false);
  });

  it("describes the file as written: keys with defaults are optional", () => {
    const required = full["required"] as string[];
    expect(required).toEqual(expect.arrayContaining(["network", "market", "miners"]));
    expect(required).not.toContain("paths");
    expect(required).not.toContain("quantiles");
  });

  it("adds the file-level keys extends and sweep", () => {
    for (const branch of [full, partial]) {
      const props = obj(branch["properties"]);
      expect(Object.keys(props)).toEqual(expect.arrayContaining(["extends", "sweep"]));
    }
    const sweep = obj(obj(full["properties"])["sweep"]);
    expect(Object.keys(obj(sweep["properties"]))).toEqual(["grid", "zip", "names", "commonRandomNumbers"]);
  });

  it("requires nothing in a file that extends another, and everything otherwise", () => {
    expect(schema["if"]).toEqual({ required: ["extends"] });
    expect(collect(partial, "required")).toEqual([]);
    expect(collect(partial, "oneOf")).toEqual([]);
    expect(collect(full, "required").length).toBeGreaterThan(3);
  });

  it("keeps relaxed copies of shared definitions", () => {
    const Node: z.ZodType = z.lazy(() => z.strictObject({ v: z.number(), next: Node.optional() }));
    const s = toJsonSchema(z.strictObject({ list: Node }));
    const defs = obj(s["$defs"]);
    const names = Object.keys(defs);
    expect(names.length).toBeGreaterThanOrEqual(2);
    for (const n of names.filter((x) => !x.endsWith("__partial"))) {
      expect(defs[`${n}__partial`]).toBeDefined();
      expect(collect(obj(defs[`${n}__partial`]), "required")).toEqual([]);
    }
    const refs = collect(obj(s["then"]), "$ref") as string[];
    expect(refs.length).toBeGreaterThan(0);
    for (const r of refs) expect(r.endsWith("__partial")).toBe(true);
  });

  it("can leave out the file keys and use draft 7", () => {
    const s = toJsonSchema(ExampleScenario, { fileKeys: false, target: "draft-7" });
    expect(s["$schema"]).toBe("http://json-schema.org/draft-07/schema#");
    expect(Object.keys(obj(s["properties"]))).not.toContain("extends");
    expect(s["if"]).toBeUndefined();
  });
});

describe("schemaModeline", () => {
  it("is the yaml-language-server comment that starts a bundled file", () => {
    const line = schemaModeline("./scenario.schema.json");
    expect(line).toBe("# yaml-language-server: $schema=./scenario.schema.json");
    expect(BASELINE_YAML.split("\n")[0]).toBe(line);
  });
});
