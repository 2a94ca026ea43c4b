/**
 * Apache httpd 2.4: a snippet `Include`d inside the old host's `<VirtualHost>`, a RewriteMap text file beside it
 * (referred to by absolute path), and an `.htaccess` variant for hosts without access to the server config.
 *
 * How Apache matches (checked on Apache 2.4): `REQUEST_URI` in mod_rewrite is the percent-decoded path, and a
 * RewriteMap `txt:` key ends at the first space, so the snippet looks up `${escape:%{REQUEST_URI}}`: the
 * built-in `int:escape` re-encodes spaces, `|`, quotes, `%`, control and non-ASCII bytes as lower-case `%xx`,
 * and the map's keys are written through the same function. Lookups are case-sensitive. `?p=ID` rows are looked
 * up as `path?p=ID` after a RewriteCond pulls `p` out of the query. `[NE]` keeps `%E2` from becoming `%25E2`,
 * `[QSD]` drops the old query, `[L]` stops. `Redirect`/`RedirectMatch` are not used: `Redirect` is a prefix
 * match that appends the rest of the path.
 *
 * Encoded slashes: by default (`AllowEncodedSlashes Off`) Apache answers 404 to any `%2F` in a path before
 * mod_rewrite runs. The snippet sets `AllowEncodedSlashes NoDecode` (allowed in <VirtualHost>, not in
 * .htaccess): `REQUEST_URI` then keeps `%2F` as the client spelled it while every other escape is decoded, so
 * such keys hold `%2F` (escaped once more by int:escape: `%252F`) in both letter cases.
 */
import { posix } from 'node:path';
import type { OutputFile } from '../../types.ts';
import type { RedirectPlan } from './plan.ts';
import { decodeToBytes, escapeSpellings, serverPathBytes } from './variants.ts';
import { apacheCatchAll } from './catch-all-servers.ts';

/** Apache's buffer for one line of a RewriteMap txt: file (REWRITE_MAX_TXT_MAP_LINE in mod_rewrite.c). */
export const MAX_TXT_MAP_LINE = 1023;

