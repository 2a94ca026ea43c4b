/**
 * An index of one parsed tree's elements by tag, id and class, so that a descendant search looks only at
 * the elements that could match. The readers ask about a hundred selectors of every page; css-select
 * walks the whole tree for each of them and tests every element, which was the largest single cost of
 * extract. The index is built on a tree's first search (one walk) and only narrows: every candidate is
 * still tested with the compiled selector, so the answers are css-select's own.
 *
 * Why it stays right while the readers cut nodes out of a tree: a candidate counts only if walking up
 * from it still reaches the tree's root (a removed node's parent is null) and passes the search scope.
 * Nodes are never inserted into a read tree (clones are trees of their own, indexed on their own), and
 * class and id attributes are never rewritten, so the index lists a superset of what matches.
 */
import type { AnyNode, Element } from 'domhandler';
import { parse, type Selector } from 'css-what';

/** Which list of the index holds every element an alternative of a selector can match. */
interface Key {
  kind: 'tag' | 'id' | 'class';
  value: string;
}

export interface TreeIndex {
  /** Position of each element in document order, and the position of the last element inside it. */
  order: Map<AnyNode, number>;
  end: Map<AnyNode, number>;
  /** Elements by lower-cased tag name, id and class, each list in document order. */
  tag: Map<string, Element[]>;
  id: Map<string, Element[]>;
  class: Map<string, Element[]>;
}

const indexes = new WeakMap<AnyNode, TreeIndex>();
const keyCache = new Map<string, Key[] | null>();

const COMBINATORS = new Set(['descendant', 'child', 'sibling', 'adjacent', 'parent', 'column-combinator']);

function isElement(n: AnyNode): n is Element {
  return n.type === 'tag' || n.type === 'script' || n.type === 'style';
}

/** The key of one alternative: its last compound's id, else a class, else its tag; null when it has none. */
function alternativeKey(tokens: Selector[]): Key | null {
  let start = 0;
  for (let i = 0; i < tokens.length; i++) if (COMBINATORS.has(tokens[i]!.type)) start = i + 1;
  let tag: Key | null = null;
  let cls: Key | null = null;
  for (const t of tokens.slice(start)) {
    if (t.type === 'tag') tag = { kind: 'tag', value: t.name.toLowerCase() };
    else if (t.type === 'attribute' && t.name === 'id' && t.action === 'equals') return { kind: 'id', value: t.value.toLowerCase() };
    else if (t.type === 'attribute' && t.name === 'class' && t.action === 'element') cls ??= { kind: 'class', value: t.value.toLowerCase() };
  }
  return cls ?? tag;
}

/** One key per alternative of `selector`, or null when some alternative has none (`*`, `[rel=x]`). */
export function selectorKeys(selector: string): Key[] | null {
  if (keyCache.has(selector)) return keyCache.get(selector)!;
  let keys: Key[] | null;
  try {
    const alternatives = parse(selector).map(alternativeKey);
    keys = alternatives.every((k): k is Key => k !== null) ? alternatives : null;
  } catch {
    keys = null; // css-select reports the bad selector itself
  }
  keyCache.set(selector, keys);
  return keys;
}

function push(map: Map<string, Element[]>, key: string, el: Element): void {
  const list = map.get(key);
  if (list) list.push(el);
  else map.set(key, [el]);
}

/** The index of the tree whose topmost node is `root`, built on first use. */
export function treeIndex(root: AnyNode): TreeIndex {
  let index = indexes.get(root);
  if (index) return index;
  index = { order: new Map(), end: new Map(), tag: new Map(), id: new Map(), class: new Map() };
  let n = 0;
  const visit = (node: AnyNode): void => {
    if (isElement(node)) {
      index.order.set(node, n++);
      push(index.tag, node.name.toLowerCase(), node);
      const id = node.attribs.id;
      if (id) push(index.id, id.toLowerCase(), node);
      const cls = node.attribs.class;
      if (cls) for (const c of new Set(cls.toLowerCase().split(/[ \t\r\n\f]+/))) if (c) push(index.class, c, node);
    }
    const kids = (node as { children?: AnyNode[] }).children;
    if (kids) for (const k of kids) visit(k);
    if (isElement(node)) index.end.set(node, n - 1);
  };
  visit(root);
  index.order.set(root, -1);
  index.end.set(root, n - 1);
  indexes.set(root, index);
  return index;
}

export function rootOf(n: AnyNode): AnyNode {
  while (n.parent) n = n.parent as AnyNode;
  return n;
}

/** First position in `list` (document order) of an element after position `after`. */
function lowerBound(list: readonly Element[], order: Map<AnyNode, number>, after: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (order.get(list[mid]!)! <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Elements strictly inside one of `scope` (all in the tree of `root`) that the index lists under `keys`
 * and `test` (the compiled selector) accepts, in document order; or null when a scope node is not one the
 * index knows (the caller searches the usual way).
 */
export function indexedFind(root: AnyNode, scope: readonly AnyNode[], keys: readonly Key[], test: (el: Element) => boolean): Element[] | null {
  const index = treeIndex(root);
  const { order, end } = index;
  const ranges: [number, number][] = [];
  for (const s of scope) {
    const o = order.get(s);
    if (o === undefined) {
      if (isElement(s) || s === root) return null;
      continue; // a text or comment node: nothing inside
    }
    ranges.push([o, end.get(s)!]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const within = new Set(scope);
  // Nodes seen attached (inside a scope node) during this search: the walks up share their ancestors.
  const attached = new Set<AnyNode>();
  const isAttached = (el: Element): boolean => {
    const path: AnyNode[] = [];
    for (let n = el.parent as AnyNode | null; n; n = n.parent as AnyNode | null) {
      if (within.has(n) || attached.has(n)) {
        for (const p of path) attached.add(p);
        return true;
      }
      path.push(n);
    }
    return false; // cut out of the tree since it was indexed
  };
  const hits: Element[] = [];
  for (const k of keys) {
    const list = index[k.kind].get(k.value);
    if (!list) continue;
    let last = -1;
    for (const [from, to] of ranges) {
      if (to <= last) continue; // nested in a range already read
      for (let i = lowerBound(list, order, Math.max(from, last)); i < list.length; i++) {
        const el = list[i]!;
        if (order.get(el)! > to) break;
        if (isAttached(el) && test(el)) hits.push(el);
      }
      last = to;
    }
  }
  if (keys.length === 1) return hits;
  const unique = [...new Set(hits)];
  return unique.sort((a, b) => order.get(a)! - order.get(b)!);
}
