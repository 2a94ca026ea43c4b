/**
 * Scores extracted posts against a corpus's truth (oracle.json, bodies.json) the way the corpora's README
 * says the tool is judged: posts matched by permalink (scheme and host dropped, percent-decoded, lower-cased,
 * trailing slash), then per field; bodies as bags of words (F1). Fields the oracle leaves null are not scored.
 */
import type { PostRecord } from '../../src/types.ts';

export interface OraclePost {
  path: string;
  title: string | null;
  date_local: string | null;
  author: string | null;
  categories: string[] | null;
  tags?: string[] | null;
  comments: number | null;
}

export interface FieldScore { right: number; scored: number; wrong: string[] }

export interface CorpusScore {
  posts: number;
  found: number;
  missing: string[];
  /** Records whose URL is no oracle post (a `?p=` copy, a comment page, a static page read as a post). */
  extra: string[];
  fields: Record<'title' | 'date' | 'author' | 'categories' | 'comments', FieldScore>;
  body: { scored: number; atLeast09: number; medianF1: number; worst: { path: string; f1: number }[] };
}

export function pathKey(urlOrPath: string): string {
  let p = urlOrPath.replace(/^[a-z]+:\/\/[^/]+/i, '').replace(/[?#].*$/s, '');
  try {
    p = decodeURIComponent(p);
  } catch { /* keep as written */ }
  p = p.normalize('NFC').toLowerCase();
  return p.endsWith('/') ? p : `${p}/`;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', hellip: '…', ndash: '–', mdash: '—' };
export function unescapeHtml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1));
      return Number.isFinite(n) && n > 0 && n < 0x110000 ? String.fromCodePoint(n) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

const norm = (s: string | null | undefined): string => unescapeHtml(s ?? '').replace(/\s+/g, ' ').trim();

/** Markdown → its plain words, as the README describes: link text kept, images dropped, marks removed. */
export function markdownWords(md: string): string {
  return unescapeHtml(md
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\\([\\`*_{}[\]()#+\-.!|>~<])/g, '$1')
    .replace(/^\s{0,3}(#{1,6}|>+|[-+*]|\d+\.)\s+/gm, ' ')
    .replace(/[*_`~|]+/g, ' '));
}

/** Bag of lower-cased words (NFKC); each CJK character is one word. */
export function wordBag(text: string): Map<string, number> {
  const bag = new Map<string, number>();
  const t = text.normalize('NFKC').toLowerCase();
  for (const m of t.matchAll(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{N}\p{M}]+/gu)) bag.set(m[0], (bag.get(m[0]) ?? 0) + 1);
  return bag;
}

export function bagF1(tool: string, truth: string): number {
  const a = wordBag(tool);
  const b = wordBag(truth);
  let na = 0, nb = 0, shared = 0;
  for (const v of a.values()) na += v;
  for (const v of b.values()) nb += v;
  if (na === 0 && nb === 0) return 1;
  if (na === 0 || nb === 0) return 0;
  for (const [w, v] of a) shared += Math.min(v, b.get(w) ?? 0);
  const p = shared / na, r = shared / nb;
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

const sameSet = (a: string[], b: string[]): boolean => {
  const x = new Set(a.map(norm)), y = new Set(b.map(norm));
  return x.size === y.size && [...x].every((v) => y.has(v));
};

export function scoreCorpus(records: PostRecord[], oracle: OraclePost[], bodies: Record<string, string>): CorpusScore {
  const byPath = new Map<string, PostRecord>();
  for (const r of records) byPath.set(pathKey(r.url), r);
  const oraclePaths = new Set(oracle.map((o) => pathKey(o.path)));
  const field = (): FieldScore => ({ right: 0, scored: 0, wrong: [] });
  const fields = { title: field(), date: field(), author: field(), categories: field(), comments: field() };
  const judge = (f: FieldScore, path: string, ok: boolean): void => {
    f.scored++;
    if (ok) f.right++;
    else f.wrong.push(path);
  };
  const missing: string[] = [];
  const f1s: { path: string; f1: number }[] = [];
  const bodyTruth = new Map(Object.entries(bodies).map(([k, v]) => [pathKey(k), v]));
  for (const o of oracle) {
    const key = pathKey(o.path);
    const r = byPath.get(key);
    if (!r) missing.push(o.path);
    if (o.title !== null) judge(fields.title, o.path, Boolean(r) && norm(r!.title) === norm(o.title));
    if (o.date_local) judge(fields.date, o.path, (r?.published ?? '').slice(0, 10) === o.date_local);
    if (o.author) judge(fields.author, o.path, norm(r?.author?.name) === norm(o.author));
    if (o.categories) judge(fields.categories, o.path, Boolean(r) && sameSet(r!.categories.map((c) => c.name), o.categories));
    if (o.comments !== null && o.comments !== undefined) judge(fields.comments, o.path, r?.commentCount === o.comments);
    const truth = bodyTruth.get(key);
    if (truth !== undefined) f1s.push({ path: o.path, f1: r ? bagF1(markdownWords(r.contentMarkdown), truth) : 0 });
  }
  const sorted = f1s.map((x) => x.f1).sort((a, b) => a - b);
  return {
    posts: oracle.length,
    found: oracle.length - missing.length,
    missing,
    extra: records.map((r) => r.url).filter((u) => !oraclePaths.has(pathKey(u))).sort(),
    fields,
    body: {
      scored: f1s.length,
      atLeast09: f1s.filter((x) => x.f1 >= 0.9).length,
      medianF1: sorted.length ? sorted[Math.floor(sorted.length / 2)]! : 0,
      worst: [...f1s].sort((a, b) => a.f1 - b.f1).slice(0, 5),
    },
  };
}

const pct = (n: number, d: number): string => (d === 0 ? '–' : `${((100 * n) / d).toFixed(1)} %`);

/** One Markdown table row per corpus: the figures docs/extraction.md and the tests print. */
export function scoreRow(name: string, s: CorpusScore): string {
  const f = s.fields;
  return `| ${name} | ${s.found}/${s.posts} | ${s.extra.length} | ${pct(f.title.right, f.title.scored)} | ${pct(f.categories.right, f.categories.scored)} | ${pct(f.comments.right, f.comments.scored)} | ${pct(f.date.right, f.date.scored)} | ${pct(f.author.right, f.author.scored)} | ${pct(s.body.atLeast09, s.body.scored)} (median ${s.body.medianF1.toFixed(3)}) |`;
}

export const SCORE_HEADER = '| corpus | posts found | extra records | titles | categories | comment counts | dates (local) | authors | bodies F1 ≥ 0.9 |\n|---|---|---|---|---|---|---|---|---|';
