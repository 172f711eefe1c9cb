/**
 * The unit of a swept scenario key, for the sweep report's x axis: read from the scenario
 * schema, whose numeric keys carry their unit at the end of their description
 * ("Scales conversion speed: … (× announced speed)": scenario/guards.ts boundedNumber).
 */
import { ScenarioSchema } from "../scenario/model-schema.js";
import { parseKeyPath, type PathSegment } from "../scenario/path.js";
import { schemaAtPath, unwrap } from "../scenario/schemaWalk.js";

/**
 * The unit of the value at a sweep key path ("exitSpeed" → "× announced speed",
 * "miners[id=iren].powerMW" → "MW"), or null when the schema gives none (a string key, an
 * unknown path, a key without a unit).
 */
export function sweptKeyUnit(key: string): string | null {
  let path: PathSegment[];
  try {
    // Any element of a list has the same schema: a selector stands for element 0.
    path = parseKeyPath(key).map((s) => (s.kind === "key" ? s.key : s.kind === "index" ? s.index : 0));
  } catch {
    return null;
  }
  const at = schemaAtPath(ScenarioSchema as never, path, undefined);
  for (const node of at.nodes) {
    // The description sits on the inner schema, under .optional() and friends.
    const description = (unwrap(node) as { description?: unknown }).description;
    if (typeof description !== "string") continue;
    const m = /\(([^()]+)\)\s*$/.exec(description);
    if (m !== null) return m[1]!;
  }
  return null;
}
