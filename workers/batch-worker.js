/**
 * Piscina worker entry for Monte Carlo batches (src/montecarlo/batch.ts, compiled to dist/).
 *
 * A task is a BatchTask; the result is the batch's encoded aggregate as one ArrayBuffer,
 * returned through Piscina's move() so that it is transferred, not copied. move() only acts
 * on the top-level value: an object of typed arrays would be cloned. (Piscina does concat
 * the `[Piscina.transferableSymbol]` of a custom Transferable object into its transfer
 * list, so an object exposing an array of buffers there would move several; one buffer is
 * simpler, and the same bytes are the checkpoint/shard file format.) A path that fails
 * returns a plain object {ok: false, pathIndex, message, stack}; anything else that goes
 * wrong throws and Piscina rejects the task.
 *
 * `{kind: "probe"}` reports whether the previous result's buffer was detached in this
 * thread, i.e. really transferred (used by a test).
 */
import { move } from "piscina";
import { runBatch } from "../dist/montecarlo/batch.js";

/** @type {ArrayBuffer | null} */
let lastReturned = null;

/**
 * @param {{kind: string}} task
 */
export default async function batchWorker(task) {
  if (task.kind === "probe") {
    return { returned: lastReturned !== null, detached: lastReturned !== null && lastReturned.byteLength === 0 };
  }
  if (task.kind !== "batch") throw new Error(`unknown task kind ${JSON.stringify(task.kind)}`);
  const outcome = await runBatch(/** @type {import("../dist/montecarlo/batch.js").BatchTask} */ (task));
  if (!outcome.ok) return outcome;
  const buffer = /** @type {ArrayBuffer} */ (outcome.bytes.buffer);
  lastReturned = buffer;
  return move(buffer);
}
