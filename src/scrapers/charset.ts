/**
 * Turning a body's bytes into text the way the HTML standard's encoding sniffing algorithm does
 * (https://html.spec.whatwg.org/#determining-the-character-encoding), with one deliberate repair:
 * a label that the bytes plainly contradict is overruled by the bytes.
 *
 * Order: BOM → HTTP `charset` → `<meta charset>` / http-equiv prescan of the first 1024 bytes (and the XML
 * declaration for feeds) → default. The default is UTF-8 when the bytes are valid UTF-8, else windows-1252:
 * the standard's locale default for Swedish is windows-1252, but every page a WordPress 3+ site serves is
 * UTF-8, and valid multi-byte UTF-8 almost never occurs by chance in Latin-1 text (it would need `Ã¥`-style
 * pairs), so validity is the safer test.
 *
 * The repair: old blogs are full of ISO-8859-1 pages whose server says UTF-8, and of UTF-8 pages behind a
 * server whose default charset is ISO-8859-1. Browsers show mojibake there; an archive that has to keep
 * å ä ö should not. So a UTF-8 label on bytes that are not UTF-8 falls back to the page's own meta
 * declaration (or windows-1252), and a single-byte label on bytes that are valid non-ASCII UTF-8 gives UTF-8.
 */
import { isUtf8 } from 'node:buffer';
import { getEncoding } from 'encoding-sniffer';
import whatwgEncoding from 'whatwg-encoding';

/** Where the chosen encoding came from; tests and the crawl log use it to explain a decision. */
export type CharsetSource = 'bom' | 'header' | 'meta' | 'utf8-valid' | 'default' | 'repair';

export interface CharsetDecision {
  /** A WHATWG encoding name, e.g. `UTF-8`, `windows-1252`. */
  encoding: string;
  source: CharsetSource;
}

/** The `charset` parameter of a Content-Type header, as a WHATWG encoding name, or null. */
export function charsetFromContentType(contentType: string | undefined): string | null {
  if (!contentType) return null;
  const m = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType);
  if (!m || !m[2]) return null;
  return whatwgEncoding.labelToName(m[2]) ?? null;
}

const SINGLE_BYTE = /^(windows-125\d|ISO-8859-\d+|KOI8-[RU]|macintosh|IBM866|x-mac-cyrillic)$/;

function bomEncoding(body: Buffer): string | null {
  return whatwgEncoding.getBOMEncoding(body) ?? null;
}

/** The encoding a `<meta>` or XML declaration in the first 1024 bytes names, or null. */
export function prescanCharset(body: Buffer): string | null {
  // encoding-sniffer exports only getEncoding, which never says whether it fell back to the default. A
  // meta tag can never yield `x-user-defined` (the standard maps it to windows-1252), so that default
  // marks "nothing declared".
  const found = getEncoding(body.subarray(0, 1024), { maxBytes: 1024, defaultEncoding: 'x-user-defined' });
  return found === 'x-user-defined' ? null : found;
}

function hasNonAscii(body: Buffer): boolean {
  for (let i = 0; i < body.length; i++) if (body[i]! >= 0x80) return true;
  return false;
}

/** Chooses the encoding of `body` (see the module comment for the order and the repair). */
export function sniffCharset(body: Buffer, contentType: string | undefined): CharsetDecision {
  const bom = bomEncoding(body);
  if (bom) return { encoding: bom, source: 'bom' };
  const header = charsetFromContentType(contentType);
  const valid = isUtf8(body);
  // The prescan matters only without a header charset, or to repair a UTF-8 header the bytes contradict;
  // most pages say UTF-8 and are, and the prescan was a tenth of decoding them.
  if (header === 'UTF-8' && valid) return { encoding: 'UTF-8', source: 'header' };
  if (header && header !== 'UTF-8') {
    if (SINGLE_BYTE.test(header) && valid && hasNonAscii(body)) return { encoding: 'UTF-8', source: 'repair' };
    return { encoding: header, source: 'header' };
  }
  // A meta tag naming UTF-16 is treated as UTF-8 by the standard (the bytes are ASCII-compatible if it was read).
  let meta = prescanCharset(body);
  if (meta === 'UTF-16LE' || meta === 'UTF-16BE') meta = 'UTF-8';
  const declared = header ?? meta;
  if (declared === 'UTF-8') {
    if (valid) return { encoding: 'UTF-8', source: header ? 'header' : 'meta' };
    const fallback = meta && meta !== 'UTF-8' ? meta : 'windows-1252';
    return { encoding: fallback, source: 'repair' };
  }
  if (declared) {
    if (SINGLE_BYTE.test(declared) && valid && hasNonAscii(body)) return { encoding: 'UTF-8', source: 'repair' };
    return { encoding: declared, source: 'meta' };
  }
  if (valid) return { encoding: 'UTF-8', source: 'utf8-valid' };
  return { encoding: 'windows-1252', source: 'default' };
}

const UTF8 = new TextDecoder('utf-8');

/**
 * Decodes an HTML, XML or text body to a string (a leading BOM is removed). The extract stage uses this too,
 * so both stages read a page's text identically.
 */
export function decodeBody(body: Buffer, contentType: string | undefined): string {
  const { encoding } = sniffCharset(body, contentType);
  // TextDecoder only for UTF-8 (fast, strips a BOM): Node's 'windows-1252' TextDecoder is really ISO-8859-1
  // and turns 0x93/0x94 into C1 controls instead of curly quotes, so legacy encodings go through iconv-lite.
  if (encoding === 'UTF-8') return UTF8.decode(body);
  return whatwgEncoding.decode(body, encoding);
}
