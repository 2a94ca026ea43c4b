/**
 * The catch-alls (catch-all.ts) for nginx and Apache, the two servers the tests run. Both keep the order of
 * `catchAllTarget`: exact rows first (the existing maps), then case-folded exact rows (Apache; nginx's map
 * already ignores case), explicit prefixes, a WordPress suffix after a known URL, an attachment segment after a
 * post or page, the sub-blog's home, the fallback. `/robots.txt` is never caught.
 */
import type { CatchAllPlan } from './catch-all.ts';
import { BASE_PATTERNS, SUFFIX_RE } from './catch-all.ts';
import { literalTarget, regexBytes } from './apache.ts';
import { nginxPathBytes, nginxQuote } from './nginx.ts';
import { decodeToBytes } from './variants.ts';
import { apachePathKeys, MAX_TXT_MAP_LINE } from './apache.ts';

/** A PCRE matching a decoded prefix and whatever follows a `/` after it, for nginx (raw UTF-8 kept as bytes). */
function nginxPrefixRegex(prefix: string): string {
  const text = decodeToBytes(prefix).toString('latin1');
  if (text === '/') return '^/';
  const body = text.replace(/[^A-Za-z0-9/_\-\x80-\xff]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return `^${body}(?:/|$)`;
}

export interface NginxCatchAll {
  /** The variable the path map's `default` takes (the first catch-all map). */
  entry: string;
  lines: string[];
  longest: number;
}

/** The catch-all maps, chained through their defaults after the path map. */
export function nginxCatchAll(ca: CatchAllPlan, base: string): NginxCatchAll {
  const v = (name: string): string => `$${base}_ca_${name}`;
  const q = (s: string): string => nginxQuote(Buffer.from(s, 'latin1'))!;
  const prefixLines = (from: 'prefix' | 'blog'): string[] => ca.prefixes.filter((p) => p.from === from)
    .map((p) => `    ${q(`~*${nginxPrefixRegex(p.prefix)}`)} "${p.to}";`);
  const rest = ca.rest ? `"${ca.rest}"` : '""';
  const out: string[] = ['# Catch-alls (rules file catchAll:): only where no row above matched.'];
  const afterPrefixes = ca.suffixes ? v('base_hit') : v('blog');
  out.push(`map $uri ${v('prefix')} {`, `    default ${afterPrefixes};`, '    "/robots.txt" "";', ...prefixLines('prefix'), '}', '');
  let longest = 0;
  if (ca.suffixes) {
    const capture = `${base}_ca_b`;
    out.push(`map $uri ${v('base')} {`, '    default "";');
    for (const { re, child } of BASE_PATTERNS) {
      out.push(`    ${q(`~*${re.replace('^(', `^(?<${capture}>`)}`)} ${child ? `"c$${capture}"` : `$${capture}`};`);
    }
    out.push('}', '');
    const keys = new Map<string, string>();
    for (const b of ca.bases) {
      // The same key as the exact rows: nginx decodes %2F before it merges slashes.
      const bytes = nginxPathBytes(b.path);
      for (const key of b.child ? [bytes, Buffer.concat([Buffer.from('c'), bytes])] : [bytes]) {
        const quoted = nginxQuote(key);
        const folded = key.toString('latin1').toLowerCase();
        if (quoted === null || keys.has(folded)) continue;
        longest = Math.max(longest, key.length);
        keys.set(folded, `    ${quoted} "${b.to}";`);
      }
    }
    out.push(`map ${v('base')} ${v('base_hit')} {`, `    default ${v('blog')};`, ...[...keys].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map((e) => e[1]), '}', '');
  }
  out.push(`map $uri ${v('blog')} {`, `    default ${rest};`, '    "/robots.txt" "";', ...prefixLines('blog'), '}', '');
  return { entry: v('prefix'), lines: out, longest };
}

/** The catch-all rules for the Apache snippet, after its exact lookups, and the extra map keys they use. */
export function apacheCatchAll(ca: CatchAllPlan, mapName: string, esc: string): { conf: string[]; map: [string, string][] } {
  const lower = `${mapName}_lower`;
  const lookup = (key: string): string => `\${${mapName}:${key}}`;
  const flags = '[R=301,L,NE,QSD]';
  const notRobots = 'RewriteCond %{REQUEST_URI} !^/robots\\.txt$';
  const conf: string[] = [
    '# Catch-alls (rules file catchAll:): only where no row above matched.',
    `RewriteMap ${lower} int:tolower`,
    '# the rows above, ignoring letter case.',
    `RewriteCond ${lookup(`\${${esc}:\${${lower}:%{REQUEST_URI}}}`)} ^(.+)$`,
    `RewriteRule ^ %1 ${flags}`,
  ];
  const prefixRule = (p: CatchAllPlan['prefixes'][number]): string[] => {
    const bytes = decodeToBytes(p.prefix);
    const cond = p.prefix === '/' ? '^/' : `^${regexBytes(bytes)}(?:/|$)`;
    return [notRobots, `RewriteCond %{REQUEST_URI} ${cond} [NC]`, `RewriteRule ^ ${literalTarget(p.to)} ${flags}`];
  };
  for (const p of ca.prefixes.filter((x) => x.from === 'prefix')) conf.push(`# everything under ${p.prefix}`, ...prefixRule(p));
  const map: [string, string][] = [];
  if (ca.suffixes) {
    // A known URL too long for a line of the txt map (see toApache) is not in the map: its suffixes and its
    // one-more-segment children are matched on the decoded path here instead.
    const fits = (b: CatchAllPlan['bases'][number]): boolean =>
      apachePathKeys(b.path).every((k) => Buffer.byteLength(`c${k} ${b.to}\n`, 'latin1') <= MAX_TXT_MAP_LINE);
    for (const b of ca.bases.filter((x) => !fits(x))) {
      const base = regexBytes(decodeToBytes(apachePathKeys(b.path)[0]!));
      conf.push('# a suffix after a known URL too long for the map.', notRobots, `RewriteCond %{REQUEST_URI} ^${base}${SUFFIX_RE}$ [NC]`, `RewriteRule ^ ${literalTarget(b.to)} ${flags}`);
      if (b.child) conf.push(`RewriteCond %{REQUEST_URI} ^${base}[^/]+/?$ [NC]`, `RewriteRule ^ ${literalTarget(b.to)} ${flags}`);
    }
    BASE_PATTERNS.forEach(({ re, child }, i) => {
      const earlier = BASE_PATTERNS.slice(0, i).map((e) => `RewriteCond %{REQUEST_URI} !${e.re} [NC]`);
      const key = child ? `c\${${esc}:%1}` : `\${${esc}:%1}`;
      conf.push(`# ${child ? 'one more segment after a post or page' : 'a WordPress suffix after a known URL'}: that URL's target.`);
      for (const folded of [false, true]) {
        const k = folded ? key.replace('%1', `\${${lower}:%1}`) : key;
        conf.push(...earlier, `RewriteCond %{REQUEST_URI} ${re} [NC]`, `RewriteCond ${lookup(k)} ^(.+)$`, `RewriteRule ^ %1 ${flags}`);
      }
    });
    for (const b of ca.bases) if (b.child && fits(b)) for (const k of apachePathKeys(b.path)) map.push([`c${k}`, b.to]);
  }
  for (const p of ca.prefixes.filter((x) => x.from === 'blog')) conf.push(`# anything else under the sub-blog ${p.prefix}`, ...prefixRule(p));
  if (ca.rest) conf.push('# anything else: the fallback.', notRobots, `RewriteRule ^ ${literalTarget(ca.rest)} ${flags}`);
  return { conf, map };
}
