/**
 * nginx: a file included at `http {}` level that defines `$naring_archive_redirect` (empty where no row
 * matches). Each old `server {}` adds `if ($naring_archive_redirect) { return 301 $naring_archive_redirect; }`.
 *
 * How nginx matches (checked on nginx 1.22): `map $uri` sees the path percent-decoded and normalised, so keys are
 * decoded UTF-8 and one key answers `%E2%80%93`, `%e2%80%93` and raw UTF-8 alike; string keys match ignoring
 * ASCII case, so two keys that differ only in case would stop nginx ("conflicting parameter"). The query is not
 * in `$uri`: `?p=ID` rows get their own map on `"$uri?p=$arg_p"` (so `/innovation/?p=7` and `/livsmedel/?p=7`
 * differ and extra parameters do not matter), chained through `default` to the path map. Keys are written
 * double-quoted with `"` and `\` escaped and control bytes as `\n` `\r` `\t`; values never hold `$` (targets
 * encode it), so a URL cannot add a directive or a variable.
 */
import type { OutputFile } from '../../types.ts';
import type { RedirectPlan } from './plan.ts';
import { decodeToBytes } from './variants.ts';
import { nginxCatchAll } from './catch-all-servers.ts';

export const NGINX_VARIABLE = '$naring_archive_redirect';

/** A double-quoted nginx string holding these bytes. Returns null for a NUL byte, which nginx never has in $uri. */
export function nginxQuote(bytes: Buffer): string | null {
  const text = bytes.toString('latin1');
  if (!/[\x00-\x1f"\\]/.test(text)) return `"${text}"`;
  let out = '"';
  for (const b of bytes) {
    if (b === 0) return null;
    if (b === 0x22) out += '\\"';
    else if (b === 0x5c) out += '\\\\';
    else if (b === 0x0a) out += '\\n';
    else if (b === 0x0d) out += '\\r';
    else if (b === 0x09) out += '\\t';
    else out += String.fromCharCode(b);
  }
  return `${out}"`;
}

/**
 * The path as nginx's `$uri` holds it: nginx decodes `%2F` into a real `/` while it parses the request line
 * and merges slashes after that, so `/a%2F%2Fb` is `/a/b` there (merging before decoding, as Apache does,
 * gave a key `/a//b` that never matched).
 */
export function nginxPathBytes(path: string): Buffer {
  return Buffer.from(decodeToBytes(path).toString('latin1').replace(/\/{2,}/g, '/'), 'latin1');
}

/** Single-parameter queries of this name get a map on `$arg_NAME` (nginx variable names are [A-Za-z0-9_]). */
function queryParam(query: string): { name: string; value: string } | null {
  const m = /^([A-Za-z0-9_]+)=([^&]*)$/.exec(query);
  return m ? { name: m[1]!.toLowerCase(), value: m[2]! } : null;
}

function pow2AtLeast(n: number): number {
  let p = 64;
  while (p < n) p *= 2;
  return p;
}

export interface NginxOptions {
  /** The variable the file defines (default `$naring_archive_redirect`). */
  variable?: string;
}

/** The nginx map file, as bytes (keys are decoded UTF-8 paths). Skipped keys are returned in `notes`. */
export function toNginx(plan: RedirectPlan, path = 'redirects.nginx.conf', options: NginxOptions = {}): { files: OutputFile[]; notes: string[] } {
  const variable = options.variable ?? NGINX_VARIABLE;
  const base = variable.replace(/^\$/, '');
  const notes: string[] = [];
  // group name → (folded key → line); '' is the path map, '*' the whole-query map.
  const groups = new Map<string, Map<string, string>>();
  let longest = 0;
  const add = (group: string, keyBytes: Buffer, to: string, from: string): void => {
    const quoted = nginxQuote(keyBytes);
    if (quoted === null) { notes.push(`nginx: ${from} skipped: a NUL byte cannot be in a request path`); return; }
    const folded = keyBytes.toString('latin1').replace(/[A-Z]+/g, (m) => m.toLowerCase());
    let g = groups.get(group);
    if (!g) { g = new Map(); groups.set(group, g); }
    if (g.has(folded)) return;
    longest = Math.max(longest, keyBytes.length);
    g.set(folded, `    ${quoted} "${to}";`);
  };
  for (const s of plan.sources) {
    const pathBytes = nginxPathBytes(s.path);
    if (!s.query) { add('', pathBytes, s.to, s.key); continue; }
    const p = queryParam(s.query);
    if (p) add(p.name, Buffer.concat([pathBytes, Buffer.from(`?${p.name}=${p.value}`, 'utf8')]), s.to, s.key);
    else add('*', Buffer.concat([pathBytes, Buffer.from(`?${s.query}`, 'utf8')]), s.to, s.key);
  }
  const catchAll = plan.catchAll ? nginxCatchAll(plan.catchAll, base) : null;
  if (catchAll) longest = Math.max(longest, catchAll.longest);
  const keys = [...groups.values()].reduce((n, g) => n + g.size, 0);
  // A hash element is a pointer plus the key (+2) aligned to 8. nginx tries table sizes just below
  // map_hash_max_size and needs every bucket to hold its share of keys: room for four of the longest keys makes
  // the first try fit (too small a bucket only warns "could not build optimal map_hash" and loads slower).
  // The table only takes the bytes each bucket uses, so a large bucket size costs no memory.
  const bucket = pow2AtLeast(Math.max(512, (8 + Math.ceil((longest + 2) / 8) * 8) * 4 + 8));
  const maxSize = pow2AtLeast(Math.max(2048, keys * 2));
  const out: string[] = [
    '# Written by naring-archive (export redirects --format nginx). Include it at http {} level:',
    '#   http { include /etc/nginx/naring-archive/redirects.nginx.conf; ... }',
    `# and in each old host's server {}:  if (${variable}) { return 301 ${variable}; }`,
    `# ${plan.sources.length} old paths; keys are percent-decoded paths, matched ignoring ASCII case.`,
    `map_hash_bucket_size ${bucket};`,
    `map_hash_max_size ${maxSize};`,
    '',
  ];
  const names = [...groups.keys()].filter((g) => g !== '' && g !== '*').sort();
  if (groups.has('*')) names.push('*');
  const varOf = (g: string): string => (g === '*' ? `$${base}_query` : `$${base}_arg_${g}`);
  const pathVar = names.length > 0 ? `$${base}_path` : variable;
  const lines = (g: string): string[] => [...(groups.get(g) ?? new Map<string, string>()).entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map((e) => e[1]);
  out.push(`map $uri ${pathVar} {`, `    default ${catchAll?.entry ?? '""'};`, ...lines(''), '}', '');
  // Query maps chain: the last is consulted first (its variable is the one servers use); each falls back
  // through `default` to the one before it, and the first to the path map.
  names.forEach((g, i) => {
    const own = i === names.length - 1 ? variable : varOf(g);
    const fallbackVar = i === 0 ? pathVar : varOf(names[i - 1]!);
    const src = g === '*' ? '"$uri?$args"' : `"$uri?${g}=$arg_${g}"`;
    out.push(`map ${src} ${own} {`, `    default ${fallbackVar};`, ...lines(g), '}', '');
  });
  if (catchAll) out.push(...catchAll.lines);
  return { files: [{ path, contents: Buffer.from(out.join('\n'), 'latin1') }], notes };
}
