/**
 * A post (or static page) page → PostPage. Rules follow WordPress conventions shared by the Twenty Ten …
 * Twenty Seventeen themes and most others: the article is `article#post-N` / `.hentry` / `div#post-N`,
 * its title `.entry-title`, its body `.entry-content`, the page head carries rel=canonical and
 * rel=shortlink (`?p=N`). A profile's selectors, when given, are tried first.
 */
import type { CheerioAPI, Cheerio } from 'cheerio';
import type { AnyNode } from 'domhandler';
import type { CaptureRef } from '../../types.ts';
import type { Profile } from '../profile.ts';
import type { PostPage } from './types.ts';
import { type Found, absUrl, bodyClasses, cleanText, firstMatch, idFromClass, linkHref, visibleText } from './text.ts';
import { readCategories, readTags, readAuthor, termsFromSelection } from './terms.ts';
import { readPublished } from './dates.ts';
import { readCommentCount, readPostCommentHeading, parseCommentCount } from './comment-count.ts';
import { readComments } from './comments.ts';
import { readImages, stripBoilerplate, toMarkdown } from './content.ts';
import { readStructured } from './structured.ts';
import { parseDateText, parseIsoDate } from './dates.ts';
import type { TemplateSet } from './template-probe.ts';
import { find, inside } from './select.ts';
import { readDateLine } from './date-line.ts';
import { COMMENTS_START, bodyByClassName, cutNonContent, densestElement, ownTextOf } from './body.ts';
import type { Element } from 'domhandler';

/** What the site-level step knows of this page (site-plan.ts). */
export interface SiteContext {
  template?: TemplateSet;
  /** The post's real permalink when it was fetched under another name. */
  permalink?: string;
  kind?: string;
}

const NO_TEMPLATE: ReadonlySet<number> = new Set();

/**
 * The body element: the profile's, else a known container, else one named like one; a hint that holds
 * less than half the own text of the page's densest element (and is not inside it) gives way to that.
 */
function findBody($: CheerioAPI, found: Found<Cheerio<AnyNode>>, template: TemplateSet): Found<Cheerio<AnyNode>> | null {
  const article = found.value;
  const byName = bodyByClassName($, article) ?? bodyByClassName($, $.root());
  // No body container, but a WordPress post element (`.hentry`, `#post-N`): the post minus its title and meta lines.
  const whole = SPECIFIC_ARTICLE.has(found.rule) ? { value: article, rule: `article-minus-meta:${found.rule}` } : null;
  const hint: Found<Cheerio<AnyNode>> | null = firstMatch($, article, CONTENT) ?? firstMatch($, null, CONTENT)
    ?? (byName ? { value: byName as Cheerio<AnyNode>, rule: 'class-name' } : whole);
  const root = find($.root(), 'body').first()[0] ?? ($.root()[0] as unknown as Element);
  const walk = densestElement($, root, template);
  if (!walk) return hint;
  const dense = walk.element;
  if (!hint) return { value: $(dense), rule: 'densest-own-text' };
  const h = hint.value[0] as Element;
  const contains = (a: AnyNode, b: AnyNode): boolean => {
    for (let p: AnyNode | null = b; p; p = p.parent) if (p === a) return true;
    return false;
  };
  if (contains(dense, h) || contains(h, dense)) return hint;
  // The counts the walk made serve the comparison; a hint inside furniture the walk skipped is counted alone.
  const hintText = walk.lengths.get(h) ?? ownTextOf($, h, template);
  return hintText < 0.5 * (walk.lengths.get(dense) ?? 0) ? { value: $(dense), rule: 'densest-own-text' } : hint;
}

const ARTICLE = ['article.post', 'article.page', 'article.type-post', 'article.type-page', 'article[id^="post-"]', '.hentry', 'div[id^="post-"]', '.post', '.type-page', 'article', 'main', '#content', '#main'];
/** Article rules that name one post's element, not a page region. */
const SPECIFIC_ARTICLE = new Set(['article.post', 'article.page', 'article.type-post', 'article.type-page', 'article[id^="post-"]', '.hentry', 'div[id^="post-"]', '.post', '.type-page']);
const TITLE_CLASSES = ['h1.entry-title', '.entry-title', 'h1.post-title', '.post-title', 'h1.page-title'];
const TITLE = ['h1.entry-title', '.entry-title', 'h1.post-title', '.post-title', 'h1.page-title', 'h1', 'h2'];
const CONTENT = ['.entry-content', '.post-content', '.entry-body', '[itemprop="articleBody"]', '.post-body', '.storycontent', '.entry', '.content'];

