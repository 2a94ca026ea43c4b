/**
 * The frontier: which URLs have been seen, which wait to be fetched, and why the others were not. Every
 * decision is journalled (so --resume rebuilds the same frontier) and every skip is logged once in
 * crawl-log.jsonl with its reason. Memory: the seen-set and the queue, a few hundred bytes per URL.
 */
import type { Journal, LineLog, QueueItem } from './crawl-journal.ts';
import { ALLOW_ALL, type RobotsRules } from './crawl-politeness.ts';
import { ASSET_EXT } from './crawl-links.ts';
import { cleanUrl, queryVariant, type Scope } from './crawl-scope.ts';

export interface FrontierOptions {
  scope: Scope;
  /** Hosts of the start URLs and scope prefixes: sitemaps named on them are fetched outside the folder scope. */
  hosts: ReadonlySet<string>;
  robots: ReadonlyMap<string, RobotsRules>;
  assets: boolean;
  maxDepth: number | null;
  /** Distinct query variants followed per path (see queryVariant); further ones are trap:query-variants. */
  maxQueryVariants: number;
  journal: Journal;
  crawlLog: LineLog;
  log: (line: string) => void;
  /** From the journal of an interrupted run. */
  seen: Iterable<string>;
  /** Every URL queued so far (done or not) but sitemaps and probes: rebuilds the query variants per path. */
  counted: Iterable<string>;
  pending: QueueItem[];
  guards: ReadonlyMap<string, number>;
}

export interface EnqueueFlags {
  asset?: boolean;
  sitemap?: boolean;
  probe?: boolean;
}

export class Frontier {
  private readonly seen: Set<string>;
  private queue: QueueItem[];
  private head = 0;
  private readonly guards: Map<string, number>;
  private readonly trapsLogged = new Set<string>();
  private readonly cleaned = new Map<string, ReturnType<typeof cleanUrl>>();
  /** Query variants queued per path: at most maxQueryVariants each. */
  private readonly variants = new Map<string, Set<string>>();

  constructor(private readonly o: FrontierOptions) {
    this.seen = new Set(o.seen);
    this.queue = o.pending;
    this.guards = new Map(o.guards);
    for (const url of o.counted) this.takeVariant(url);
  }

  /**
   * Counts the link's query variant against its path; false when the path has its maxQueryVariants already
   * (a query-string flood: search terms, filters, sort orders generated without end).
   */
  private takeVariant(url: string): boolean {
    const v = queryVariant(url);
    if (!v) return true;
    let set = this.variants.get(v.path);
    if (!set) this.variants.set(v.path, (set = new Set()));
    if (set.has(v.variant)) return true;
    if (set.size >= this.o.maxQueryVariants) return false;
    set.add(v.variant);
    return true;
  }

  /** URLs waiting to be fetched. */
  get pending(): number {
    return this.queue.length - this.head;
  }

  has(url: string): boolean {
    return this.seen.has(url);
  }

  /** The next URL to fetch, in discovery order (breadth first), or undefined. */
  next(): QueueItem | undefined {
    if (this.head >= this.queue.length) return undefined;
    const item = this.queue[this.head++]!;
    // Drop the consumed front now and then, so a long crawl does not keep every item it ever queued.
    if (this.head > 4096 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  /** Marks a URL as queued without queueing it (robots.txt, fetched before the frontier existed). */
  claim(item: QueueItem): boolean {
    if (this.seen.has(item.url)) return false;
    this.seen.add(item.url);
    this.o.journal.write({ t: 'q', item });
    return true;
  }

  // WordPress writes absolute links and repeats the same sidebar and menu links on every page: remember how
  // each absolute href normalises instead of parsing it again (bounded, so memory stays flat).
  private clean(href: string, base: string): ReturnType<typeof cleanUrl> {
    if (!/^https?:\/\//i.test(href)) return cleanUrl(href, base);
    let c = this.cleaned.get(href);
    if (!c) {
      if (this.cleaned.size >= 10_000) this.cleaned.clear();
      c = cleanUrl(href);
      // The parser's attribute values are slices of the whole page text; a copied key keeps the page collectable.
      this.cleaned.set(Buffer.from(href).toString(), c);
    }
    return c;
  }

  private skip(url: string, reason: string, from: string | null): void {
    if (reason.startsWith('trap:') && !this.trapsLogged.has(reason)) {
      this.trapsLogged.add(reason);
      const more = reason === 'trap:query-variants' ? ` (--max-query-variants ${this.o.maxQueryVariants} on its path)` : '';
      this.o.log(`trap guard ${reason} fired on ${url}${more} (further ones are counted in crawl-summary.json)`);
    }
    this.seen.add(url);
    this.o.journal.write({ t: 'skip', url, reason });
    this.o.crawlLog.write({ url, skipped: reason, discoveredFrom: from });
  }

  /** Normalises a link and queues it, or records why not (scope, trap, asset, depth, robots.txt). */
  add(href: string, base: string, from: string | null, depth: number, flags: EnqueueFlags = {}): void {
    const { url, dropped } = this.clean(href, base);
    if (!url || this.seen.has(url)) return;
    for (const g of dropped) {
      if (!this.guards.has(g)) this.o.log(`trap guard: dropped ?${g} from links (first seen on ${from ?? url})`);
      this.guards.set(g, (this.guards.get(g) ?? 0) + 1);
      this.o.journal.write({ t: 'guard', name: g });
    }
    const u = new URL(url);
    const reason = flags.sitemap && this.o.hosts.has(u.host) ? null : this.o.scope.check(url);
    if (reason) return this.skip(url, reason, from);
    if (!this.o.assets && (flags.asset || ASSET_EXT.test(u.pathname))) return this.skip(url, 'asset (add --assets)', from);
    if (this.o.maxDepth !== null && depth > this.o.maxDepth) return this.skip(url, 'max-depth', from);
    if (!(this.o.robots.get(u.host) ?? ALLOW_ALL).isAllowed(url)) return this.skip(url, 'robots.txt', from);
    // Counted last, so only what is queued counts (and --resume rebuilds the same counts from the journal).
    if (u.search && !flags.sitemap && !flags.probe && !this.takeVariant(url)) return this.skip(url, 'trap:query-variants', from);
    const item: QueueItem = { url, from, depth, ...(flags.probe ? { probe: true } : {}), ...(flags.sitemap ? { sitemap: true } : {}) };
    this.claim(item);
    this.queue.push(item);
  }
}
