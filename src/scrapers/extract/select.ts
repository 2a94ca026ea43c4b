/**
 * CSS selection with compiled selectors cached for the whole run. cheerio compiles a selector string on
 * every `.find()`; on a 50,000-post site the same forty selectors would be compiled millions of times
 * (profiling showed compilation, not parsing, as the largest cost), so the readers go through here.
 * Only plain CSS is used (no jQuery extensions), which css-select compiles directly.
 */
import type { Cheerio } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { hasChildren } from 'domhandler';
import { compile, is, selectAll } from 'css-select';

type Query = ReturnType<typeof compile<AnyNode, Element>>;
const cache = new Map<string, Query>();

function compiled(selector: string): Query {
  let q = cache.get(selector);
  if (!q) {
    // css-select's result cache is a WeakSet per descendant combinator, kept for the run: its tables grew
    // with every node of every page since the last full collection (17 MB of the 87 MB live at 10,000
    // posts) and cost the collector ephemeron work. Without it extract took 2 % less CPU, same output.
    q = compile<AnyNode, Element>(selector, { cacheResults: false });
    cache.set(selector, q);
  }
  return q;
}

/** Appends the elements under `nodes` that pass `test`, in document order (pages are capped at MAX_DEPTH). */
function collect(test: Query, nodes: readonly AnyNode[], out: Element[]): void {
  for (const n of nodes) {
    if ((n.type === 'tag' || n.type === 'script' || n.type === 'style') && test(n as Element)) out.push(n as Element);
    if (hasChildren(n) && n.children.length > 0) collect(test, n.children, out);
  }
}

/**
 * Descendants of `scope` matching `selector`, in document order (like `scope.find(selector)`).
 * The walk is ours rather than css-select's selectAll: that one first removes nested or repeated roots
 * by comparing every root with every other (quadratic in a scope's children, and an entry body has
 * hundreds), then walks with array shifts. A scope's own children never nest, so only a scope of
 * several elements needs the check, done here with a set.
 */
export function find(scope: Cheerio<AnyNode>, selector: string): Cheerio<Element> {
  const q = compiled(selector);
  const out: Element[] = [];
  if (q.shouldTestNextSiblings) {
    const roots: AnyNode[] = [];
    for (const n of scope.toArray()) if (hasChildren(n)) roots.push(...n.children);
    return scope._make<Element>(roots.length === 0 ? [] : selectAll(q, roots as Element[]));
  }
  if (scope.length === 1) {
    const n = scope[0]!;
    if (hasChildren(n)) collect(q, n.children, out);
    return scope._make<Element>(out);
  }
  const all = new Set<AnyNode>(scope.toArray());
  const done = new Set<AnyNode>();
  for (const n of scope.toArray()) {
    if (done.has(n) || !hasChildren(n)) continue;
    done.add(n);
    let nested = false;
    for (let a = n.parent; a && !nested; a = a.parent) nested = all.has(a);
    if (!nested) collect(q, n.children, out);
  }
  return scope._make<Element>(out);
}

/** `inside`'s answers per selector, for the page being read (forgetPage starts new ones for the next page). */
const insideMemo = new Map<string, WeakMap<AnyNode, boolean>>();

/**
 * Called before each page is parsed: new memo tables for the new page. Kept for the run, a WeakMap's table
 * grows with every node asked about since the last full collection (10 MB at 10,000 posts).
 */
export function forgetPage(): void {
  insideMemo.clear();
}

/**
 * True when the element or one of its ancestors matches (like `closest(selector).length > 0`).
 * Answers are remembered per node: every link of a page asks about the same ancestors (is this in a
 * sidebar, a comment area?), and walking them all to the root for each link was a large part of reading
 * a listing. The selectors asked about here name ids, classes and tags, which the readers never change.
 */
export function inside(el: AnyNode | Cheerio<AnyNode>, selector: string): boolean {
  const q = compiled(selector);
  let memo = insideMemo.get(selector);
  if (!memo) insideMemo.set(selector, (memo = new WeakMap()));
  let n: AnyNode | null = 'toArray' in el ? (el[0] ?? null) : el;
  const path: AnyNode[] = [];
  let result = false;
  while (n) {
    const known = memo.get(n);
    if (known !== undefined) {
      result = known;
      break;
    }
    path.push(n);
    if ((n.type === 'tag' || n.type === 'script' || n.type === 'style') && is(n as Element, q)) {
      result = true;
      break;
    }
    n = n.parent as AnyNode | null;
  }
  for (const p of path) memo.set(p, result);
  return result;
}

/** `a` inside an element matching `ancestors` (like matching `X a, Y a`, with `inside`'s memory). */
export function linkUnder(el: Element, ancestors: string): boolean {
  return el.name === 'a' && el.parent !== null && inside(el.parent, ancestors);
}

/** The nearest element, starting at `el`, that matches (like `closest(selector)`), or null. */
export function closestEl(el: AnyNode, selector: string): Element | null {
  const q = compiled(selector);
  for (let n: AnyNode | null = el; n; n = n.parent as AnyNode | null) {
    if ((n.type === 'tag' || n.type === 'script' || n.type === 'style') && is(n as Element, q)) return n as Element;
  }
  return null;
}

/** True when the element itself matches. */
export function matches(el: AnyNode, selector: string): boolean {
  return (el.type === 'tag' || el.type === 'script' || el.type === 'style') && is(el as Element, compiled(selector));
}

const linkCache = new WeakMap<AnyNode, Element[]>();

/**
 * Every `a[href]` inside `scope`, found once per scope and shared by the readers that look at links
 * (categories, tags, author, comment links): they then test each link with `matches`, which is far cheaper
 * than one descendant search per rule.
 */
export function linksIn(scope: Cheerio<AnyNode>): Element[] {
  const key = scope.toArray()[0];
  if (!key) return [];
  let links = scope.length === 1 ? linkCache.get(key) : undefined;
  if (!links) {
    links = find(scope, 'a[href]').toArray();
    if (scope.length === 1) linkCache.set(key, links);
  }
  return links;
}
