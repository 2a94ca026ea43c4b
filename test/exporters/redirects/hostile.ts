/** Old URLs made to break config syntax: quotes, `;`, braces, `$`, `|`, backslash, newlines, `#`, `%`, `:`, `*`. */
import type { UrlEntry } from '../../../src/types.ts';
import { planRedirects, type RedirectPlan } from '../../../src/exporters/redirects/index.ts';

const H = 'http://www.naringsbloggen.se';

export const HOSTILE_PATHS = [
  '/hostile/a%20b%22c\'d;e%7Bf%7Dg$h%7Ci%5Cj/',
  '/hostile/x;%20return%20302%20https://evil.example;/',
  '/hostile/%7D%20map%20$uri%20$x%20%7B/',
  '/hostile/new%0Aline%0Dand%09tab/',
  '/hostile/pct%25literal%2541/',
  '/hostile/en-%E2%80%93-dash-%C3%A5%C3%A4%C3%B6/',
  '/hostile/colon:star*/',
  '/hostile/hash%23tag/',
  '/hostile/%7B$HOME%7D/',
  '/hostile/RewriteRule%20.*%20-%20[F]/',
  // Encoded slashes: nginx decodes %2F into a real `/` and then merges slashes (issue #15, item 14).
  '/hostile/slash%2Finside/',
  '/hostile/two%2F%2Fslashes/',
  // Longer than Apache's RewriteMap txt line buffer (1 kB): such a key never matched there.
  `/hostile/long-${'abcdefghij'.repeat(130)}/`,
];

export const HOSTILE_QUERIES = ['/hostile/?p=1;evil', '/hostile/?a=1&b=%22x%22', '/hostile/?s=a%2Fb%C3%A5'];

export function hostileUrls(): UrlEntry[] {
  return [...HOSTILE_PATHS, ...HOSTILE_QUERIES].map((p) => ({ url: `${H}${p}`, kind: 'other', status: 200, target: null }));
}

/** Every hostile URL planned to /arkiv/<its own path>, so targets carry the hostile characters too (escaped). */
export function hostilePlan(): RedirectPlan {
  return planRedirects({ posts: [], urls: hostileUrls() }, {
    sourceHosts: ['www.naringsbloggen.se'],
    target: 'https://www.regeringen.se/',
    allowHosts: ['www.regeringen.se'],
    map: [],
    rules: [{ kinds: null, blog: null, match: null, to: '/arkiv/{path}', index: 1 }],
    fallback: null,
  });
}
