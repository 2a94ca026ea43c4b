/**
 * One archived page made part of the browsable copy: every link and image to an archived URL rewritten to
 * the copy's file (relative, so the copy opens from disk or any folder of a static server), links to pages
 * the archive lacks pointed at the "not archived" page and marked, images it lacks replaced by a stand-in,
 * scripts from other hosts dropped (they would call home from an archive), and a banner at the top.
 * Done on the parsed document (parse5 through cheerio), never with regular expressions over the HTML.
 */
import { load, type CheerioAPI } from 'cheerio';
import { NOT_ARCHIVED_IMAGE, NOT_ARCHIVED_PAGE, INDEX_PAGE, relativeHref, resolveTarget, type SitePlan } from './paths.ts';

export interface PageContext {
  /** The URL the page was captured at. */
  url: string;
  /** Its path in the copy. */
  path: string;
  /** WARC-Date of the capture. */
  capturedAt: string;
  /** `naring-archive 0.1.0`. */
  tool: string;
}

export interface RewriteStats { rewritten: number; missing: number; external: number }

const LINK_ATTRS: Array<[selector: string, attr: string, image: boolean]> = [
  ['a[href]', 'href', false], ['area[href]', 'href', false], ['link[href]', 'href', false],
  ['img[src]', 'src', true], ['input[type=image][src]', 'src', true], ['video[poster]', 'poster', true],
  ['source[src]', 'src', false], ['video[src]', 'src', false], ['audio[src]', 'src', false],
  ['iframe[src]', 'src', false], ['embed[src]', 'src', false], ['script[src]', 'src', false],
];

const BANNER_CSS = '#naring-archive-banner{all:initial;display:block;box-sizing:border-box;width:100%;padding:.55rem 1rem;background:#fff4c2;color:#1b1b1b;border-bottom:2px solid #8a6d00;font:15px/1.4 system-ui,sans-serif}' +
  '#naring-archive-banner a{color:#0b4f94;text-decoration:underline}#naring-archive-banner cite{font-style:normal;overflow-wrap:anywhere}' +
  'a[data-archive-missing]{text-decoration:line-through dotted;cursor:help}';

function absolute(ref: string, base: string): string | null {
  const t = ref.trim();
  if (!t || t.startsWith('#') || /^(mailto|tel|javascript|data|about):/i.test(t)) return null;
  try {
    return new URL(t, base).href;
  } catch {
    return null;
  }
}

function splitHash(u: string): [string, string] {
  const i = u.indexOf('#');
  return i < 0 ? [u, ''] : [u.slice(0, i), u.slice(i)];
}

function bannerHtml($: CheerioAPI, ctx: PageContext, home: string, index: string): string {
  const date = ctx.capturedAt.slice(0, 10);
  // Built as elements with .text() so the URL from the old site stays text.
  const div = $('<div id="naring-archive-banner" role="note" lang="en"></div>');
  div.append('This is an archived copy of ');
  // The address as text, not a link: the old site is closed, and the copy must not send readers to it.
  div.append($('<cite></cite>').text(ctx.url));
  div.append(`, captured ${date} by ${ctx.tool}. The site is closed; links struck through lead to pages the archive does not hold. `);
  div.append($('<a></a>').attr('href', home).text('Start page'));
  div.append(' · ');
  div.append($('<a></a>').attr('href', index).text('All archived pages'));
  return $.html(div);
}

export function rewritePage(html: string, plan: SitePlan, ctx: PageContext): { html: string; stats: RewriteStats } {
  const $ = load(html);
  const stats: RewriteStats = { rewritten: 0, missing: 0, external: 0 };
  const baseHref = $('base[href]').first().attr('href');
  const base = (baseHref && absolute(baseHref, ctx.url)) || ctx.url;
  $('base').remove();
  const to = (file: string) => relativeHref(ctx.path, file);

  for (const [selector, attr, image] of LINK_ATTRS) {
    $(selector).each((_, el) => {
      const node = $(el);
      const tag = (el as { tagName?: string }).tagName ?? '';
      const abs = absolute(node.attr(attr) ?? '', base);
      if (!abs) return;
      const [bare, hash] = splitHash(abs);
      const target = resolveTarget(plan, bare);
      if (target.kind === 'file') {
        node.attr(attr, to(target.path) + hash);
        stats.rewritten++;
      } else if (target.kind === 'missing') {
        stats.missing++;
        node.attr('data-original-href', abs);
        if (tag === 'script' || (tag === 'link' && !/\b(alternate|canonical|shortlink)\b/i.test(node.attr('rel') ?? ''))) {
          node.remove();
        } else if (image) {
          node.attr(attr, to(NOT_ARCHIVED_IMAGE));
          node.removeAttr('srcset');
        } else {
          node.attr(attr, to(NOT_ARCHIVED_PAGE));
          node.attr('data-archive-missing', '');
          node.attr('title', `Not in the archive: ${abs}`);
        }
      } else {
        stats.external++;
        // A script or stylesheet from elsewhere would make every visit to the archive call that host.
        if (tag === 'script' || tag === 'iframe' || tag === 'embed') node.remove();
      }
    });
  }
  // srcset lists candidates "URL width"; each archived one is rewritten, the attribute is dropped if none is.
  $('img[srcset], source[srcset]').each((_, el) => {
    const node = $(el);
    const parts = (node.attr('srcset') ?? '').split(',').map((c) => c.trim()).filter(Boolean).flatMap((c) => {
      const [u, ...desc] = c.split(/\s+/);
      const abs = u ? absolute(u, base) : null;
      const t = abs ? resolveTarget(plan, abs) : null;
      return t?.kind === 'file' ? [[to(t.path), ...desc].join(' ')] : [];
    });
    if (parts.length) node.attr('srcset', parts.join(', '));
    else node.removeAttr('srcset');
  });
  // Forms posted to the closed site (search, comments) cannot work in a copy.
  $('form[action]').each((_, el) => { $(el).attr('data-original-action', $(el).attr('action') ?? '').attr('action', to(NOT_ARCHIVED_PAGE)).attr('method', 'get'); });

  $('meta[charset], meta[http-equiv]').filter((_, el) => /^(content-type|refresh)$/i.test($(el).attr('http-equiv') ?? '') || $(el).attr('charset') !== undefined).remove();
  const head = $('head');
  head.prepend('<meta charset="utf-8">');
  head.append(`<style id="naring-archive-style">${BANNER_CSS}</style>`);
  const home = plan.files.get(`http://${plan.mainHost}/`) ?? plan.files.get(`https://${plan.mainHost}/`) ?? INDEX_PAGE;
  $('body').prepend(bannerHtml($, ctx, to(home), to(INDEX_PAGE)));
  return { html: $.html(), stats };
}
