/** Errors of the report generator. */

/**
 * The input cannot be reported: a folder that is not a result folder, quantiles out of
 * order, a chart spec Vega refuses. `badInput` is true when the user's input is at fault
 * (the CLI exits 2), false for a failure while rendering (exit 1).
 */
export class ReportError extends Error {
  override readonly name = "ReportError";
  constructor(
    message: string,
    readonly badInput: boolean,
  ) {
    super(message);
  }
}
