/**
 * Guard rails shared by scenario files and the command line, in a module of their own so
 * that the CLI reads them without loading the scenario schema (zod, the model's defaults).
 */

/** Most Monte Carlo paths a scenario (`paths:`) or the command line (`--paths`) may ask for (a guard rail). */
export const MAX_PATHS = 10_000_000;
