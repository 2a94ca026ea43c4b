/**
 * Image captions split into what the picture shows and who made it. Näringsbloggen wrote
 * `Anna Andersson. Foto: Kristian Pohl` or `Illustration: Näringsdepartementet`, followed by a link
 * labelled `Bildrättigheter` (image rights); other sites write `Photo:`, `Foto:`, `Bild:`, `Credit:`, `©`.
 */

export interface CaptionParts {
  caption: string | null;
  credit: string | null;
}

/** Labels that start a credit, in the languages the extractor knows. */
const CREDIT = /(?:^|[\s.,;–-])((?:(?:Foto|Fotograf|Photo|Photograph|Bild|Bilde|Illustration|Illustrasjon|Grafik|Credit|Kilde|Källa|Quelle|Image)\s*:|©)\s*.+)$/u;
/** Link texts that only point at a rights page: not part of the caption. */
export const RIGHTS_LABELS = /\s*(Bildrättigheter|Image rights|Bildrechte|Bilderettigheter|Billedrettigheder)\s*$/iu;

/** Splits `Namn. Foto: Källa` into caption `Namn` and credit `Foto: Källa`. */
export function splitCaption(text: string): CaptionParts {
  const t = text.replace(RIGHTS_LABELS, '').replace(/\s+/g, ' ').trim();
  if (!t) return { caption: null, credit: null };
  const m = CREDIT.exec(t);
  if (!m) return { caption: t, credit: null };
  const credit = m[1]!.trim();
  const caption = t.slice(0, t.length - m[0].length + (m[0].length - m[0].trimStart().length)).trim().replace(/[.,;\s–-]+$/u, '').trim();
  return { caption: caption || null, credit };
}
