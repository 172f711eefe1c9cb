/**
 * Property tests (fast-check) for every distribution factory: invalid parameters are
 * rejected with a RangeError whose message names the parameter; valid ones give a sampler
 * whose draws lie in the distribution's support. Also checks that src/random/index.ts
 * re-exports the whole API.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as random from "../../src/random/index.js";
import {
  bernoulli,
  exponential,
  gamma,
  lognormal,
  MIN_GAMMA_SHAPE,
  mertonJump,
  normal,
  poisson,
  streamFor,
} from "../../src/random/index.js";

const rng = streamFor(0, 0, "factories");

/** Numbers that are not finite. */
const nonFinite = fc.constantFrom(Number.NaN, Infinity, -Infinity);
/** Finite negative numbers. */
const negative = fc.double({ max: -Number.MIN_VALUE, noNaN: true, noDefaultInfinity: true });
/** Finite numbers ≥ 0. */
const nonNegative = fc.double({ min: 0, max: 1e12, noNaN: true });
const finite = fc.double({ min: -1e12, max: 1e12, noNaN: true });

function throwsNaming(f: () => unknown, name: string): boolean {
  try {
    f();
  } catch (e) {
    return e instanceof RangeError && e.message.startsWith(`${name} must`);
  }
  return false;
}

describe("factories reject invalid parameters with a RangeError naming them", () => {
  const badScale = fc.oneof(negative, nonFinite); // for sd, sigma, jumpSd, lambdaDt
  const positiveOrZeroBad = fc.oneof(negative, fc.constant(0), fc.constant(-0), nonFinite);

  it("normal: sd < 0 or non-finite, mean non-finite", () => {
    fc.assert(fc.property(finite, badScale, (m, sd) => throwsNaming(() => normal(rng, m, sd), "sd")));
    fc.assert(fc.property(nonFinite, nonNegative, (m, sd) => throwsNaming(() => normal(rng, m, sd), "mean")));
  });

  it("lognormal: sigma < 0 or non-finite, mu non-finite", () => {
    fc.assert(fc.property(finite, badScale, (mu, s) => throwsNaming(() => lognormal(rng, mu, s), "sigma")));
    fc.assert(fc.property(nonFinite, nonNegative, (mu, s) => throwsNaming(() => lognormal(rng, mu, s), "mu")));
  });

  it("exponential: rate ≤ 0 or non-finite", () => {
    fc.assert(fc.property(positiveOrZeroBad, (r) => throwsNaming(() => exponential(rng, r), "rate")));
  });

  it("gamma: shape < 0.01 or NaN/∞, scale ≤ 0 or non-finite", () => {
    const tooSmall = fc.double({ max: MIN_GAMMA_SHAPE, maxExcluded: true, noNaN: true });
    const goodShape = fc.double({ min: MIN_GAMMA_SHAPE, max: 1e6, noNaN: true });
    fc.assert(fc.property(fc.oneof(tooSmall, nonFinite), (a) => throwsNaming(() => gamma(rng, a), "shape")));
    fc.assert(fc.property(goodShape, positiveOrZeroBad, (a, s) => throwsNaming(() => gamma(rng, a, s), "scale")));
  });

  it("poisson: mean < 0 or non-finite", () => {
    fc.assert(fc.property(badScale, (m) => throwsNaming(() => poisson(rng, m), "mean")));
  });

  it("bernoulli: p outside [0, 1] or NaN", () => {
    const aboveOne = fc.double({ min: 1, minExcluded: true, noNaN: true });
    const badP = fc.oneof(negative, aboveOne, fc.constant(Number.NaN));
    fc.assert(fc.property(badP, (p) => throwsNaming(() => bernoulli(rng, p), "p")));
  });

  it("mertonJump: lambdaDt < 0, jumpMean non-finite, jumpSd < 0", () => {
    const jump = (l: number, m: number, s: number) => (): unknown => mertonJump(rng, l, m, s);
    fc.assert(fc.property(badScale, finite, nonNegative, (l, m, s) => throwsNaming(jump(l, m, s), "lambdaDt")));
    fc.assert(fc.property(nonNegative, nonFinite, nonNegative, (l, m, s) => throwsNaming(jump(l, m, s), "jumpMean")));
    fc.assert(fc.property(nonNegative, finite, badScale, (l, m, s) => throwsNaming(jump(l, m, s), "jumpSd")));
  });
});

describe("factories accept valid parameters and draw inside the support", () => {
  it("gamma ≥ 0, poisson a non-negative integer, exponential ≥ 0, lognormal > 0, bernoulli ∈ {0, 1}", () => {
    const shape = fc.double({ min: MIN_GAMMA_SHAPE, max: 1e7, noNaN: true });
    const scale = fc.double({ min: 1e-6, max: 1e6, noNaN: true });
    fc.assert(
      fc.property(shape, scale, (a, s) => {
        const x = gamma(rng, a, s)();
        return x >= 0 && Number.isFinite(x);
      }),
    );
    fc.assert(
      fc.property(nonNegative, (m) => {
        const k = poisson(rng, m)();
        return Number.isInteger(k) && k >= 0;
      }),
    );
    const rate = fc.double({ min: 1e-9, max: 1e9, noNaN: true });
    fc.assert(fc.property(rate, (r) => exponential(rng, r)() >= 0));
    const mu = fc.double({ min: -5, max: 5, noNaN: true });
    const sigma = fc.double({ min: 0, max: 3, noNaN: true });
    fc.assert(fc.property(mu, sigma, (m, s) => lognormal(rng, m, s)() > 0));
    const p = fc.double({ min: 0, max: 1, noNaN: true });
    fc.assert(fc.property(p, (q) => [0, 1].includes(bernoulli(rng, q)())));
    const lambdaDt = fc.double({ min: 0, max: 1e6, noNaN: true });
    fc.assert(fc.property(lambdaDt, finite, nonNegative, (l, m, s) => Number.isFinite(mertonJump(rng, l, m, s)())));
  });
});

describe("src/random/index.ts", () => {
  it("re-exports the streams, every distribution (plain and factory) and the sum helpers", () => {
    const names = [
      ...["createRng", "streamSeed", "streamFor", "STREAM_SCHEME"],
      ...["standardNormal", "normalVariate", "normal", "lognormalVariate", "lognormal"],
      ...["exponentialVariate", "exponential", "gammaVariate", "gamma", "MIN_GAMMA_SHAPE"],
      ...["poissonVariate", "poisson", "POISSON_PTRS_THRESHOLD", "poissonLogPmf"],
      ...["bernoulliVariate", "bernoulli", "mertonJumpVariate", "mertonJump", "Adder", "fsum"],
    ];
    for (const name of names) expect(random, name).toHaveProperty(name);
  });
});
