/**
 * What `hugo` or `jekyll build` needs beside the Markdown to give a browsable site: the configuration and
 * a few small templates (post with its threaded comments, list pages), and the landing pages the URL plan
 * asks for (redirect targets that are no post or index: tag and month archives, the fallback page).
 * Templates print every value from the old site escaped: Hugo's html/template does it by context, Jekyll's
 * Liquid through `| escape`.
 */
import type { OutputFile } from '../types.ts';
import type { Layout } from './front-matter.ts';
import { PathRegistry, safeFileName, safeStem } from './file-names.ts';
import { blogList, docList, page, type BlogIndex, type IndexedDoc, type LinkTo } from './markdown-index.ts';
import { buildPath, hrefOn, type UrlPlan } from './url-plan.ts';

const CSS = `body{font-family:sans-serif;max-width:46em;margin:1em auto;padding:0 1em;line-height:1.5}
img{max-width:100%}.meta{color:#555}.comment{border-left:2px solid #ddd;padding-left:.8em;margin:1em 0}
${[1, 2, 3, 4, 5, 6].map((d) => `.depth-${d}{margin-left:${d * 2}em}`).join('')}`;

const HUGO_BASE = `<!DOCTYPE html>
<html lang="{{ .Site.LanguageCode }}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title><style>${CSS}</style></head>
<body><header><a href="/">{{ .Site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main>
</body></html>
`;

const HUGO_SINGLE = `{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<p class="meta">{{ if not .Date.IsZero }}<time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "2006-01-02" }}</time>{{ end }}
{{ with .Params.author }} · {{ . }}{{ end }}{{ with .Params.blog_page }} · <a href="{{ . }}">{{ $.Params.blog }}</a>{{ end }}</p>
{{ with .Params.category_pages }}<p class="categories">{{ range . }}<a href="{{ .url }}">{{ .name }}</a> {{ end }}</p>{{ end }}
{{ .Content }}
{{ with .Params.comments }}<section id="comments"><h2>Comments</h2>
{{ range . }}<div class="comment depth-{{ .depth }}" id="comment-{{ .id }}"><p><strong>{{ .author }}</strong>{{ if .date }} · <time datetime="{{ .date }}">{{ .date_text }}</time>{{ end }}</p>
{{ range split .text "\\n\\n" }}<p>{{ . }}</p>{{ end }}</div>
{{ end }}</section>{{ end }}
</article>{{ end }}
`;

/** Index pages carry their own heading and list in the Markdown: the template shows just the content. */
const HUGO_LIST = `{{ define "main" }}{{ .Content }}{{ end }}
`;

const JEKYLL_DEFAULT = `<!DOCTYPE html>
<html lang="{{ site.lang | default: 'sv' }}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ page.title | escape }} · {{ site.title | escape }}</title><style>${CSS}</style></head>
<body><header><a href="{{ '/' | relative_url }}">{{ site.title | escape }}</a></header>
<main>{{ content }}</main>
</body></html>
`;

const JEKYLL_POST = `---
layout: default
---
<article>
<h1>{{ page.title | escape }}</h1>
<p class="meta">{% if page.date %}<time>{{ page.date | date: "%Y-%m-%d" }}</time>{% endif %}{% if page.author %} · {{ page.author | escape }}{% endif %}{% if page.blog_page %} · <a href="{{ page.blog_page | escape }}">{{ page.blog | escape }}</a>{% endif %}</p>
{% if page.category_pages %}<p class="categories">{% for c in page.category_pages %}<a href="{{ c.url | escape }}">{{ c.name | escape }}</a> {% endfor %}</p>{% endif %}
{{ content }}
{% if page.comments.size > 0 %}<section id="comments"><h2>Comments</h2>
{% for c in page.comments %}<div class="comment depth-{{ c.depth }}" id="comment-{{ c.id | escape }}"><p><strong>{{ c.author | escape }}</strong>{% if c.date %} · <time datetime="{{ c.date | escape }}">{{ c.date_text | escape }}</time>{% endif %}</p>
<p>{{ c.text | escape | newline_to_br }}</p></div>
{% endfor %}</section>{% endif %}
</article>
`;

