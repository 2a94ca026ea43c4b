/**
 * The soft-404 guard of the crawl. A soft-404 site answers 200 with the same page for every URL; if that
 * page links relatively, each answer names new URLs and the crawl never ends. So relative links are read
 * from one body at most SAME_BODY_LIMIT times. Absolute links are always read: the same bytes name the
 * same absolute URLs (WordPress serves a post at each of its category paths, byte for byte, and links
 * absolutely).
 */
import { createHash } from 'node:crypto';

export const SAME_BODY_LIMIT = 5;

export class RepeatedBodies {
  private counts = new Map<string, number>();
  private said = false;

  constructor(private readonly log: (line: string) => void) {}

  /** True when this body was seen more than SAME_BODY_LIMIT times (its relative links are then not read). */
  repeated(body: Buffer): boolean {
    if (body.length === 0) return false;
    const key = createHash('sha1').update(body).digest('base64');
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    return n > SAME_BODY_LIMIT;
  }

  /** Says once per crawl that relative links were skipped, naming one URL. */
  skippedRelative(url: string): void {
    if (this.said) return;
    this.said = true;
    this.log(`more than ${SAME_BODY_LIMIT} URLs answered 200 with the very same page linking relatively (a soft 404?), e.g. ${url}: relative links are not followed from further copies of it`);
  }
}
