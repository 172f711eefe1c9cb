/**
 * Piscina worker entry for re-simulated paths (sample-batch.ts); runs compiled, as
 * dist/api/sample-worker.js. Returns the batch's values as one ArrayBuffer through move(),
 * so it is transferred, not copied.
 */
import { move } from "piscina";
import { sampleBatch, type SampleTask } from "./sample-batch.js";

export default async function sampleWorker(task: SampleTask): Promise<ArrayBuffer> {
  const values = await sampleBatch(task);
  return move(values.buffer as ArrayBuffer) as ArrayBuffer;
}
