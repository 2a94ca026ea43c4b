/**
 * File names that are safe on every platform, and a registry that keeps names apart which a
 * case-insensitive (Windows, macOS) or normalising (macOS HFS+/APFS) file system would merge.
 * Slugs and titles come from a crawled site: treat them as hostile.
 */
import { createHash } from 'node:crypto';

/** Windows refuses these names with any extension (`con.md`, `LPT1.txt`), in any case. */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;
/**
 * Characters Windows forbids in names, the path separators of every platform, C1 controls, and the bidi
 * controls (U+202E shows `gpj.exe` as `exe.jpg` in a file list; U+061C, U+200E/F, U+202A–E, U+2066–9).
 */
const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** A UTF-16 surrogate without its pair: not a character; file systems refuse it or store mojibake. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** Stem budget in UTF-8 bytes: file systems allow 255 per name; leave room for a date prefix, suffix and extension. */
export const MAX_STEM_BYTES = 120;

/** A short, stable digest used to keep truncated names distinct. */
export function shortHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 8);
}

/** Cuts `text` to at most `maxBytes` UTF-8 bytes without splitting a code point. */
function truncateUtf8(text: string, maxBytes: number): string {
  let bytes = 0;
  let out = '';
  for (const ch of text) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (bytes + n > maxBytes) break;
    bytes += n;
    out += ch;
  }
  return out;
}

/**
 * One safe path segment (no extension handling): NFC, no separators, control or Windows-forbidden
 * characters, no leading dots (hidden files, `..`), no trailing dots or spaces (Windows strips them),
 * at most MAX_STEM_BYTES bytes (a hash of the whole keeps truncated names apart), never empty.
 */
export function safeStem(raw: string, fallback = 'untitled'): string {
  let s = raw.replace(LONE_SURROGATE, '-').normalize('NFC').replace(FORBIDDEN, '-').replace(/\s+/g, ' ').trim();
  // Leading dots hide a file (and `..` climbs); a leading `-` reads as an option to shell tools.
  s = s.replace(/^[.\s-]+/, '').replace(/[.\s]+$/, '');
  if (Buffer.byteLength(s, 'utf8') > MAX_STEM_BYTES) {
    s = `${truncateUtf8(s, MAX_STEM_BYTES - 9).replace(/[.\s-]+$/, '')}-${shortHash(raw)}`;
  }
  if (s === '') s = fallback;
  return s;
}

/** A safe file name `stem + ext` (ext like `.md`, or `''`); a Windows device name gets a `_` appended. */
export function safeFileName(rawStem: string, ext = '', fallback = 'untitled'): string {
  const stem = safeStem(rawStem, fallback);
  // Windows reserves a device name whatever follows the first dot (`con.txt.md` too): mend the part before it.
  const dot = stem.indexOf('.');
  const base = dot < 0 ? stem : stem.slice(0, dot);
  if (WINDOWS_RESERVED.test(base.trim())) return `${base}_${stem.slice(base.length)}${ext}`;
  return `${stem}${ext}`;
}

/** Splits `name.ext` at the last dot (a leading dot is not an extension). */
export function splitExt(name: string): { stem: string; ext: string } {
  const i = name.lastIndexOf('.');
  if (i <= 0) return { stem: name, ext: '' };
  const ext = name.slice(i);
  // Only short, plain extensions count; `a.b c` keeps its dot in the stem.
  return /^\.[A-Za-z0-9]{1,8}$/.test(ext) ? { stem: name.slice(0, i), ext: ext.toLowerCase() } : { stem: name, ext: '' };
}

/** How a file system that ignores case and Unicode normalisation form would see a path. */
export function foldKey(path: string): string {
  return path.normalize('NFC').toLowerCase().normalize('NFC');
}

/**
 * Hands out output paths so that no two collide on any file system. The first claimant of a name keeps
 * it; later ones get `-2`, `-3`, … on the last segment's stem. Claim in a deterministic order (sorted by
 * URL) and the suffixes are deterministic too.
 */
export class PathRegistry {
  private readonly files = new Set<string>();
  private readonly dirs = new Set<string>();

  /** True if `path` (as a file or a folder) is already taken or would shadow a taken one. */
  isTaken(path: string): boolean {
    const key = foldKey(path);
    if (this.files.has(key) || this.dirs.has(key)) return true;
    const parts = key.split('/');
    for (let i = 1; i < parts.length; i++) if (this.files.has(parts.slice(0, i).join('/'))) return true;
    return false;
  }

  private mark(path: string, asDir: boolean): void {
    const key = foldKey(path);
    const parts = key.split('/');
    for (let i = 1; i < parts.length; i++) this.dirs.add(parts.slice(0, i).join('/'));
    if (asDir) this.dirs.add(key);
    else this.files.add(key);
  }

  /** Claims the file `dir/stem+ext` (dir may be `''`), returning the path actually granted. */
  claimFile(dir: string, stem: string, ext: string): string {
    for (let n = 1; ; n++) {
      const name = n === 1 ? `${stem}${ext}` : safeFileName(`${stem}-${n}`, ext);
      const path = dir ? `${dir}/${name}` : name;
      if (!this.isTaken(path)) {
        this.mark(path, false);
        return path;
      }
    }
  }

  /** Claims the folder `parent/name` as a whole (a Hugo page bundle), returning the folder granted. */
  claimDir(parent: string, name: string): string {
    for (let n = 1; ; n++) {
      const seg = n === 1 ? name : safeFileName(`${name}-${n}`);
      const path = parent ? `${parent}/${seg}` : seg;
      if (!this.isTaken(path)) {
        this.mark(path, true);
        return path;
      }
    }
  }
}
