/**
 * Provenance: for each key of a merged scenario, the file (and the place in it) that last
 * set it, so errors found after `extends` merging and sweep overrides still point to the
 * right file, line and column.
 *
 * A provenance tree mirrors the merged data only where it differs from a single source:
 * a node says "this subtree comes from `source` at `path`", and its children override that
 * for some keys or list items. Looking up a merged path walks down as far as the children
 * go, then continues in the last source with the remaining path. Trees are immutable;
 * {@link Provenance.withOverride} copies only the nodes along one path.
 */
import type { DataPath, PathSegment } from "./path.js";
import type { Position, YamlSource } from "./yamlSource.js";

/** Where a subtree came from: a parsed file and the path of the subtree in that file. */
export interface Origin {
  readonly source: YamlSource;
  readonly path: DataPath;
}

/** A position in a named file, as issues need it. */
export interface Location {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
}

/** Maps key paths of (merged) data to the file positions that set them. */
export interface Locator {
  locate(path: DataPath, options?: { readonly key?: boolean }): Location;
}

/** An immutable provenance tree; see the module comment. */
export class Provenance implements Locator {
  readonly origin: Origin;
  readonly children: ReadonlyMap<PathSegment, Provenance>;

  constructor(origin: Origin, children: ReadonlyMap<PathSegment, Provenance> = new Map()) {
    this.origin = origin;
    this.children = children;
  }

  /** Everything from one file: the root of `source`. */
  static of(source: YamlSource, path: DataPath = []): Provenance {
    return new Provenance({ source, path });
  }

  /** The origin of the value at `path`, and the path inside that origin's file. */
  resolve(path: DataPath): { source: YamlSource; path: PathSegment[] } {
    let node: Provenance = this;
    let i = 0;
    while (i < path.length) {
      const child = node.children.get(path[i] as PathSegment);
      if (child === undefined) break;
      node = child;
      i++;
    }
    return { source: node.origin.source, path: [...node.origin.path, ...path.slice(i)] };
  }

  locate(path: DataPath, options?: { readonly key?: boolean }): Location {
    const { source, path: inner } = this.resolve(path);
    const pos: Position = source.locate(inner, options);
    return { file: source.file, line: pos.line, column: pos.column };
  }

  /** The child node for one key or index (a node inheriting this origin if none is set). */
  child(seg: PathSegment): Provenance {
    return this.children.get(seg) ?? new Provenance({ source: this.origin.source, path: [...this.origin.path, seg] });
  }

  /** A copy whose child `seg` is `node`. */
  withChild(seg: PathSegment, node: Provenance): Provenance {
    const children = new Map(this.children);
    children.set(seg, node);
    return new Provenance(this.origin, children);
  }

  /** A copy in which the value at `path` (and all below it) comes from `origin`. */
  withOverride(path: DataPath, origin: Origin): Provenance {
    if (path.length === 0) return new Provenance(origin);
    const [head, ...rest] = path as [PathSegment, ...PathSegment[]];
    return this.withChild(head, this.child(head).withOverride(rest, origin));
  }
}
