/**
 * The redirect rules file (`--rules`, JSON or YAML; ../../../docs/redirects.md): old hosts, the new origin,
 * allowed target hosts, the editors' mapping, rules by page kind, and a fallback. Every field is checked here,
 * so a typo gives one line naming the field and the fix, before anything is planned or written.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { UsageError } from '../../errors.ts';
import { PAGE_KINDS, type PageKind } from '../../types.ts';
import { normalizeUrl } from '../../url.ts';
import { parseCsv, sniffDelimiter } from './csv.ts';
import { parseCatchAll, type CatchAllRules } from './catch-all.ts';

/** One rule: which old URLs it takes (kind, blog, regular expression) and where they go (with placeholders). */
export interface RedirectRule {
  /** Page kinds it applies to; null for every kind. */
  kinds: PageKind[] | null;
  /** Sub-blog it applies to (`innovation`); null for every blog. */
  blog: string | null;
  /** Tested against the old path (percent-decoded) plus `?query` when there is one; null for every path. */
  match: RegExp | null;
  /** Target, absolute or relative to `target`, with `{blog} {slug} {year} {month} {day} {category} {path}`. */
  to: string;
  /** Position in the rules file (1-based), for messages. */
  index: number;
}

/** One row of the editors' mapping: an old URL (or path) and where it goes. */
export interface EditorMapRow {
  /** Old path + query, normalised (`/innovation/om/`, `/innovation/?p=7`). */
  key: string;
  /** Host of an absolute `from`, or null for a bare path; checked against sourceHosts by the plan. */
  host: string | null;
  to: string;
  /** `file:line`, for messages. */
  where: string;
}

export interface RedirectRules {
  /** Old hosts, lower case; every old URL is covered on each of them, over http and https. */
  sourceHosts: string[];
  /** The new origin (normalised absolute URL) relative targets resolve against. */
  target: string;
  /** Hosts a target may name; defaults to the host of `target`. */
  allowHosts: string[];
  map: EditorMapRow[];
  rules: RedirectRule[];
  /** Target for every old URL no map row or rule covers; null when there is none. */
  fallback: string | null;
  /** Catch-alls for URLs the inventory does not list (catch-all.ts); null or absent for none. */
  catchAll?: CatchAllRules | null;
}

const TOP_KEYS = ['sourceHosts', 'target', 'allowHosts', 'map', 'rules', 'fallback', 'catchAll'];
const RULE_KEYS = ['kind', 'blog', 'match', 'to'];

function isHostName(h: string): boolean {
  if (!/^[a-z0-9.-]+(:\d+)?$/i.test(h)) return false;
  try {
    return new URL(`http://${h}/`).host === h.toLowerCase();
  } catch {
    return false;
  }
}

function hostList(value: unknown, field: string, file: string, example: string): string[] {
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.length === 0 || !list.every((h) => typeof h === 'string' && isHostName(h.trim()))) {
    throw new UsageError(`${file}: ${field}: expected a list of host names without scheme or path, e.g. ${field}: [${example}]`);
  }
  return [...new Set(list.map((h: string) => h.trim().toLowerCase()))].sort();
}

/**
 * Validates a parsed rules document. `file` names it in messages; the editors' map is not read here
 * (see loadRules), so this stays pure.
 */
export function parseRules(doc: unknown, file: string): Omit<RedirectRules, 'map'> & { mapFile: string | null } {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new UsageError(`${file}: expected a mapping with sourceHosts, target, rules and fallback (see docs/redirects.md)`);
  }
  const d = doc as Record<string, unknown>;
  for (const key of Object.keys(d)) {
    if (!TOP_KEYS.includes(key)) throw new UsageError(`${file}: unknown field "${key}"; the fields are ${TOP_KEYS.join(', ')}`);
  }
  const sourceHosts = hostList(d.sourceHosts, 'sourceHosts', file, 'www.example.se, example.se');
  if (typeof d.target !== 'string') throw new UsageError(`${file}: target: expected the new site's origin, e.g. target: https://www.example.se`);
  const target = normalizeUrl(d.target);
  if (!target || !/^https?:\/\//i.test(d.target.trim())) throw new UsageError(`${file}: target: ${JSON.stringify(d.target)} is not an absolute http(s) URL; write e.g. target: https://www.example.se`);
  const allowHosts = d.allowHosts === undefined ? [new URL(target).host] : hostList(d.allowHosts, 'allowHosts', file, new URL(target).host);
  let mapFile: string | null = null;
  if (d.map !== undefined && d.map !== null) {
    if (typeof d.map !== 'string' || d.map.trim() === '') throw new UsageError(`${file}: map: expected the path of a CSV file with columns from,to (or url,new_url), relative to the rules file`);
    mapFile = resolve(dirname(file), d.map);
  }
  const rawRules = d.rules ?? [];
  if (!Array.isArray(rawRules)) throw new UsageError(`${file}: rules: expected a list of rules such as - {kind: post, to: /news/{slug}/}`);
  const rules = rawRules.map((r, i) => parseRule(r, i + 1, file));
  let fallback: string | null = null;
  if (d.fallback !== undefined && d.fallback !== null) {
    if (typeof d.fallback !== 'string' || d.fallback.trim() === '') throw new UsageError(`${file}: fallback: expected a target such as fallback: /about/ (absolute or relative to target)`);
    if (/\{[a-z]+\}/.test(d.fallback)) throw new UsageError(`${file}: fallback: placeholders such as {slug} are not allowed here; move it into a rule, or give a fixed target`);
    fallback = d.fallback.trim();
  }
  const catchAll = parseCatchAll(d.catchAll, file, fallback !== null);
  return { sourceHosts, target, allowHosts, rules, fallback, catchAll, mapFile };
}

