/**
 * The formats for hosted platforms and other servers: IIS (web.config rewriteMaps), Netlify (`_redirects`),
 * Caddy (Caddyfile snippet), Cloudflare Bulk Redirects (CSV). Each writes keys the way that platform matches.
 */
import type { OutputFile } from '../../types.ts';
import { csvCell } from './csv.ts';
import type { PlannedSource, RedirectPlan } from './plan.ts';
import { escapeSpellings } from './variants.ts';
import { decodeSafe } from '../../url.ts';
import { caddyCatchAll, cloudflareCatchAll, cloudflareSubpath, iisCatchAll, netlifyCatchAll } from './catch-all-hosted.ts';
import { xmlChars } from '../xml-text.ts';

/** IIS's default limit for a web.config (HKLM\SOFTWARE\Microsoft\InetStp\Configuration\MaxWebConfigFileSizeInKB). */
export const IIS_LIMIT_BYTES = 250 * 1024;

/** An attribute value: markup escaped, tab/CR/LF as references (a parser would read them raw as spaces). */
export function xmlAttr(s: string): string {
  const named: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
  return xmlChars(s).replace(/[&<>"']/g, (c) => named[c]!).replace(/[\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * IIS URL Rewrite: a rewriteMap keyed by `{REQUEST_URI}` (the path and query as sent, still percent-encoded),
 * `ignoreCase` so `%e2` and `%E2` are one key. One rule looks up the whole path + query (rows with `?p=ID`), a
 * second the path alone (so `?utm_…` on an old post still redirects).
 */
export function toIis(plan: RedirectPlan, path = 'web.config'): { files: OutputFile[]; notes: string[] } {
  const seen = new Set<string>();
  const adds: string[] = [];
  for (const s of plan.sources) {
    const key = s.key.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    adds.push(`        <add key="${xmlAttr(s.key)}" value="${xmlAttr(s.to)}" />`);
  }
  const catchAll = plan.catchAll ? iisCatchAll(plan.catchAll, 'naring_archive_redirects') : null;
  const text = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    // No `--` inside an XML comment (XML 1.0 §2.5): the flag is named in words.
    '<!-- Written by naring-archive: export redirects, format iis. Needs the IIS URL Rewrite module. -->',
    '<configuration>',
    '  <system.webServer>',
    '    <rewrite>',
    '      <rewriteMaps>',
    '        <rewriteMap name="naring_archive_redirects" defaultValue="" ignoreCase="true">',
    ...adds.map((a) => `  ${a}`),
    '        </rewriteMap>',
    '      </rewriteMaps>',
    '      <rules>',
    '        <rule name="naring-archive: old URL with its query" stopProcessing="true">',
    '          <match url=".*" />',
    '          <conditions>',
    '            <add input="{naring_archive_redirects:{REQUEST_URI}}" pattern="(.+)" />',
    '          </conditions>',
    '          <action type="Redirect" url="{C:1}" appendQueryString="false" redirectType="Permanent" />',
    '        </rule>',
    '        <rule name="naring-archive: old path" stopProcessing="true">',
    '          <match url=".*" />',
    '          <conditions logicalGrouping="MatchAll">',
    '            <add input="{REQUEST_URI}" pattern="^([^?]*)" />',
    '            <add input="{naring_archive_redirects:{C:1}}" pattern="(.+)" />',
    '          </conditions>',
    '          <action type="Redirect" url="{C:1}" appendQueryString="false" redirectType="Permanent" />',
    '        </rule>',
    ...(catchAll?.rules ?? []),
    '      </rules>',
    '    </rewrite>',
    '  </system.webServer>',
    '</configuration>',
    '',
  ].join('\n');
  const notes: string[] = [...(catchAll?.notes ?? [])];
  const size = Buffer.byteLength(text);
  if (size > IIS_LIMIT_BYTES) {
    notes.push(`iis: ${path} is ${Math.ceil(size / 1024)} KB, over IIS's default 250 KB web.config limit; move <rewriteMaps> into a file named by configSource, or raise MaxWebConfigFileSizeInKB`);
  }
  return { files: [{ path, contents: text }], notes };
}

/**
 * Netlify `_redirects`: `FROM TO 301!` lines, first match wins, so `?p=ID` rows (written as `p=ID` after the
 * path) come before plain paths. Netlify's matcher takes the path as sent and compares it byte for byte
 * (checked with Netlify's own netlify-redirector), except that it ignores a trailing slash: one line serves
 * `/a` and `/a/`, and each escape spelling gets its own line. `:name` and `*` mean placeholders there, so a
 * path holding them is written with `%3A`/`%2A` and reported. `!` forces the rule even where a file exists.
 */
export function toNetlify(plan: RedirectPlan, path = '_redirects'): { files: OutputFile[]; notes: string[] } {
  const notes: string[] = [];
  const query: string[] = [];
  const plain: string[] = [];
  const seen = new Set<string>();
  for (const s of plan.sources) {
    for (const spelling of escapeSpellings(s.path)) {
      let p = spelling.replace(/\/+$/, '') || '/';
      if (/\*|(^|\/):/.test(p)) {
        p = p.replace(/\*/g, '%2A').replace(/(^|\/):/g, '$1%3A');
        notes.push(`netlify: ${s.key} holds ":" or "*", which _redirects reads as a placeholder; written encoded, so only clients that encode them match`);
      }
      const q = s.query ? netlifyQuery(s.query, s.key, notes) : '';
      const id = `${p} ${q}`;
      if (seen.has(id)) continue;
      seen.add(id);
      (s.query ? query : plain).push(q ? `${p} ${q} ${s.to} 301!` : `${p} ${s.to} 301!`);
    }
  }
  const head = '# Written by naring-archive (export redirects --format netlify). Put it in the publish folder as _redirects.';
  const catchAll = plan.catchAll ? netlifyCatchAll(plan.catchAll) : null;
  if (catchAll) notes.push(...catchAll.notes);
  return { files: [{ path, contents: `${[head, ...query, ...plain, ...(catchAll?.lines ?? [])].join('\n')}\n` }], notes };
}

/**
 * Netlify compares query values after decoding them on both sides (checked with netlify-redirector), so values
 * are written decoded; one that would hold whitespace or `#` once decoded cannot be a token and stays encoded.
 */
function netlifyQuery(query: string, key: string, notes: string[]): string {
  return query.split('&').map((kv) => {
    const eq = kv.indexOf('=');
    const name = eq < 0 ? kv : kv.slice(0, eq);
    const value = eq < 0 ? '' : kv.slice(eq + 1);
    const decoded = decodeSafe(value);
    // `p=:id` is a placeholder in _redirects that matches every value: `?p=%3Aid` written decoded would take
    // over every `?p=` redirect after it. Encoded it matches nothing, which is the lesser harm (and said).
    if (decoded.startsWith(':')) {
      notes.push(`netlify: ${key} has a query value starting with ":", which _redirects reads as a placeholder for any value; left encoded, so this row will not match`);
      return kv;
    }
    if (/[\s#\u0000-\u001f\u007f]/.test(decoded)) {
      notes.push(`netlify: ${key} has a query value that holds a space, # or control character, which _redirects cannot write; left encoded, so it will not match`);
      return kv;
    }
    return `${name}=${decoded}`;
  }).join(' ');
}

/**
 * One `name=value` of a Caddy `query` matcher. Caddy compares against Go's parsed query (url.ParseQuery:
 * `+` is a space, escapes decoded), so an encoded value such as `s=a%2Fb` written as sent never matched;
 * both sides are written decoded. `{` and `}` stay encoded: Caddy would read them as a placeholder.
 */
function caddyQueryPair(kv: string): string {
  const decode = (x: string): string => decodeSafe(x.replace(/\+/g, ' ')).replace(/[{}]/g, (c) => encodeURIComponent(c));
  const eq = kv.indexOf('=');
  return eq < 0 ? decode(kv) : `${decode(kv.slice(0, eq))}=${decode(kv.slice(eq + 1))}`;
}

function caddyQuote(s: string): string {
  return `"${s.replace(/"/g, '\\"')}"`;
}

/** A Go regular expression matching exactly this text, every character but [A-Za-z0-9/_.-] as \x{…}. */
function caddyRegex(s: string): string {
  let out = '';
  for (const ch of s) out += /[A-Za-z0-9/_-]/.test(ch) ? ch : `\\x{${ch.codePointAt(0)!.toString(16)}}`;
  return `~^${out}$`;
}

/**
 * Caddy v2 snippet for inside the old site's block: `map {path}` (Go's decoded path, compared exactly) to a
 * placeholder, then `redir`. Keys holding `{`, `}`, `"`, `\`, spaces or control characters are written as
 * regular expressions with `\x{…}` escapes, because Caddy expands `{$ENV}` and `{placeholders}` in tokens.
 * `?p=ID` rows become named matchers (path + query) ahead of the map.
 */
export function toCaddy(plan: RedirectPlan, path = 'redirects.caddy'): OutputFile[] {
  const decode = (p: string): string => { try { return decodeURIComponent(p); } catch { return p; } };
  const mapLines: string[] = [];
  const queryLines: string[] = [];
  let n = 0;
  const plain = plan.sources.filter((s) => !s.query);
  for (const s of plan.sources.filter((x) => x.query)) {
    n++;
    const pathKey = decode(s.path);
    queryLines.push(
      `\t@naring_archive_q${n} {`,
      `\t\tpath ${/^[A-Za-z0-9/_.~%-]+$/.test(pathKey) ? pathKey : caddyQuote(s.path)}`,
      `\t\tquery ${s.query.split('&').map((kv) => caddyQuote(caddyQueryPair(kv))).join(' ')}`,
      '\t}',
      `\tredir @naring_archive_q${n} ${s.to} 301`,
    );
  }
  for (const s of plain) {
    const key = decode(s.path);
    const literal = !/[{}"\\\s\u0000-\u001f\u007f]/.test(key) && !key.startsWith('~');
    mapLines.push(`\t\t${literal ? caddyQuote(key) : caddyQuote(caddyRegex(key))} ${caddyQuote(s.to)}`);
  }
  const text = [
    '# Written by naring-archive (export redirects --format caddy). Import it inside each old site block:',
    '#   www.example.se, example.se { import redirects.caddy }',
    'route {',
    ...queryLines,
    '\tmap {path} {naring_archive_redirect} {',
    ...mapLines,
    '\t\tdefault ""',
    '\t}',
    '\t@naring_archive_redirect expression `{naring_archive_redirect} != ""`',
    '\tredir @naring_archive_redirect {naring_archive_redirect} 301',
    ...(plan.catchAll ? caddyCatchAll(plan.catchAll).lines : []),
    '}',
    '',
  ].join('\n');
  return [{ path, contents: text }];
}

/**
 * Cloudflare Bulk Redirects list as CSV (no header): source URL without scheme (so it covers http and https),
 * target, 301, and the four flags off (preserve query string, include subdomains, subpath matching, preserve
 * path suffix). Bulk Redirects cannot match a query string, so `?p=ID` rows are left out and reported.
 */
export function toCloudflare(plan: RedirectPlan, path = 'cloudflare-bulk-redirects.csv'): { files: OutputFile[]; notes: string[] } {
  const lines: string[] = [];
  const notes: string[] = [];
  const dropped: PlannedSource[] = [];
  for (const s of plan.sources) {
    if (s.query) { dropped.push(s); continue; }
    const subpath = cloudflareSubpath(plan.catchAll, s) ? 'TRUE' : 'FALSE';
    for (const host of plan.sourceHosts) lines.push([`${host}${s.path}`, s.to, '301', 'FALSE', 'FALSE', subpath, 'FALSE'].map(csvCell).join(','));
  }
  const catchAll = cloudflareCatchAll(plan);
  for (const r of catchAll.rows) lines.push(r.map(csvCell).join(','));
  notes.push(...catchAll.notes);
  if (dropped.length > 0) {
    notes.push(`cloudflare: ${dropped.length} old URL(s) with a query string cannot be expressed in Bulk Redirects (it ignores queries), e.g. ${dropped.slice(0, 3).map((d) => d.key).join(', ')}; add a Single Redirect rule for them`);
  }
  lines.sort();
  return { files: [{ path, contents: lines.length > 0 ? `${lines.join('\n')}\n` : '' }], notes };
}
