/**
 * Deep freezing of scenario data: a loaded Scenario, its sweep variants and their
 * overrides are immutable at run time as well as in their types (immer's `Immutable`).
 *
 * Written out rather than immer's `freeze(obj, true)`, which stops at an object that is
 * already frozen and so can leave mutable objects below a frozen one (zod passes values of
 * `z.unknown()` keys through unchanged, and those may mix frozen and unfrozen parts).
 */
import type { Immutable } from "immer";

/** Freezes `value` and every object and array reachable from it; returns it. */
export function deepFreeze<T>(value: T): Immutable<T> {
  const stack: unknown[] = [value];
  const seen = new Set<unknown>();
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== "object" || v === null || seen.has(v) || ArrayBuffer.isView(v)) continue;
    seen.add(v);
    for (const child of Object.values(v)) stack.push(child);
    Object.freeze(v);
  }
  return value as Immutable<T>;
}