/** The article element of a single-post page. */
export function findArticle($: CheerioAPI): Found<Cheerio<AnyNode>> {
  const hit = firstMatch($, null, ARTICLE);
  return hit ?? { value: $('body'), rule: 'body' };
}

function profileHit($: CheerioAPI, scope: Cheerio<AnyNode>, section: string, field: string, sel: string | undefined, url: string, problems: string[]): Cheerio<AnyNode> | null {
  if (!sel) return null;
  const hit = find(scope, sel);
  const found = hit.length > 0 ? hit : $(sel);
  if (found.length === 0) {
    problems.push(`profile selector ${section}.${field} ${JSON.stringify(sel)} matched nothing on ${url}`);
    return null;
  }
  return found;
}

/** The first h1–h3 whose only link goes to the page itself (its URL, canonical or permalink). */
function selfHeading($: CheerioAPI, own: (string | null | undefined)[]): { text: string } | null {
  const urls = new Set(own.filter((u): u is string => Boolean(u)));
  for (const h of find($.root(), 'h1, h2, h3').toArray()) {
    const links = find($(h), 'a[href]').toArray();
    if (links.length !== 1) continue;
    const raw = links[0]!.attribs.href ?? '';
    // `#respond`, `#comments`: the comment form's heading links the page too, but to a part of it.
    if (raw.includes('#') || inside(h, COMMENTS_START)) continue;
    const base = [...urls][0]!;
    const href = absUrl(raw, base);
    if (href && urls.has(href)) return { text: visibleText($(h)) };
  }
  return null;
}

/** The page's `<title>` without the site name WordPress appends (`Post | Site`, `Post – Site`). */
function documentTitle($: CheerioAPI): string | null {
  const t = cleanText(find($.root(), 'head title').first().text());
  if (!t) return null;
  const parts = t.split(/\s+[|–—»·]\s+|\s+-\s+/);
  return parts.length > 1 ? parts.slice(0, -1).join(' – ') : t;
}

function generatedExcerpt(text: string): string {
  const words = text.split(/\s+/).filter(Boolean);
  // WordPress's wp_trim_excerpt(): the first 55 words, then " […]" when anything was cut.
  return words.length > 55 ? `${words.slice(0, 55).join(' ')} […]` : words.join(' ');
}

