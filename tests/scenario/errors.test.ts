import { describe, expect, it } from "vitest";
import { formatIssue, formatIssues, isScenarioError, ScenarioError, sortIssues } from "../../src/scenario/index.js";

describe("formatIssue", () => {
  it("prints file:line:col: path: message with the suggestion", () => {
    expect(
      formatIssue({ file: "a.yaml", line: 3, column: 14, path: "miners[2].powerMW", message: 'expected a number, found "abc"' }),
    ).toBe('a.yaml:3:14: miners[2].powerMW: expected a number, found "abc"');
    expect(formatIssue({ file: "a.yaml", line: 1, column: 1, path: "x", message: 'unknown key "x"', suggestion: "y" })).toBe(
      'a.yaml:1:1: x: unknown key "x" (did you mean "y"?)',
    );
  });
  it("leaves out what it does not know, and names the variant", () => {
    expect(formatIssue({ file: "a.yaml", path: "", message: "too big" })).toBe("a.yaml: too big");
    expect(formatIssue({ file: "a.yaml", line: 2, path: "p", message: "m", variant: "v1" })).toBe("a.yaml:2: [variant v1] p: m");
  });
});

describe("sortIssues and ScenarioError", () => {
  const issues = [
    { file: "child.yaml", line: 9, column: 1, path: "b", message: "m2" },
    { file: "base.yaml", line: 2, column: 5, path: "c", message: "m3" },
    { file: "child.yaml", line: 3, column: 7, path: "a", message: "m1" },
    { file: "child.yaml", line: 3, column: 7, path: "a", message: "m1" },
  ];
  it("sorts by file (first seen), line, column and drops duplicates", () => {
    expect(sortIssues(issues).map((i) => i.message)).toEqual(["m1", "m2", "m3"]);
  });
  it("carries every issue; its message is the formatted list", () => {
    const err = new ScenarioError(issues);
    expect(err.issues).toHaveLength(3);
    expect(err.message).toBe(
      ["child.yaml:3:7: a: m1", "child.yaml:9:1: b: m2", "base.yaml:2:5: c: m3"].join("\n"),
    );
    expect(isScenarioError(err)).toBe(true);
    expect(isScenarioError(new Error("x"))).toBe(false);
    expect(Object.isFrozen(err.issues)).toBe(true);
  });
  it("summarises beyond the print limit", () => {
    const many = Array.from({ length: 7 }, (_, i) => ({ file: "f", line: i + 1, path: "", message: `m${i}` }));
    const text = formatIssues(many, 5);
    expect(text.split("\n")).toHaveLength(6);
    expect(text.endsWith("… and 2 more problems")).toBe(true);
  });
});
