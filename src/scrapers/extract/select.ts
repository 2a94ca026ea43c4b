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
    q = compile<AnyNode, Element>(selector);
    cache.set(selector, q);
  }
  return q;
}

/** Descendants of `scope` matching `selector`, in document order (like `scope.find(selector)`). */
export function find(scope: Cheerio<AnyNode>, selector: string): Cheerio<Element> {
  const roots: AnyNode[] = [];
  for (const n of scope.toArray()) if (hasChildren(n)) roots.push(...n.children);
  return scope._make<Element>(roots.length === 0 ? [] : selectAll(compiled(selector), roots as Element[]));
}

/** True when the element or one of its ancestors matches (like `closest(selector).length > 0`). */
export function inside(el: AnyNode | Cheerio<AnyNode>, selector: string): boolean {
  const q = compiled(selector);
  let n: AnyNode | null = 'toArray' in el ? (el.toArray()[0] ?? null) : el;
  while (n) {
    if (n.type === 'tag' || n.type === 'script' || n.type === 'style') {
      if (is(n as Element, q)) return true;
    }
    n = n.parent as AnyNode | null;
  }
  return false;
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