/** Index pages carry their own heading and list in the Markdown: the layout shows just the content. */
const JEKYLL_LISTING = `---
layout: default
---
{{ content }}
`;

/** A TOML or YAML basic string: JSON's escapes are valid in both. */
function quoted(s: string): string {
  return JSON.stringify(s);
}

/** The generator's configuration and templates. `origin` is the new site's (the rules' target), if known. */
export function generatorFiles(layout: Layout, site: { title: string; origin: string | null }): OutputFile[] {
  const base = `${site.origin ?? 'http://localhost'}/`;
  if (layout === 'hugo') {
    return [
      // Taxonomy pages would be a second, unplanned set of category URLs: the plan's index pages stand
      // instead. The empty [taxonomies] matters too: with Hugo's default `categories` taxonomy, a
      // single-blog site's content/categories/ would be taken as taxonomy pages and never built.
      // disablePathToLower: the plan's URLs are what the redirect map sends people to, case and all.
      { path: 'hugo.toml', contents: `baseURL = ${quoted(base)}\ntitle = ${quoted(site.title)}\nlanguageCode = "sv"\ndisableKinds = ["taxonomy", "term", "RSS"]\ndisablePathToLower = true\n\n[taxonomies]\n\n[markup.goldmark.renderer]\n  unsafe = false\n` },
      { path: 'layouts/_default/baseof.html', contents: HUGO_BASE },
      { path: 'layouts/_default/single.html', contents: HUGO_SINGLE },
      { path: 'layouts/_default/list.html', contents: HUGO_LIST },
      { path: 'layouts/_default/listing.html', contents: HUGO_LIST },
    ];
  }
  if (layout === 'jekyll') {
    // Every page sets its own permalink; this one only applies to a post that somehow has none.
    return [
      { path: '_config.yml', contents: `title: ${quoted(site.title)}\nurl: ${quoted(base.replace(/\/$/, ''))}\nbaseurl: ""\nmarkdown: kramdown\npermalink: /:year/:month/:title/\n` },
      { path: '_layouts/default.html', contents: JEKYLL_DEFAULT },
      { path: '_layouts/post.html', contents: JEKYLL_POST },
      { path: '_layouts/page.html', contents: JEKYLL_POST },
      { path: '_layouts/listing.html', contents: JEKYLL_LISTING },
    ];
  }
  return [];
}

/** One page per landing of the plan: the posts it stands for (a tag, a month), else the list of blogs. */
export function landingFiles(plan: UrlPlan, layout: Layout, reg: PathRegistry, docs: readonly IndexedDoc[], linkTo: LinkTo, blogs: readonly BlogIndex[]): OutputFile[] {
  const byRecord = new Map(docs.map((d) => [d.record.url, d]));
  const dir = layout === 'hugo' ? 'content/landing' : 'landing';
  const out: OutputFile[] = [];
  for (const l of plan.landings) {
    const at = buildPath(plan, l.url);
    const stem = safeStem(at.split('/').filter(Boolean).join('-') || 'home', 'landing');
    const path = reg.claimFile(dir, safeFileName(stem), '.md');
    const posts = l.posts.map((u) => byRecord.get(u)).filter((d): d is IndexedDoc => !!d);
    const sections = posts.length > 0 ? [docList(path, posts, linkTo)] : [blogList(path, blogs, linkTo)];
    const fm = layout === 'hugo' ? { url: at, layout: 'listing' } : { permalink: at, layout: 'listing', render_with_liquid: false };
    out.push(page(path, l.title, sections, { ...fm, landing_for: l.kinds, new_url: hrefOn(plan, l.url) }));
  }
  return out;
}
