/**
 * hashrate-exodus library API, for scripts and notebooks.
 *
 * Everything here is also what the CLI uses; see README.md for the file formats.
 */
export { VERSION } from "./version.js";
export * from "./random/index.js";
export * from "./consensus/index.js";
export * from "./engine/index.js";
export * from "./montecarlo/index.js";