/** Reads one post or static page. Never fetches, never logs: problems come back as data. */
export function extractPost($: CheerioAPI, url: string, capture: CaptureRef, profile?: Profile, site: SiteContext = {}): PostPage {
  const problems: string[] = [];
  const p = profile?.post ?? {};
  const classes = bodyClasses($);
  const articleFound = findArticle($);
  const article = articleFound.value;
  const pageCanonical = absUrl(linkHref($, 'canonical'), url);
  // A mirror's `?p=12` copy names itself canonical; its own comment feed names the real permalink.
  const canonical = site.permalink && (!pageCanonical || /[?&](p|page_id)=\d+/.test(pageCanonical) || pageCanonical === url) ? site.permalink : pageCanonical;
  const shortlink = absUrl(linkHref($, 'shortlink'), url);
  const postId = idFromClass(classes, 'postid-') ?? idFromClass(classes, 'page-id-') ?? (/[?&](?:p|page_id)=(\d+)/.exec(shortlink ?? '')?.[1] ?? null) ?? idFromClass([article.attr('id') ?? ''], 'post-');
  const isPage = site.kind === 'page' || classes.has('page') || classes.has('page-template-default') || (!classes.has('single') && article.is('.type-page, .page'));
  const structured = readStructured($);

  let title: Found<string> | null = null;
  const pt = profileHit($, article, 'post', 'title', p.title, url, problems);
  if (pt) title = { value: visibleText(pt.first()), rule: `profile:${p.title}` };
  if (!title?.value) {
    const strong = firstMatch($, article, TITLE_CLASSES) ?? firstMatch($, null, TITLE_CLASSES);
    const strongText = strong ? visibleText(strong.value) : '';
    // A heading whose only link is the page itself is the title on any theme; an empty one is an empty title.
    const self = strongText ? null : selfHeading($, [url, pageCanonical, site.permalink]);
    const hit = strongText ? strong : firstMatch($, article, TITLE) ?? firstMatch($, null, ['h1']);
    const text = hit ? visibleText(hit.value) : '';
    title = strongText ? { value: strongText, rule: `post:${strong!.rule}` }
      : self ? { value: self.text, rule: 'post:heading-linking-to-itself' }
      : text ? { value: text, rule: `post:${hit!.rule}` } : structured.title ?? (documentTitle($) ? { value: documentTitle($)!, rule: 'post:<title>' } : null);
  }

  const pc = profileHit($, article, 'post', 'categories', p.categories, url, problems);
  const categories = pc ? termsFromSelection($, pc, url, `profile:${p.categories}`) : readCategories($, article, url);
  const ptg = profileHit($, article, 'post', 'tags', p.tags, url, problems);
  const tags = ptg ? termsFromSelection($, ptg, url, `profile:${p.tags}`) : readTags($, article, url);
  const pa = profileHit($, article, 'post', 'author', p.author, url, problems);
  const authorFound = pa ? { value: { name: visibleText(pa.first()), slug: null, url: null }, rule: `profile:${p.author}` } : readAuthor($, article, url);
  const author = authorFound ?? (structured.author ? { value: { name: structured.author.value, slug: null, url: null }, rule: structured.author.rule } : null);

  let published: Found<string> | null = null;
  const pd = profileHit($, article, 'post', 'date', p.date, url, problems);
  if (pd) {
    const v = parseIsoDate(pd.attr('datetime') ?? '') ?? parseDateText(pd.text());
    if (v) published = { value: v, rule: `profile:${p.date}` };
    else problems.push(`profile selector post.date ${JSON.stringify(p.date)} found no date on ${url}`);
  }
  published ??= readPublished($, article) ?? structured.published ?? readDateLine($, article, canonical ?? url);

  let commentCount: Found<number> | null = null;
  const pcc = profileHit($, article, 'post', 'commentCount', p.commentCount, url, problems);
  if (pcc) {
    const hit = parseCommentCount(visibleText(pcc.first()));
    if (hit) commentCount = { value: hit.value, rule: `profile:${p.commentCount}` };
  }
  commentCount ??= readPostCommentHeading($) ?? prefix(readCommentCount($, article), 'post:');
  const comments = readComments($);

  const pct = profileHit($, article, 'post', 'content', p.content, url, problems);
  const template = site.template ?? NO_TEMPLATE;
  const contentHit = pct ? { value: pct.first() as Cheerio<AnyNode>, rule: `profile:${p.content}` } : findBody($, articleFound, template);
  let contentMarkdown: Found<string> | null = null;
  let images: PostPage['images'] = [];
  let stripped: string[] = [];
  let generated = '';
  if (contentHit) {
    const body = contentHit.value;
    stripped = [...cutNonContent($, body, template, title?.value ?? null), ...stripBoilerplate($, body)];
    images = readImages($, body, url);
    generated = generatedExcerpt(cleanText(find(body, 'p').toArray().map((e) => $(e).text()).join(' ') || body.text()));
    contentMarkdown = { value: toMarkdown($, body, url), rule: `post:${contentHit.rule}` };
  }
  return {
    url, canonical, shortlink, postId, isPage, title, categories, tags, author, published, commentCount,
    metaExcerpt: structured.description, generatedExcerpt: generated, contentMarkdown, images, comments, stripped, capture, problems,
  };
}

function prefix<T>(f: Found<T> | null, p: string): Found<T> | null {
  return f ? { value: f.value, rule: `${p}${f.rule}` } : null;
}
