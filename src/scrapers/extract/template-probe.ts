/**
 * Reading a post before the site's template is known. The body is found against the template's text
 * blocks (blocks.ts), which the site plan learns only once every page is seen; a post read in the first
 * pass is read against the template learned so far, through a probe that records every question the
 * reading asks of it. The reading is a pure function of those answers, so when the final template gives
 * the same answers to the same questions, it is exactly the reading the second pass would make, and the
 * page needs no second parse; when one answer differs, the page is read again (page.ts, `finishEarly`).
 */

/** What the readers ask of a template (body.ts, blocks.ts): whether it has any block, and which. */
export interface TemplateSet {
  readonly size: number;
  has(hash: number): boolean;
}

/** The answers one reading got: the hashes it asked about, split by the answer, and whether it asked for emptiness. */
export interface TemplateAnswers {
  inside: number[];
  outside: number[];
  /** `size > 0` as the reading saw it, or null when it never asked. */
  nonEmpty: boolean | null;
}

/** A template that remembers what was asked of it. The readers only compare `size` with 0. */
export class TemplateProbe implements TemplateSet {
  private asked = new Map<number, boolean>();
  private sizeAsked = false;

  constructor(private readonly template: ReadonlySet<number>) {}

  get size(): number {
    this.sizeAsked = true;
    return this.template.size;
  }

  has(hash: number): boolean {
    const a = this.template.has(hash);
    this.asked.set(hash, a);
    return a;
  }

  answers(): TemplateAnswers {
    const inside: number[] = [];
    const outside: number[] = [];
    for (const [h, a] of this.asked) (a ? inside : outside).push(h);
    return { inside, outside, nonEmpty: this.sizeAsked ? this.template.size > 0 : null };
  }
}

/** True when `template` answers every recorded question as the probe did. */
export function sameAnswers(a: TemplateAnswers, template: ReadonlySet<number>): boolean {
  if (a.nonEmpty !== null && a.nonEmpty !== template.size > 0) return false;
  return a.inside.every((h) => template.has(h)) && !a.outside.some((h) => template.has(h));
}