// Bytes that ap_escape_uri (int:escape) leaves alone: alphanumerics and $-_.+!*'(),:;@&=/~ (gen_test_char.c).
const APACHE_SAFE = new Set(Buffer.from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789$-_.+!*'(),:;@&=/~", 'latin1'));

const APACHE_PLAIN = /^[A-Za-z0-9$\-_.+!*'(),:;@&=/~]*$/;

/** What `${int:escape:…}` makes of these bytes: every other byte as lower-case `%xx`. */
export function apacheEscape(bytes: Buffer): string {
  const text = bytes.toString('latin1');
  if (APACHE_PLAIN.test(text)) return text;
  let out = '';
  for (const b of bytes) out += APACHE_SAFE.has(b) ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, '0')}`;
  return out;
}

/**
 * The map keys of one old path as Apache's REQUEST_URI holds it under `AllowEncodedSlashes NoDecode`: real
 * slashes merged (MergeSlashes), `%2F` kept as sent (`%2F` and `%2f`, one key each), every other escape
 * decoded, then written through int:escape.
 */
export function apachePathKeys(path: string): string[] {
  const merged = path.replace(/\/{2,}/g, '/');
  if (!/%2F/i.test(merged)) return [apacheEscape(decodeToBytes(merged))];
  const keys = ['%2F', '%2f'].map((slash) => {
    const parts = merged.split(/%2F/i).map((part) => decodeToBytes(part));
    const bytes: Buffer[] = [];
    parts.forEach((b, i) => bytes.push(...(i > 0 ? [Buffer.from(slash, 'latin1'), b] : [b])));
    return apacheEscape(Buffer.concat(bytes));
  });
  return [...new Set(keys)];
}

/** Old paths holding `%2F`: the .htaccess variant cannot serve them (AllowEncodedSlashes is not allowed there). */
export function apacheNotes(plan: RedirectPlan): string[] {
  const n = plan.sources.filter((s) => /%2F/i.test(s.path)).length;
  return n === 0 ? [] : [`apache: ${n} old URL(s) have %2F in the path: the snippet serves them (it sets AllowEncodedSlashes NoDecode in the <VirtualHost>); the .htaccess variant cannot (Apache answers 404 before .htaccess is read, and AllowEncodedSlashes is not allowed there)`];
}

function queryParam(query: string): { name: string; value: string } | null {
  const m = /^([A-Za-z0-9_]+)=([^&]*)$/.exec(query);
  return m ? { name: m[1]!, value: m[2]! } : null;
}

export interface ApacheOptions {
  /** The snippet's file name (default `redirects.apache.conf`); the map and .htaccess are named after it. */
  path?: string;
  /** Absolute folder the server reads the map from (where `--out` goes, or `--server-root`). */
  mapDir: string;
  /** Name of the RewriteMap (default `naring_archive_redirect`). */
  mapName?: string;
  /**
   * `txt` (default): Apache reads the text map directly, scanning it for each new key, fine for a few thousand
   * rows. `dbm`: the snippet reads `<name>.dbm`, which `httxt2dbm -i <name>.map -o <name>.dbm` makes on the
   * server (a hashed file in the server's own DBM format): the choice for large maps.
   */
  mapType?: 'txt' | 'dbm';
}

/** Escapes text for a regular expression inside an Apache directive: every byte but [A-Za-z0-9/_-] as \xHH. */
export function regexBytes(bytes: Buffer): string {
  return bytes.toString('latin1').replace(/[^A-Za-z0-9/_-]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** A literal substitution: `\` before `$` and `%` so mod_rewrite does not read them as back-references. */
export function literalTarget(to: string): string {
  return to.replace(/[$%\\]/g, (c) => `\\${c}`);
}

/** The snippet, the map file and the .htaccess variant. */
export function toApache(plan: RedirectPlan, options: ApacheOptions): OutputFile[] {
  const snippetPath = options.path ?? 'redirects.apache.conf';
  const stem = posix.basename(snippetPath).replace(/\.[^.]*$/, '') || 'redirects';
  const dir = posix.dirname(snippetPath) === '.' ? '' : `${posix.dirname(snippetPath)}/`;
  const mapFile = `${stem}.map`;
  const mapName = options.mapName ?? 'naring_archive_redirect';
  const mapType = options.mapType ?? 'txt';
  const mapAbs = posix.join(options.mapDir.replace(/\\/g, '/'), mapType === 'dbm' ? `${stem}.dbm` : mapFile);
  const entries = new Map<string, string>();
  const params = new Set<string>();
  let wholeQuery = false;
  for (const s of plan.sources) {
    const paths = apachePathKeys(s.path);
    if (!s.query) { for (const path of paths) if (!entries.has(path)) entries.set(path, s.to); continue; }
    const p = queryParam(s.query);
    for (const path of paths) {
      for (const spelling of escapeSpellings(s.query)) {
        const key = p
          ? `${path}?${p.name}=${apacheEscape(Buffer.from(spelling.slice(p.name.length + 1), 'utf8'))}`
          : `${path}?${apacheEscape(Buffer.from(spelling, 'utf8'))}`;
        if (!entries.has(key)) entries.set(key, s.to);
      }
    }
    if (p) params.add(p.name); else wholeQuery = true;
  }
  // Apache reads a txt: map line by line into a 1 kB buffer (REWRITE_MAX_TXT_MAP_LINE): a longer line is cut
  // and its key never matches. Such rows get their own RewriteCond on the decoded path instead.
  const long = [...entries].filter(([k, v]) => Buffer.byteLength(`${k} ${v}\n`, 'latin1') > MAX_TXT_MAP_LINE && !k.includes('?'));
  for (const [k] of long) entries.delete(k);
  const esc = 'naring_archive_escape';
  const catchAll = plan.catchAll ? apacheCatchAll(plan.catchAll, mapName, esc) : null;
  for (const [k, v] of catchAll?.map ?? []) if (!entries.has(k)) entries.set(k, v);
  const mapText = [...entries].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([k, v]) => `${k} ${v}\n`).join('');
  const lookup = (key: string): string => `\${${mapName}:${key}}`;
  const flags = '[R=301,L,NE,QSD]';
  const conf: string[] = [
    '# Written by naring-archive (export redirects --format apache). Include it inside each old host\'s',
    `# <VirtualHost>:  Include ${posix.join(options.mapDir.replace(/\\/g, '/'), posix.basename(snippetPath))}`,
    `# Needs mod_rewrite. The map ${mapFile} must stay at the path below (--server-root changes it).`,
    ...(mapType === 'dbm' ? [`# Make the DBM map on the server first:  httxt2dbm -i ${posix.join(options.mapDir, mapFile)} -o ${mapAbs}`] : []),
    '# %2F in a path: kept encoded (not 404 before mod_rewrite, the default); the map keys hold it that way.',
    'AllowEncodedSlashes NoDecode',
    'RewriteEngine On',
    `RewriteMap ${mapName} "${mapType}:${mapAbs.replace(/["\\]/g, (c) => `\\${c}`)}"`,
    `RewriteMap ${esc} int:escape`,
  ];
  for (const name of [...params].sort()) {
    conf.push(
      `# ?${name}=… rows: the value of ${name} with the path as key.`,
      `RewriteCond %{QUERY_STRING} (?:^|&)${name}=([^&]*)`,
      `RewriteCond ${lookup(`\${${esc}:%{REQUEST_URI}}?${name}=\${${esc}:%1}`)} ^(.+)$`,
      `RewriteRule ^ %1 ${flags}`,
    );
  }
  if (wholeQuery) {
    conf.push(
      '# rows whose old URL had any other query: the whole query with the path as key.',
      'RewriteCond %{QUERY_STRING} .',
      `RewriteCond ${lookup(`\${${esc}:%{REQUEST_URI}}?\${${esc}:%{QUERY_STRING}}`)} ^(.+)$`,
      `RewriteRule ^ %1 ${flags}`,
    );
  }
  if (long.length > 0) conf.push(`# ${long.length} old path(s) too long for a line of the txt map: each matched here.`);
  for (const [k, v] of long) {
    conf.push(`RewriteCond %{REQUEST_URI} ^${regexBytes(decodeToBytes(k))}$`, `RewriteRule ^ ${literalTarget(v)} ${flags}`);
  }
  conf.push(
    '# every other old path.',
    `RewriteCond ${lookup(`\${${esc}:%{REQUEST_URI}}`)} ^(.+)$`,
    `RewriteRule ^ %1 ${flags}`,
  );
  if (catchAll) conf.push(...catchAll.conf);
  conf.push('');
  return [
    { path: snippetPath, contents: conf.join('\n') },
    { path: `${dir}${mapFile}`, contents: mapText },
    { path: `${dir}${stem}.htaccess`, contents: toHtaccess(plan) },
  ];
}

