/**
 * A TypeScript emit transformer that writes numeric constants into the code that uses them,
 * as `const enum` members are (which `isolatedModules` rules out across files).
 *
 * Why: V8 reads an imported binding (`import { MINING } from "./states.js"`) through the
 * exporting module's cell in optimised code, with a hole check (temporal dead zone) and a
 * Smi/heap-number check at every use; a literal costs nothing. Measured here (fourth session,
 * valgrind instruction counts of the full model, `bench/instructions.mjs`'s method): inlining
 * the numeric constants of src/ took a 6-year path from 20.76 M to 18.61 M instructions
 * (−10.4%), bit for bit the same results (the same doubles). Imported *functions* cost the
 * same cell read per call site and cannot be written in; hot modules copy those into
 * module-local consts (bench/README.md "imports.mjs").
 *
 * What is inlined, everywhere in src/ (same module or another), only in expression positions:
 * - a reference to `export const NAME = <numeric literal>` (or `-<numeric literal>`) at a
 *   module's top level;
 * - `OBJ.key` where `OBJ` is `export const OBJ = Object.freeze({ …, key: <numeric literal>, … })`
 *   at a module's top level (frozen, so the value cannot change).
 * The literal carries the name as a comment (`mw[0 /* MINING *\/]`). Nothing else changes:
 * declarations, import/export lists, property names, shorthand properties (`{ MINING }`),
 * types and string contents are left alone, and the exports themselves stay (the library's
 * API and tests use them).
 */
import ts from "typescript";

/** The number a constant's initializer denotes, or undefined when it is not a plain literal. */
function literalValue(init) {
  if (init === undefined) return undefined;
  if (ts.isNumericLiteral(init)) return Number(init.text);
  if (ts.isPrefixUnaryExpression(init) && init.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(init.operand)) {
    return -Number(init.operand.text);
  }
  return undefined;
}

/** The top-level exported `const` declaration of a symbol (following imports), or undefined. */
function exportedConstDeclaration(checker, symbol) {
  if (symbol === undefined) return undefined;
  if (symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  const decl = symbol.valueDeclaration;
  if (decl === undefined || !ts.isVariableDeclaration(decl) || decl.getSourceFile().isDeclarationFile) return undefined;
  const list = decl.parent;
  if (!ts.isVariableDeclarationList(list) || (list.flags & ts.NodeFlags.Const) === 0) return undefined;
  const statement = list.parent;
  if (!ts.isVariableStatement(statement) || !ts.isSourceFile(statement.parent)) return undefined;
  if (!statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return undefined;
  return decl;
}

/**
 * `Object.freeze({ … })`'s object literal, or undefined — also when any member is not a
 * plain `key: value` (a spread, method, accessor or shorthand) or a key is written twice:
 * then a member's value is not simply its initializer (the last write wins).
 */
function frozenObjectLiteral(init) {
  if (init === undefined || !ts.isCallExpression(init) || init.arguments.length !== 1) return undefined;
  const callee = init.expression;
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== "freeze") return undefined;
  if (!ts.isIdentifier(callee.expression) || callee.expression.text !== "Object") return undefined;
  const arg = init.arguments[0];
  if (!ts.isObjectLiteralExpression(arg)) return undefined;
  const keys = new Set();
  for (const q of arg.properties) {
    if (!ts.isPropertyAssignment(q) || !(ts.isIdentifier(q.name) || ts.isStringLiteral(q.name))) return undefined;
    if (keys.has(q.name.text)) return undefined;
    keys.add(q.name.text);
  }
  return arg;
}

/** The literal that replaces a reference, with the constant's name as a trailing comment. */
function literal(factory, value, name) {
  const node =
    value < 0 || Object.is(value, -0)
      ? factory.createParenthesizedExpression(factory.createPrefixUnaryExpression(ts.SyntaxKind.MinusToken, factory.createNumericLiteral(-value)))
      : factory.createNumericLiteral(value);
  return ts.addSyntheticTrailingComment(node, ts.SyntaxKind.MultiLineCommentTrivia, ` ${name} `, false);
}

/** Whether an identifier is a reference to a value (not a name being declared or a property name). */
function isValueReference(id) {
  const p = id.parent;
  if (p === undefined) return false;
  if (ts.isImportSpecifier(p) || ts.isExportSpecifier(p) || ts.isImportClause(p) || ts.isNamespaceImport(p)) return false;
  if (ts.isShorthandPropertyAssignment(p)) return false;
  if (ts.isBindingElement(p) && p.propertyName === id) return false; // const { A: x } = …
  if ((ts.isPropertyAccessExpression(p) || ts.isQualifiedName(p)) && p.name === id) return false;
  if ("name" in p && p.name === id && !ts.isPropertyAccessExpression(p)) return false; // declarations, property assignments
  return true;
}

/**
 * The transformer factory for `program.emit(…, { before: [inlineNumericConstants(checker)] })`.
 * @param {ts.TypeChecker} checker
 * @returns {ts.TransformerFactory<ts.SourceFile>}
 */
export function inlineNumericConstants(checker) {
  return (context) => {
    const factory = context.factory;
    const visit = (node) => {
      if (ts.isTypeNode(node) || ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return node;
      if (ts.isIdentifier(node) && isValueReference(node)) {
        const decl = exportedConstDeclaration(checker, checker.getSymbolAtLocation(node));
        const value = decl === undefined ? undefined : literalValue(decl.initializer);
        // Not inside its own declaration (`export const A = 1` keeps its name).
        if (value !== undefined && decl.name !== node) return literal(factory, value, node.text);
        return node;
      }
      if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && ts.isIdentifier(node.name)) {
        const decl = exportedConstDeclaration(checker, checker.getSymbolAtLocation(node.expression));
        const object = decl === undefined ? undefined : frozenObjectLiteral(decl.initializer);
        if (object !== undefined && !isAssignmentTarget(node)) {
          const key = node.name.text;
          const prop = object.properties.find(
            (q) => ts.isPropertyAssignment(q) && (ts.isIdentifier(q.name) || ts.isStringLiteral(q.name)) && q.name.text === key,
          );
          const value = prop === undefined ? undefined : literalValue(prop.initializer);
          if (value !== undefined) return literal(factory, value, `${node.expression.text}.${key}`);
        }
      }
      return ts.visitEachChild(node, visit, context);
    };
    return (file) => ts.visitNode(file, visit);
  };
}

/** Whether a property access is written to (frozen objects cannot be, but the code may try). */
function isAssignmentTarget(node) {
  const p = node.parent;
  if (p === undefined) return false;
  if (ts.isBinaryExpression(p) && p.left === node && p.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && p.operatorToken.kind <= ts.SyntaxKind.LastAssignment) return true;
  if ((ts.isPrefixUnaryExpression(p) || ts.isPostfixUnaryExpression(p)) && (p.operator === ts.SyntaxKind.PlusPlusToken || p.operator === ts.SyntaxKind.MinusMinusToken)) return true;
  return ts.isDeleteExpression(p);
}
