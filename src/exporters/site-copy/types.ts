/** What the browsable copy is made from: the archive's captures, as the composition reads them. */

/** One capture in the archive (from index.cdxj, with the Location of a redirect read from its record). */
export interface ArchivedEntry {
  url: string;
  status: number;
  mime: string;
  /** Location header of a 3xx answer. */
  location: string | null;
  /** WARC-Date (ISO 8601). */
  date: string;
}
