/**
 * `--profile FILE`: CSS selectors per field for a theme that defeats the built-in rules. JSON or YAML:
 *   post:    { url, title, content, date, author, categories, tags, commentCount }
 *            (`url` is a regular expression on the path that names the posts, whatever else a page says)
 *   listing: { item, title, excerpt, date, categories, commentCount }
 * A selector given here is tried before the built-in rules; if it matches nothing on a page of its kind,
 * the page and the selector are named in extract-report.json.
 */
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { compile } from 'css-select';
import { UsageError, cannotRead } from '../errors.ts';

export const POST_FIELDS = ['url', 'title', 'content', 'date', 'author', 'categories', 'tags', 'commentCount'] as const;
export const LISTING_FIELDS = ['item', 'title', 'excerpt', 'date', 'categories', 'commentCount'] as const;

export type PostField = (typeof POST_FIELDS)[number];
export type ListingField = (typeof LISTING_FIELDS)[number];

export interface Profile {
  post?: Partial<Record<PostField, string>>;
  listing?: Partial<Record<ListingField, string>>;
}

function checkSection(file: string, name: string, value: unknown, fields: readonly string[]): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new UsageError(`${file}: "${name}" must be a map of field to CSS selector, e.g. ${name}: { title: "h1.entry-title" }`);
  }
  const out: Record<string, string> = {};
  for (const [key, sel] of Object.entries(value as Record<string, unknown>)) {
    if (!fields.includes(key)) throw new UsageError(`${file}: unknown field "${name}.${key}"; known fields: ${fields.join(', ')}`);
    if (typeof sel !== 'string' || !sel.trim()) throw new UsageError(`${file}: "${name}.${key}" must be a CSS selector string`);
    if (name === 'post' && key === 'url') {
      // Not a selector: a regular expression on the URL's path that names the posts (`^/\d{4}/\d{2}/[^/]+/$`).
      try {
        new RegExp(sel);
      } catch (err) {
        throw new UsageError(`${file}: "post.url" is not a valid regular expression: ${JSON.stringify(sel)} (${(err as Error).message}); it is matched against each page's path, e.g. "^/\\d{4}/\\d{2}/[^/]+/$"`);
      }
      out[key] = sel.trim();
      continue;
    }
    try {
      compile(sel); // the readers use css-select directly, so validate with it
    } catch (err) {
      throw new UsageError(`${file}: "${name}.${key}" is not a valid CSS selector: ${JSON.stringify(sel)} (${(err as Error).message.split('\n')[0]}); fix the selector`);
    }
    out[key] = sel.trim();
  }
  return out;
}

/** Validates a parsed profile object; `file` names it in error messages. */
export function validateProfile(data: unknown, file: string): Profile {
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new UsageError(`${file}: a profile is a map with "post" and/or "listing" sections of CSS selectors, e.g. post: { title: "h1.entry-title" }`);
  }
  for (const key of Object.keys(data)) {
    if (key !== 'post' && key !== 'listing') throw new UsageError(`${file}: unknown section "${key}"; a profile has "post" and "listing" sections`);
  }
  const d = data as Record<string, unknown>;
  const profile: Profile = {};
  const post = checkSection(file, 'post', d.post, POST_FIELDS);
  const listing = checkSection(file, 'listing', d.listing, LISTING_FIELDS);
  if (post) profile.post = post;
  if (listing) profile.listing = listing;
  return profile;
}

/** Reads and validates a profile file (JSON or YAML, chosen by content: JSON is valid YAML). */
export async function loadProfile(file: string): Promise<Profile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw cannotRead(`--profile ${file}`, err, 'give a JSON or YAML file of CSS selectors');
  }
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (err) {
    throw new UsageError(`--profile ${file}: not valid JSON or YAML (${(err as Error).message.split('\n')[0]}); fix the file`);
  }
  return validateProfile(data, `--profile ${file}`);
}
