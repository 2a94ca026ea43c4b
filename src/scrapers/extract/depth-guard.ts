/**
 * A depth cap on a parsed page. Reading a page recurses along its tree in several places that are not
 * ours to make iterative (domutils' textContent behind cheerio's .text(), css-select's descendant
 * matching, turndown's converter), and 1,525 nested <div>s or 812 unclosed <div><span> overflowed the
 * stack and failed the whole site. So elements nested deeper than MAX_DEPTH are flattened: below that
 * depth, the subtree's text and leaf elements (img, br) become direct children of the element at the
 * cap, in document order. No text is lost; only the nesting that no real theme has. The walk here is
 * iterative. The page is reported (a warning), so a reader knows its body may read differently.
 */
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, ParentNode } from 'domhandler';

/** Far deeper than any WordPress theme (about 30), far below what overflows Node's default stack. */
export const MAX_DEPTH = 256;

function hasChildren(n: AnyNode): n is AnyNode & ParentNode {
  return Array.isArray((n as ParentNode).children) && (n as ParentNode).children.length > 0;
}

/** Descendants of `root` in document order that have no children (text, comments, empty elements). */
function leaves(root: ParentNode): AnyNode[] {
  const out: AnyNode[] = [];
  const stack: AnyNode[] = [...root.children].reverse();
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (hasChildren(n)) {
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
      n.children = [];
    } else out.push(n);
  }
  return out;
}

/** Flattens the page below MAX_DEPTH in place; returns the deepest nesting found (0 when within the cap). */
export function capDepth($: CheerioAPI, max = MAX_DEPTH): number {
  const root = $.root()[0] as unknown as ParentNode;
  let deepest = 0;
  const stack: { node: ParentNode; depth: number }[] = [{ node: root, depth: 0 }];
  const capped: ParentNode[] = [];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (depth >= max) {
      capped.push(node);
      continue;
    }
    for (const c of node.children) if (hasChildren(c)) stack.push({ node: c, depth: depth + 1 });
  }
  for (const node of capped) {
    // Measure how deep it went before flattening, for the report.
    const measure: { n: AnyNode; d: number }[] = [{ n: node, d: max }];
    while (measure.length > 0) {
      const { n, d } = measure.pop()!;
      deepest = Math.max(deepest, d);
      if (hasChildren(n)) for (const c of n.children) measure.push({ n: c, d: d + 1 });
    }
    const flat = leaves(node);
    for (let i = 0; i < flat.length; i++) {
      const f = flat[i]!;
      f.parent = node;
      f.prev = flat[i - 1] ?? null;
      f.next = flat[i + 1] ?? null;
    }
    node.children = flat;
  }
  return capped.length > 0 ? deepest : 0;
}
