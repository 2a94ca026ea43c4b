/**
 * The posts of one blog: every real post of site-facts.json (its title, categories, displayed count and
 * month kept exactly) plus synthetic ones, dated, numbered as WordPress would (IDs grow with time, with
 * gaps where attachments took an ID) and given their listing excerpts.
 */
import { slugify, decodeSafe } from '../url.ts';
import { SITE_URL, type FactPost, type ReplicaInputs } from './data.ts';
import { daysInMonth, sortKey, type LocalDateTime } from './dates.ts';
import { automaticExcerpt, parseMarkdown } from './markdown.ts';
import { rngFor, type Rng } from './prng.ts';
import { bodyMarkdown } from './bodies.ts';
import type { Author, BlogModel, ImageMeta, PostMeta, SiteModel, Term } from './model.ts';

/** Titles with a figure written into their hand-made body. */
const FIGURE_TITLES = new Set(['Väntan är över – här är den nationella innovationsstrategin!', 'Have Your Say i Strasbourg']);
/** A hand-written excerpt would hide what these posts exist to show (an image-only body, a long table). */
const NO_HAND_EXCERPT = new Set(['Have Your Say i Strasbourg', 'Vad händer den här veckan? (Vecka 43)']);

/** Order in which the site listed terms: alphabetical, å/ä/ö folded as WordPress's MySQL collation did. */
export function termOrder(a: Term, b: Term): number {
  const ka = slugify(a.name);
  const kb = slugify(b.name);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

function monthsBetween(from: { year: number; month: number }, to: { year: number; month: number }): { year: number; month: number }[] {
  const out: { year: number; month: number }[] = [];
  for (let y = from.year, m = from.month; y < to.year || (y === to.year && m <= to.month); m === 12 ? (y++, m = 1) : m++) out.push({ year: y, month: m });
  return out;
}

function pickDate(rng: Rng, blog: BlogModel, fact: FactPost | null): LocalDateTime {
  const time = { hour: rng.int(8, 17), minute: rng.int(0, 59) };
  if (fact?.date) {
    const [y, m, d] = fact.date.split('-').map(Number);
    return { year: y!, month: m!, day: d!, ...time };
  }
  let months = monthsBetween(blog.from, blog.to);
  if (fact?.yearMonth && fact.yearMonth.length === 7) months = [{ year: Number(fact.yearMonth.slice(0, 4)), month: Number(fact.yearMonth.slice(5)) }];
  else if (fact?.yearMonth) months = months.filter((x) => x.year === Number(fact.yearMonth));
  const ym = rng.pick(months);
  return { ...ym, day: rng.int(1, daysInMonth(ym.year, ym.month)), ...time };
}

function findTerm(blog: BlogModel, name: string): Term {
  const clean = name.replace(/\s*\(.*\)$/, ''); // "Forskning (Transportbloggen)" names the blog, not the term
  const t = blog.categories.find((c) => c.name === clean);
  if (!t) throw new Error(`site-facts.json: category "${name}" is not a category of ${blog.key}`);
  return t;
}

function makeImage(model: SiteModel, blog: BlogModel, rng: Rng, date: LocalDateTime, slug: string, attachmentId: number, used: Set<string>): ImageMeta {
  const c = model.content;
  const variant = rng.pick(['photo', 'photo', 'photo', 'illustration', 'filename'] as const);
  const subject = rng.pick(c.photoSubjects);
  const base = variant === 'illustration' ? `${slug.slice(0, 24).replace(/-+$/, '')}-illustration` : slugify(subject);
  const ext = variant === 'illustration' ? '.png' : '.jpg';
  const folder = `files/${date.year}/${String(date.month).padStart(2, '0')}/`;
  // A name already taken that month gets WordPress's -1, -2 … suffix, so no upload overwrites another.
  let file = `${folder}${base}${ext}`;
  for (let k = 1; used.has(file); k++) file = `${folder}${base}-${k}${ext}`;
  used.add(file);
  const credit = variant === 'illustration' ? 'Illustration: Näringsdepartementet' : `Foto: ${rng.pick(c.photoSources)}`;
  const caption = variant === 'illustration' ? null : subject;
  const captionText = caption === null ? credit : `${caption}. ${credit}`;
  const fileName = file.slice(file.lastIndexOf('/') + 1);
  return {
    file, url: `${SITE_URL}/${blog.key}/${file}`, alt: variant === 'filename' ? fileName : captionText,
    captionText, caption, credit, attachmentId, shade: rng.int(0, 255),
  };
}

interface Draft {
  fact: FactPost | null;
  title: string;
  rng: Rng;
  date: LocalDateTime;
}

function syntheticTitles(model: SiteModel, blog: BlogModel, n: number, taken: Set<string>): string[] {
  const parts = model.content.syntheticTitles[blog.key === 'transporter-och-infrastruktur' ? 'transport' : blog.key];
  if (!parts) throw new Error(`content.json lacks syntheticTitles for ${blog.key}`);
  const rng = rngFor(model.seed, `${blog.key}|synthetic-titles`);
  const out: string[] = [];
  while (out.length < n) {
    let title = `${rng.pick(parts.start)} ${rng.pick(parts.topic)} ${rng.pick(parts.place)}`;
    title = title.charAt(0).toUpperCase() + title.slice(1);
    for (let k = 2; taken.has(slugify(title)); k++) title = `${title.replace(/ \(del \d+\)$/, '')} (del ${k})`;
    taken.add(slugify(title));
    out.push(title);
  }
  return out;
}

export function buildPosts(model: SiteModel, blog: BlogModel, inputs: ReplicaInputs, syntheticCount: number): PostMeta[] {
  const facts = inputs.facts.posts.filter((p) => p.blog === blog.key);
  const taken = new Set(facts.map((f) => slugify(f.title)));
  const drafts: Draft[] = facts.map((fact) => {
    const rng = rngFor(model.seed, `${blog.key}|post|${fact.title}`);
    return { fact, title: fact.title, rng, date: pickDate(rng, blog, fact) };
  });
  for (const title of syntheticTitles(model, blog, syntheticCount, taken)) {
    const rng = rngFor(model.seed, `${blog.key}|post|${title}`);
    drafts.push({ fact: null, title, rng, date: pickDate(rng, blog, null) });
  }
  drafts.sort((a, b) => sortKey(a.date) - sortKey(b.date) || (a.title < b.title ? -1 : 1));

  const idRng = rngFor(model.seed, `${blog.key}|ids`);
  let nextId = 3;
  let nextComment = idRng.int(3, 9);
  const slugs = new Set<string>();
  const uploads = new Set<string>();
  const posts: PostMeta[] = [];
  for (const d of drafts) {
    const { fact, rng } = d;
    nextId += idRng.int(1, 3);
    const id = nextId;
    let slug = fact?.path ? decodeSafe(fact.path.split('/').filter(Boolean).pop()!) : slugify(d.title);
    if (slugs.has(slug)) slug = `${slug}-2`; // WordPress's wp_unique_post_slug
    slugs.add(slug);
    let categories: Term[];
    if (fact?.categories?.length) categories = fact.categories.map((n) => findTerm(blog, n));
    else if (fact?.primaryCategoryFromPath) categories = [findTerm(blog, fact.primaryCategoryFromPath)];
    else categories = rng.sample(blog.categories, rng.int(1, blog.key === 'livsmedel' ? 4 : 2));
    categories = [...categories].sort(termOrder);
    const primary = fact?.primaryCategoryFromPath ? findTerm(blog, fact.primaryCategoryFromPath) : rng.pick(categories);
    if (!categories.includes(primary)) categories = [...categories, primary].sort(termOrder);
    const commentCount = fact?.commentCountShown ?? (rng.chance(0.55) ? 0 : rng.int(1, blog.countsShown ? 5 : 2));
    const author: Author = (fact?.authorSlug && blog.authors.find((a) => a.login === fact.authorSlug)) || rng.pick(blog.authors);
    const guest = categories.some((c) => c.slug === 'gastbloggare') ? rng.pick(model.content.guests) : null;
    const tags = blog.tags.length > 0 && rng.chance(0.3) ? rng.sample(blog.tags, rng.int(1, 2)).sort(termOrder) : [];
    const special = inputs.specialBodies.get(d.title) ?? null;
    const wantsImage = special ? FIGURE_TITLES.has(d.title) : rng.chance(0.25);
    if (wantsImage) nextId += 1; // the attachment's own post ID
    const image = wantsImage ? makeImage(model, blog, rng, d.date, slug, nextId, uploads) : null;
    posts.push({
      blog: blog.key, id, title: d.title, slug, categories, primary, tags, date: d.date, author, commentCount,
      firstCommentId: nextComment, excerpt: '', handExcerpt: !NO_HAND_EXCERPT.has(d.title) && rng.chance(0.3), guest, special, image,
      countOnCategoryLine: rng.chance(0.5), seed: rng.int(0, 2 ** 31), synthetic: fact === null,
    });
    nextComment += commentCount + idRng.int(0, 2); // deleted spam leaves gaps in comment IDs
  }
  // Newest first, as blog.posts will hold them: bodies pick linked posts by index, so the excerpt must be
  // computed over the very list the pages are rendered from.
  posts.reverse();
  for (const p of posts) {
    const rng = rngFor(p.seed, 'excerpt');
    if (p.handExcerpt) {
      const pool = model.content.sentences[blog.key === 'innovation' ? 'innovation' : blog.key === 'livsmedel' ? 'livsmedel' : 'transport']!;
      p.excerpt = rng.sample(pool, rng.int(1, 2)).join(' ');
    } else {
      p.excerpt = automaticExcerpt(parseMarkdown(bodyMarkdown(model, p, posts)));
    }
  }
  return posts;
}
