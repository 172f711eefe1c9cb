/**
 * Scenario input errors: one {@link ScenarioError} carries every problem found in a
 * scenario file (and the files it extends), each as a {@link ScenarioIssue} that names the
 * file, line, column and key path, so a user fixes them all in one pass.
 *
 * The CLI maps a ScenarioError to exit code 2 and prints {@link ScenarioError.format}
 * (one issue per line, no stack trace); nothing is written when loading fails.
 */

/** One problem in a scenario file. Lines and columns are 1-based. */
export interface ScenarioIssue {
  /** The file as the user named it (relative paths stay relative), or `<string>`. */
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  /** The key path, e.g. `miners[2].powerMW`; empty for the document itself. */
  readonly path: string;
  /** The whole human message, e.g. `expected a number ≥ 0 (MW), found "abc"`. */
  readonly message: string;
  /** What the schema wanted, when known (e.g. `a number ≥ 0 (MW)`). */
  readonly expected?: string;
  /** What the file had, when known (e.g. `"abc"`; `nothing` for a missing key). */
  readonly found?: string;
  /** A likely intended key or value ("did you mean"). */
  readonly suggestion?: string;
  /** The sweep variant in which the problem occurs, when it is specific to one. */
  readonly variant?: string;
}

/** How many issues {@link formatIssues} prints before summarising the rest. */
export const MAX_PRINTED_ISSUES = 100;

/**
 * One issue as one line: `file:line:col: [variant v] path: message (did you mean "x"?)`.
 * The location parts that are unknown are left out.
 */
export function formatIssue(issue: ScenarioIssue): string {
  let loc = issue.file;
  if (issue.line !== undefined) {
    loc += `:${issue.line}`;
    if (issue.column !== undefined) loc += `:${issue.column}`;
  }
  const variant = issue.variant !== undefined ? `[variant ${issue.variant}] ` : "";
  const path = issue.path.length > 0 ? `${issue.path}: ` : "";
  const hint = issue.suggestion !== undefined ? ` (did you mean "${issue.suggestion}"?)` : "";
  return `${loc}: ${variant}${path}${issue.message}${hint}`;
}

/** All issues, one per line (at most {@link MAX_PRINTED_ISSUES}, then a count of the rest). */
export function formatIssues(issues: readonly ScenarioIssue[], max = MAX_PRINTED_ISSUES): string {
  const lines = issues.slice(0, max).map(formatIssue);
  if (issues.length > max) lines.push(`… and ${issues.length - max} more problems`);
  return lines.join("\n");
}

/**
 * Sorts issues by file (in order of first appearance), then line, then column; issues
 * without a line come first within their file. Drops exact duplicates (same location,
 * path and message), keeping the first (so the first variant that shows a problem).
 */
export function sortIssues(issues: readonly ScenarioIssue[]): ScenarioIssue[] {
  const fileOrder = new Map<string, number>();
  for (const i of issues) if (!fileOrder.has(i.file)) fileOrder.set(i.file, fileOrder.size);
  const seen = new Set<string>();
  const unique: ScenarioIssue[] = [];
  for (const i of issues) {
    const key = `${i.file}\u0000${i.line ?? ""}\u0000${i.column ?? ""}\u0000${i.path}\u0000${i.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(i);
  }
  return unique
    .map((issue, order) => ({ issue, order }))
    .sort(
      (a, b) =>
        (fileOrder.get(a.issue.file) ?? 0) - (fileOrder.get(b.issue.file) ?? 0) ||
        (a.issue.line ?? 0) - (b.issue.line ?? 0) ||
        (a.issue.column ?? 0) - (b.issue.column ?? 0) ||
        a.order - b.order,
    )
    .map((x) => x.issue);
}

/**
 * Bad scenario input: every issue found, sorted by location. `message` is the formatted
 * list, so even a caller that only prints `err.message` shows everything.
 */
export class ScenarioError extends Error {
  readonly issues: readonly ScenarioIssue[];

  constructor(issues: readonly ScenarioIssue[]) {
    const sorted = sortIssues(issues);
    super(sorted.length > 0 ? formatIssues(sorted) : "invalid scenario");
    this.name = "ScenarioError";
    this.issues = Object.freeze(sorted);
  }

  /** The issues, one per line, ready for stderr. */
  format(max = MAX_PRINTED_ISSUES): string {
    return formatIssues(this.issues, max);
  }
}

/** Type guard, for the CLI's exit-code mapping. */
export function isScenarioError(err: unknown): err is ScenarioError {
  return err instanceof ScenarioError;
}
