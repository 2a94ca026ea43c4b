/**
 * The replica's inputs: site-facts.json (what is known of the real site) and content.json (text pools
 * written for this project), both under fixtures/replica/, plus the few hand-written bodies.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The site's real address; every absolute link in the replica is written on it, as WordPress did. */
export const SITE_URL = 'http://www.naringsbloggen.se';

/** fixtures/replica/ of this repository (works from src/ under tsx and from dist/ after a build). */
export const REPLICA_DATA_DIR = fileURLToPath(new URL('../../fixtures/replica/', import.meta.url));
/** fixtures/site/: where the committed replica lives and what startReplica serves by default. */
export const DEFAULT_SITE_DIR = fileURLToPath(new URL('../../fixtures/site/', import.meta.url));

export interface FactPost {
  blog: string;
  title: string;
  path?: string;
  categories?: string[];
  primaryCategoryFromPath?: string;
  commentCountShown?: number;
  yearMonth?: string;
  date?: string;
  authorSlug?: string;
}

export interface SiteFacts {
  host: string;
  blogs: { path: string; name: string; active: string }[];
  categories: Record<string, { name: string; slug?: string }[]>;
  posts: FactPost[];
}

export interface Person {
  login: string;
  name: string;
}

export interface SyntheticTitleParts {
  start: string[];
  topic: string[];
  place: string[];
}

export interface Content {
  blogs: Record<string, { description: string; pageTitle: string; authors: Person[] }>;
  pageBodies: Record<string, string>;
  sentences: Record<string, string[]>;
  headings: Record<string, string[]>;
  listItems: Record<string, string[]>;
  quotes: string[];
  commenters: string[];
  commenterSites: string[];
  comments: string[];
  replies: string[];
  guests: { name: string; role: string }[];
  photoSubjects: string[];
  photoSources: string[];
  externalLinks: { text: string; url: string }[];
  syntheticTitles: Record<string, SyntheticTitleParts>;
  closureNotice: string[];
  guestDisclaimer: string;
  moderationNote: string;
  imageRightsUrl: string;
}

export interface ReplicaInputs {
  facts: SiteFacts;
  content: Content;
  /** Hand-written bodies by exact title (Markdown with {{placeholders}}). */
  specialBodies: Map<string, string>;
}

/** Parses special-bodies.md: sections that start with `=== <title>`; text before the first is a preamble. */
export function parseSpecialBodies(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const parts = text.replace(/\r\n/g, '\n').split(/^=== (.+)$/m);
  for (let i = 1; i + 1 < parts.length; i += 2) out.set(parts[i]!.trim(), parts[i + 1]!.trim());
  return out;
}

export function loadReplicaInputs(dir: string = REPLICA_DATA_DIR): ReplicaInputs {
  const read = (name: string): string => readFileSync(`${dir.replace(/\/?$/, '/')}${name}`, 'utf8');
  return {
    facts: JSON.parse(read('site-facts.json')) as SiteFacts,
    content: JSON.parse(read('content.json')) as Content,
    specialBodies: parseSpecialBodies(read('special-bodies.md')),
  };
}
