/**
 * The catch-alls (catch-all.ts) for the formats without a server in the tests' reach, each as far as the
 * format can say it; what it cannot say is returned as a note (the export prints it, docs/redirects.md lists it).
 * - Netlify `_redirects`: splat lines after the exact ones (`/post/* → post`, `/category/x/page/*`, `/innovation/*`,
 *   `/*` without `!` so a real file such as robots.txt is still served). No regular expressions: no day → month,
 *   no case folding.
 * - Caddy: `redir` with path matchers after the map, in the same `route`. No day → month.
 * - IIS: rules after the two exact ones; the suffix and day rules look the known URL up in the same rewriteMap.
 *   No attachment segment (the map cannot tell posts from listings).
 * - Cloudflare Bulk Redirects: subpath matching on the rows of known URLs (preserve path suffix off, so every
 *   path under one goes to its target), and rows for the prefixes. The rest goes where the home goes.
 */
import type { PlannedSource, RedirectPlan } from './plan.ts';
import { BASE_PATTERNS, type CatchAllPlan } from './catch-all.ts';
import { escapeSpellings } from './variants.ts';
import { xmlAttr } from './hosted.ts';

const SPLAT_SAFE = /^[A-Za-z0-9/_.~%-]+$/;

/** Lines to append to `_redirects`, and notes. */
export function netlifyCatchAll(ca: CatchAllPlan): { lines: string[]; notes: string[] } {
  const lines: string[] = ['# Catch-alls (rules file catchAll:): only where no line above matched.'];
  let skipped = 0;
  const prefix = (p: string, to: string): void => {
    if (!SPLAT_SAFE.test(p)) { skipped++; return; }
    if (p === '/') { lines.push(`/* ${to} 301!`); return; }
    lines.push(`${p} ${to} 301!`, `${p}/* ${to} 301!`);
  };
  for (const p of ca.prefixes.filter((x) => x.from === 'prefix')) prefix(p.prefix, p.to);
  for (const b of ca.bases) {
    for (const path of escapeSpellings(b.path)) {
      if (!SPLAT_SAFE.test(path)) { skipped++; continue; }
      if (b.child) lines.push(`${path}* ${b.to} 301!`);
      else lines.push(`${path}page/* ${b.to} 301!`, `${path}feed ${b.to} 301!`, `${path}feed/* ${b.to} 301!`);
    }
  }
  for (const p of ca.prefixes.filter((x) => x.from === 'blog')) prefix(p.prefix, p.to);
  // Without `!`: a file in the publish folder (robots.txt) is served rather than redirected.
  if (ca.rest) lines.push(`/* ${ca.rest} 301`);
  const notes = ['netlify: catch-alls as splats; _redirects has no regular expressions, so a day archive goes to its sub-blog (not its month) and other letter case is not folded'];
  if (skipped > 0) notes.push(`netlify: ${skipped} catch-all path(s) hold characters a splat line cannot carry; left out (their exact rows still work)`);
  return { lines, notes };
}

/** Lines to append inside the Caddy `route`, and notes. */
export function caddyCatchAll(ca: CatchAllPlan): { lines: string[]; notes: string[] } {
  const lines: string[] = ['\t# Catch-alls (rules file catchAll:): only where the map above had no row.'];
  let n = 0;
  let skipped = 0;
  const matcher = (paths: string[], to: string): void => {
    if (!paths.every((p) => SPLAT_SAFE.test(p.replace(/\*$/, '')))) { skipped++; return; }
    n++;
    lines.push(`\t@naring_archive_ca${n} path ${paths.join(' ')}`, `\tredir @naring_archive_ca${n} ${to} 301`);
  };
  for (const p of ca.prefixes.filter((x) => x.from === 'prefix')) matcher(p.prefix === '/' ? ['/*'] : [p.prefix, `${p.prefix}/*`], p.to);
  for (const b of ca.bases) matcher(b.child ? [`${b.path}*`] : [`${b.path}page/*`, `${b.path}feed`, `${b.path}feed/*`], b.to);
  for (const p of ca.prefixes.filter((x) => x.from === 'blog')) matcher([p.prefix, `${p.prefix}/*`], p.to);
  if (ca.rest) lines.push('\t@naring_archive_rest not path /robots.txt', `\tredir @naring_archive_rest ${ca.rest} 301`);
  const notes = ['caddy: catch-alls as path matchers; a day archive goes to its sub-blog (not its month)'];
  if (skipped > 0) notes.push(`caddy: ${skipped} catch-all path(s) hold characters a path matcher token cannot carry; left out (their exact rows still work)`);
  return { lines, notes };
}

