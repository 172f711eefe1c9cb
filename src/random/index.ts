/**
 * Seeded generators, per-path/per-component streams, and distributions that take the
 * generator as an argument. Plain `*Variate(rng, …)` functions are for hot loops (no
 * allocation, no checks); the factories check parameters once and return a closure.
 */
export * from "./rng.js";
export { standardNormal, normalVariate, normal } from "./normal.js";
export { lognormalVariate, lognormal } from "./lognormal.js";
export { exponentialVariate, exponential } from "./exponential.js";
export { gammaVariate, gamma, MIN_GAMMA_SHAPE } from "./gamma.js";
export { poissonVariate, poisson, POISSON_PTRS_THRESHOLD } from "./poisson.js";
export { poissonLogPmf } from "./poissonLogPmf.js";
export { bernoulliVariate, bernoulli } from "./bernoulli.js";
export { mertonJumpVariate, mertonJump } from "./mertonJump.js";
export { Adder, fsum } from "./fsum.js";
