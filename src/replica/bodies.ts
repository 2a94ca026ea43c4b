/**
 * Post bodies (in the Markdown subset of markdown.ts) and comments, regenerated from each post's own seed
 * whenever they are needed, so a 50,000-post site never holds its bodies in memory.
 */
import { SITE_URL } from './data.ts';
import { addMinutes, type LocalDateTime } from './dates.ts';
import { rngFor, type Rng } from './prng.ts';
import { permalink, type ImageMeta, type PostMeta, type SiteModel } from './model.ts';

/** The text pool of a blog: the two transport blogs share one. */
export function poolKey(blog: string): string {
  return blog === 'innovation' || blog === 'livsmedel' ? blog : 'transport';
}

/** A figure as the Markdown truth spells it: the image, then its caption with the `Bildrättigheter` link. */
export function figureMarkdown(image: ImageMeta, rightsUrl: string): string {
  return `![${image.alt}](${image.url})\n\n${image.captionText} [Bildrättigheter](${rightsUrl})`;
}

function paragraph(rng: Rng, pool: readonly string[]): string {
  return rng.sample(pool, rng.int(2, 4)).join(' ');
}

function generatedBody(model: SiteModel, post: PostMeta, siblings: readonly PostMeta[], rng: Rng): string[] {
  const c = model.content;
  const key = poolKey(post.blog);
  const pool = c.sentences[key]!;
  const blocks: string[] = [paragraph(rng, pool)];
  if (post.image) blocks.push(figureMarkdown(post.image, c.imageRightsUrl));
  const n = rng.int(1, 3);
  for (let i = 0; i < n; i++) {
    if (rng.chance(0.2)) blocks.push(`## ${rng.pick(c.headings[key]!)}`);
    blocks.push(paragraph(rng, pool));
  }
  if (rng.chance(0.2)) {
    blocks.push('Några av de viktigaste medskicken:');
    blocks.push(rng.sample(c.listItems[key]!, rng.int(2, 4)).map((it) => `- ${it}`).join('\n'));
  }
  if (rng.chance(0.12)) blocks.push(`> ${rng.pick(c.quotes)}`);
  if (rng.chance(0.15)) {
    const link = rng.pick(c.externalLinks);
    blocks.push(`Läs mer hos [${link.text}](${link.url}).`);
  }
  if (siblings.length > 1 && rng.chance(0.12)) {
    // One draw by index (not a filtered copy of the list): at 50,000 posts a copy per post would be quadratic.
    const other = siblings[rng.int(0, siblings.length - 1)]!;
    if (other !== post && other.special === null) blocks.push(`Se även inlägget [${other.title}](${permalink(other)}) och **kommentera gärna**.`);
  }
  if (rng.chance(0.3)) blocks.push(`_${rng.pick(pool)}_`);
  return blocks;
}

function fillSpecial(model: SiteModel, post: PostMeta, siblings: readonly PostMeta[]): string {
  return post.special!
    .replace(/\{\{figure\}\}/g, () => (post.image ? figureMarkdown(post.image, model.content.imageRightsUrl) : ''))
    .replace(/\{\{site\}\}/g, SITE_URL)
    .replace(/\{\{dead\}\}/g, model.deadLink)
    .replace(/\{\{link:([^}]+)\}\}/g, (_m, title: string) => {
      const target = siblings.find((s) => s.title === title);
      if (!target) throw new Error(`special-bodies.md: {{link:${title}}} names no post of ${post.blog}`);
      return permalink(target);
    });
}

/** The body of a post as Markdown (the truth); guest posts open with the guest line and end with the disclaimer. */
export function bodyMarkdown(model: SiteModel, post: PostMeta, siblings: readonly PostMeta[]): string {
  const rng = rngFor(post.seed, 'body');
  const blocks = post.special !== null ? [fillSpecial(model, post, siblings)] : generatedBody(model, post, siblings, rng);
  if (post.guest) {
    blocks.unshift(`_Dagens gästbloggare är ${post.guest.name}, ${post.guest.role}._`);
    blocks.push(`_${model.content.guestDisclaimer}_`);
  }
  return blocks.join('\n\n');
}

export interface ReplicaComment {
  id: number;
  parentId: number | null;
  author: string;
  authorUrl: string | null;
  date: LocalDateTime;
  /** Paragraphs of plain text. */
  paragraphs: string[];
  depth: number;
}

/**
 * A post's comments in page order (threads depth-first, oldest first, as WordPress lists them). IDs run
 * from post.firstCommentId in time order; about a third of them answer an earlier comment.
 */
export function postComments(model: SiteModel, post: PostMeta): ReplicaComment[] {
  const c = model.content;
  const rng = rngFor(post.seed, 'comments');
  const flat: ReplicaComment[] = [];
  let when = addMinutes(post.date, rng.int(20, 300));
  for (let i = 0; i < post.commentCount; i++) {
    // Threads stay at most four deep, well inside WordPress's default limit of five.
    const parents = flat.filter((x) => x.depth < 4);
    const parent = parents.length > 0 && rng.chance(0.35) ? rng.pick(parents) : null;
    const staff = parent !== null && rng.chance(0.5);
    const paragraphs = staff ? [rng.pick(c.replies)] : [rng.pick(c.comments)];
    if (!staff && rng.chance(0.2)) paragraphs.push(rng.pick(c.comments.filter((t) => t !== paragraphs[0])));
    flat.push({
      id: post.firstCommentId + i,
      parentId: parent ? parent.id : null,
      author: staff ? post.author.name : rng.pick(c.commenters),
      authorUrl: !staff && rng.chance(0.25) ? rng.pick(c.commenterSites) : null,
      date: when,
      paragraphs,
      depth: parent ? parent.depth + 1 : 1,
    });
    when = addMinutes(when, rng.int(15, 2000));
  }
  const ordered: ReplicaComment[] = [];
  const visit = (parentId: number | null): void => {
    for (const cm of flat.filter((x) => x.parentId === parentId)) {
      ordered.push(cm);
      visit(cm.id);
    }
  };
  visit(null);
  return ordered;
}