/** An IIS regular expression for the percent-encoded REQUEST_URI (path, then an optional query). */
function iisPattern(re: string): string {
  return re.replace(/\[\^\/\]/g, '[^/?]').replace(/\$$/, '(?:\\?.*)?$');
}

function iisEscape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, (c) => `\\${c}`);
}

/** `<rule>` elements to append after the exact rules, and notes. */
export function iisCatchAll(ca: CatchAllPlan, mapName: string): { rules: string[]; notes: string[] } {
  const rules: string[] = [];
  let n = 0;
  const rule = (conditions: string[], url: string): void => {
    n++;
    rules.push(
      `        <rule name="naring-archive: catch-all ${n}" stopProcessing="true">`,
      '          <match url=".*" />',
      '          <conditions logicalGrouping="MatchAll">',
      '            <add input="{REQUEST_URI}" pattern="^/robots\\.txt(?:\\?|$)" negate="true" />',
      ...conditions.map((c) => `            ${c}`),
      '          </conditions>',
      `          <action type="Redirect" url="${xmlAttr(url)}" appendQueryString="false" redirectType="Permanent" />`,
      '        </rule>',
    );
  };
  const prefixCond = (p: string): string => `<add input="{REQUEST_URI}" pattern="${xmlAttr(p === '/' ? '^/' : `^${iisEscape(p)}(?:[/?]|$)`)}" ignoreCase="true" />`;
  for (const p of ca.prefixes.filter((x) => x.from === 'prefix')) rule([prefixCond(p.prefix)], p.to);
  if (ca.suffixes) {
    for (const { re, child } of BASE_PATTERNS) {
      if (child) continue;
      rule([`<add input="{REQUEST_URI}" pattern="${xmlAttr(iisPattern(re))}" ignoreCase="true" />`, `<add input="{${mapName}:{C:1}}" pattern="(.+)" />`], '{C:1}');
    }
  }
  for (const p of ca.prefixes.filter((x) => x.from === 'blog')) rule([prefixCond(p.prefix)], p.to);
  if (ca.rest) rule([], ca.rest);
  return { rules, notes: ['iis: catch-alls as rules after the exact ones; an unknown segment after a post (an attachment page) goes to its sub-blog, not the post'] };
}

/** Cloudflare: whether a row's source gets subpath matching (it stands for every path under it). */
export function cloudflareSubpath(ca: CatchAllPlan | null | undefined, s: PlannedSource): boolean {
  // Cloudflare refuses subpath matching on a source path with more than 16 slashes.
  if (!ca || s.query || s.variant !== 'url' || !s.path.endsWith('/') || s.path.split('/').length - 1 > 16) return false;
  if (s.path === '/') return ca.rest !== null || ca.suffixes;
  if (ca.suffixes) return true;
  return ca.prefixes.some((p) => p.from === 'blog' && `${p.prefix}/` === s.path);
}

/** Cloudflare rows (cells) for explicit prefixes that no row of the plan has, and notes. */
export function cloudflareCatchAll(plan: RedirectPlan): { rows: string[][]; notes: string[] } {
  const ca = plan.catchAll;
  if (!ca) return { rows: [], notes: [] };
  const have = new Set(plan.sources.map((s) => s.path));
  const rows: string[][] = [];
  for (const p of ca.prefixes.filter((x) => x.from === 'prefix')) {
    const path = p.prefix === '/' ? '/' : `${p.prefix}/`;
    if (have.has(path)) continue;
    for (const host of plan.sourceHosts) rows.push([`${host}${path}`, p.to, '301', 'FALSE', 'FALSE', 'TRUE', 'FALSE']);
  }
  const home = plan.sources.find((s) => s.key === '/');
  const notes = ['cloudflare: catch-alls as subpath matching on the rows of known URLs (which of two matching sources wins is Cloudflare\'s URL matching algorithm; check a few with verify-redirects --urls); no day → month, and /robots.txt is caught too unless the Bulk Redirect Rule excludes it'];
  if (ca.rest && home && home.to !== ca.rest) notes.push(`cloudflare: the rest goes where the home goes (${home.to}), not to the fallback, because the home row's subpath matching covers it`);
  return { rows, notes };
}