/**
 * The `.htaccess` variant (RewriteMap is not allowed there): one RewriteRule per old path, tested in order, so
 * it suits a few thousand rows, not fifty thousand. In a DocumentRoot `.htaccess` the pattern sees the decoded
 * path without its leading slash; every byte but letters, digits, `/`, `_` and `-` is written as `\xHH`, so no
 * URL can end the pattern or start a directive.
 */
export function toHtaccess(plan: RedirectPlan): string {
  const out = [
    '# Written by naring-archive (export redirects --format apache): the .htaccess variant without RewriteMap.',
    '# Put it in the DocumentRoot of the old host (needs AllowOverride FileInfo and mod_rewrite).',
    'RewriteEngine On',
  ];
  const withQuery = plan.sources.filter((s) => s.query);
  const plain = plan.sources.filter((s) => !s.query);
  for (const s of [...withQuery, ...plain]) {
    const pattern = `^${regexBytes(serverPathBytes(s.path).subarray(1))}$`;
    if (s.query) {
      const p = queryParam(s.query);
      const cond = p ? `(?:^|&)${regexBytes(Buffer.from(s.query, 'utf8'))}(?:&|$)` : `^${regexBytes(Buffer.from(s.query, 'utf8'))}$`;
      out.push(`RewriteCond %{QUERY_STRING} ${cond} [NC]`);
    }
    out.push(`RewriteRule ${pattern} ${literalTarget(s.to)} [R=301,L,NE,QSD]`);
  }
  return `${out.join('\n')}\n`;
}
