/**
 * Makes a changed copy of the replica for the diff test, the way the live blog could have changed between
 * two snapshots: one post retitled, one post's displayed comment count raised, one post deleted (its pages,
 * its listing entries, its feed items, its ?p= redirect and every link to it gone). The three posts are chosen
 * from fixtures/EXPECTED.json (the generator's truth), never from the extractor's output.
 */
import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import type { PostRecord } from '../../src/types.ts';
import { decodeSafe, normalizeUrl } from '../../src/url.ts';

export interface Mutation {
  retitled: { url: string; before: string; after: string };
  recounted: { url: string; before: number; after: number };
  removed: { url: string; title: string };
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else out.push(p);
  }
  return out;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The old URL without fragment, normalised; null for anything else. */
function target(href: string | undefined): string | null {
  return href ? normalizeUrl(href.split('#')[0]!) : null;
}

/** Folder of a permalink inside the site root (path segments are stored percent-decoded). */
function folderOf(root: string, url: string): string {
  return join(root, ...new URL(url).pathname.split('/').filter(Boolean).map(decodeSafe));
}

export async function mutateReplica(source: string, dest: string, expected: PostRecord[]): Promise<Mutation> {
  await cp(source, dest, { recursive: true });
  const files = await walk(dest);
  const html = files.filter((f) => f.endsWith('.html'));
  const texts = new Map<string, string>();
  for (const f of [...html, ...files.filter((f) => f.endsWith('.xml'))]) texts.set(f, await readFile(f, 'utf8'));

  const innovation = expected.filter((p) => p.blog === 'innovation');
  // A post linked from another post's body would change that body too; the deleted one must not be.
  const linkedFromBodies = new Set<string>();
  for (const f of html) {
    const $ = cheerio.load(texts.get(f)!);
    $('.entry-content a[href]').each((_, a) => { const t = target($(a).attr('href')); if (t) linkedFromBodies.add(t); });
  }
  const plainTitle = (p: PostRecord) => /^[\p{L}\p{N} ,.-]+$/u.test(p.title);
  const recounted = innovation.find((p) => (p.commentCount ?? 0) >= 2)!;
  const retitled = innovation.find((p) => p !== recounted && plainTitle(p) && (p.commentCount ?? 0) === 0
    && !expected.some((q) => q !== p && q.title.includes(p.title)))!;
  const removed = innovation.find((p) => p !== recounted && p !== retitled && ![p.url, ...p.aliases].some((u) => linkedFromBodies.has(u)))!;
  const newTitle = `${retitled.title} (reviderad)`;
  const n = recounted.commentCount!;
  const removedUrls = new Set([removed.url, ...removed.aliases].map((u) => normalizeUrl(u)!));

  for (const [f, original] of texts) {
    let text = original.split(retitled.title).join(newTitle);
    if (text.includes(recounted.url)) {
      // The count as the listings and the post page display it: "3 kommentarer", "3 kommentarer till ”…”".
      text = text.replace(new RegExp(`(${escapeRe(recounted.url)}#comments"[^>]*>)${n} kommentarer<`, 'g'), `$1${n + 1} kommentarer<`);
      text = text.replace(new RegExp(`>${n} kommentarer till `, 'g'), `>${n + 1} kommentarer till `);
    }
    if ([...removedUrls].some((u) => text.includes(u))) {
      if (f.endsWith('.xml')) {
        text = text.replace(/<item>[\s\S]*?<\/item>\s*/g, (item) => ([...removedUrls].some((u) => item.includes(u)) ? '' : item));
      } else {
        const $ = cheerio.load(text);
        $('a[href]').each((_, a) => {
          const t = target($(a).attr('href'));
          if (!t || !removedUrls.has(t)) return;
          // The deleted post's own entry on a listing goes whole; a list item that is only this link too;
          // any other link (prev/next, sidebars) keeps its text.
          const entry = $(a).closest('.hentry, article');
          const entryTarget = target(entry.find('.entry-title a').first().attr('href'));
          const li = $(a).closest('li');
          if (entry.length && entryTarget && removedUrls.has(entryTarget)) entry.remove();
          else if (li.length && li.find('a').length === 1) li.remove();
          else $(a).replaceWith($(a).text());
        });
        text = $.html();
      }
    }
    if (text !== original) await writeFile(f, text);
  }
  for (const u of removedUrls) if (!new URL(u).search) await rm(folderOf(dest, u), { recursive: true, force: true });
  const serverJson = join(dest, '_server.json');
  const server = JSON.parse(await readFile(serverJson, 'utf8')) as { siteUrl: string; redirects?: Record<string, string> };
  for (const [from, to] of Object.entries(server.redirects ?? {})) {
    if (removedUrls.has(normalizeUrl(to, server.siteUrl)!)) delete server.redirects![from];
  }
  await writeFile(serverJson, `${JSON.stringify(server, null, 2)}\n`);
  return {
    retitled: { url: retitled.url, before: retitled.title, after: newTitle },
    recounted: { url: recounted.url, before: n, after: n + 1 },
    removed: { url: removed.url, title: removed.title },
  };
}