const PLACEHOLDERS = ['blog', 'slug', 'year', 'month', 'day', 'category', 'path'];

function parseRule(raw: unknown, index: number, file: string): RedirectRule {
  const at = `${file}: rules[${index}]`;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new UsageError(`${at}: expected a mapping such as {kind: post, to: /news/{slug}/}`);
  const r = raw as Record<string, unknown>;
  for (const key of Object.keys(r)) {
    if (!RULE_KEYS.includes(key)) throw new UsageError(`${at}: unknown field "${key}"; a rule has ${RULE_KEYS.join(', ')}`);
  }
  let kinds: PageKind[] | null = null;
  if (r.kind !== undefined && r.kind !== null) {
    const list = Array.isArray(r.kind) ? r.kind : [r.kind];
    for (const k of list) {
      if (typeof k !== 'string' || !PAGE_KINDS.includes(k as PageKind)) {
        throw new UsageError(`${at}: kind: ${JSON.stringify(k)} is not a page kind; use one of ${PAGE_KINDS.join(', ')}`);
      }
    }
    kinds = list as PageKind[];
  }
  let blog: string | null = null;
  if (r.blog !== undefined && r.blog !== null) {
    if (typeof r.blog !== 'string') throw new UsageError(`${at}: blog: expected a sub-blog's path segment, e.g. blog: innovation`);
    blog = r.blog.replace(/^\/+|\/+$/g, '');
  }
  let match: RegExp | null = null;
  if (r.match !== undefined && r.match !== null) {
    if (typeof r.match !== 'string') throw new UsageError(`${at}: match: expected a regular expression as a string, e.g. match: "^/innovation/"`);
    try {
      match = new RegExp(r.match, 'u');
    } catch (err) {
      throw new UsageError(`${at}: match: ${JSON.stringify(r.match)} is not a valid regular expression (${(err as Error).message}); quote it in YAML and escape backslashes`);
    }
  }
  if (typeof r.to !== 'string' || r.to.trim() === '') throw new UsageError(`${at}: to: expected a target such as to: /news/{year}/{slug}/`);
  for (const m of r.to.matchAll(/\{([^{}]*)\}/g)) {
    if (!PLACEHOLDERS.includes(m[1]!)) throw new UsageError(`${at}: to: unknown placeholder {${m[1]}}; use ${PLACEHOLDERS.map((p) => `{${p}}`).join(' ')}`);
  }
  return { kinds, blog, match, to: r.to.trim(), index };
}

/**
 * Reads an editors' mapping: a CSV with columns `from,to`, or the sheet `export csv` writes (`url,…,new_url`).
 * Rows with an empty target are skipped (not yet decided). `from` is an absolute old URL or a path.
 */
export function parseEditorMap(text: string, file: string): EditorMapRow[] {
  let table: string[][];
  try {
    table = parseCsv(text, sniffDelimiter(text));
  } catch (err) {
    throw new UsageError(`${file}: ${(err as Error).message}; close the quote or save the sheet as CSV again`);
  }
  const header = (table[0] ?? []).map((h) => h.trim().toLowerCase());
  let fromCol = header.indexOf('from');
  let toCol = header.indexOf('to');
  if (fromCol < 0 || toCol < 0) {
    fromCol = header.indexOf('url');
    toCol = header.indexOf('new_url');
  }
  if (fromCol < 0 || toCol < 0) throw new UsageError(`${file}: line 1: expected the columns from,to (or url and new_url, as \`export csv\` writes them)`);
  const out: EditorMapRow[] = [];
  table.slice(1).forEach((cells, i) => {
    const where = `${file}:${i + 2}`;
    const from = (cells[fromCol] ?? '').trim().replace(/^'(?=[=+\-@])/, '');
    // A cell written neutralised against formulas (`'=…`) is read back without the guard.
    const to = (cells[toCol] ?? '').trim().replace(/^'(?=[=+\-@])/, '');
    if (from === '' && to === '') return;
    if (to === '') return;
    const abs = normalizeUrl(from, 'http://placeholder.invalid/');
    if (!abs || from === '') throw new UsageError(`${where}: ${JSON.stringify(from)} is not an old URL or path; write e.g. http://www.example.se/old/ or /old/`);
    const u = new URL(abs);
    out.push({ key: abs.slice(u.origin.length), host: /^https?:\/\//i.test(from) ? u.host : null, to, where });
  });
  return out;
}

/**
 * Reads and validates a rules file (JSON by `.json`, YAML otherwise) and the editors' mapping it names.
 * `extraMap` (a `--map FILE` flag) is read after `map:`, so its rows can add to it.
 */
export async function loadRules(path: string, options: { extraMap?: string } = {}): Promise<RedirectRules> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new UsageError(`${path}: cannot read the rules file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); give --rules a JSON or YAML file (see docs/redirects.md)`);
  }
  let doc: unknown;
  try {
    doc = path.toLowerCase().endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new UsageError(`${path}: not valid ${path.toLowerCase().endsWith('.json') ? 'JSON' : 'YAML'} (${(err as Error).message.split('\n')[0]}); fix the syntax`);
  }
  const { mapFile, ...rules } = parseRules(doc, path);
  const map: EditorMapRow[] = [];
  for (const f of [mapFile, options.extraMap ?? null]) {
    if (!f) continue;
    let csv: string;
    try {
      csv = await readFile(f, 'utf8');
    } catch (err) {
      throw new UsageError(`${f}: cannot read the editors' mapping (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); fix "map:" in ${path} (relative to the rules file) or --map`);
    }
    map.push(...parseEditorMap(csv, f));
  }
  return { ...rules, map };
}
