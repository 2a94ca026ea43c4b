/**
 * A short excerpt of how one text became another, for a CI log: the common prefix and suffix are cut
 * away and a little context is kept on each side, so a reader sees the changed words, not the whole body.
 */
export interface ChangeExcerpt {
  /** The changed stretch of the old text with some context, `…` where text was cut. */
  before: string;
  after: string;
  /** Characters of the old and new text in total, so a reader can judge how big the body is. */
  lengthBefore: number;
  lengthAfter: number;
}

const CONTEXT = 30;
const MAX_CHANGED = 120;

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ');
}

/** Keeps surrogate pairs together when a cut would fall between them. */
function safeCut(s: string, at: number): number {
  const c = s.charCodeAt(at);
  return c >= 0xdc00 && c <= 0xdfff ? at - 1 : at;
}

export function changeExcerpt(before: string, after: string): ChangeExcerpt {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before[start] === after[start]) start++;
  let end = 0;
  while (end < max - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  start = safeCut(before, start);
  const from = safeCut(before, Math.max(0, start - CONTEXT));
  const piece = (s: string) => {
    const changeEnd = s.length - end;
    const cutEnd = Math.min(s.length, changeEnd + CONTEXT, start + MAX_CHANGED + CONTEXT);
    const stop = safeCut(s, cutEnd);
    return `${from > 0 ? '…' : ''}${oneLine(s.slice(from, stop))}${stop < s.length ? '…' : ''}`;
  };
  return { before: piece(before), after: piece(after), lengthBefore: before.length, lengthAfter: after.length };
}
