import type ts from "typescript";
/** See inline-constants.mjs. */
export function inlineNumericConstants(checker: ts.TypeChecker): ts.TransformerFactory<ts.SourceFile>;
