/**
 * A BagIt package (RFC 8493) of a finished snapshot, for handing an archive to a national archive.
 * There is no BagIt package on npm, so the clauses this follows are named where they matter:
 * - §2.1.1 bagit.txt: exactly `BagIt-Version: 1.0` and `Tag-File-Character-Encoding: UTF-8`.
 * - §2.1.2 the payload lives under data/.
 * - §2.1.3 manifest-sha512.txt: `<hex digest> <path>` per payload file; a path's CR, LF and `%` (and only
 *   those) are percent-encoded; `/` separates segments.
 * - §2.2.2 bag-info.txt: `Label: value` lines; Payload-Oxum is `<octets>.<file count>`.
 * - §2.2.1 tagmanifest-sha512.txt covers every tag file but itself.
 * The bag is built in a temporary folder beside its target and renamed into place, so a failed run
 * never leaves something that looks like a valid bag.
 */
import { constants } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { writeFileAtomic } from '../exporters/write.ts';
import { hashFile, listFiles } from './manifest.ts';

export interface BagOptions {
  /** Folder whose files become the payload. */
  sourceDir: string;
  /** Top-level entries of sourceDir to leave out (e.g. the bag folder itself). */
  exclude?: readonly string[];
  /** Where the bag goes; replaced if it exists. */
  bagDir: string;
  /** Extra bag-info.txt fields in order (`External-Description`, `Bagging-Date`…). Payload-Oxum is added. */
  info?: ReadonlyArray<readonly [string, string]>;
}

export interface BagSummary {
  bagDir: string;
  payloadFiles: number;
  payloadBytes: number;
}

/** RFC 8493 §2.1.3: percent-encode `%`, CR and LF in a manifest path, nothing else. */
export function encodeManifestPath(path: string): string {
  return path.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A bag-info value must stay on its line; a line break in a value would start a new label. */
function oneLine(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').trim();
}

/**
 * A copy, not a hard link: a bag is handed over and must not change when someone edits the snapshot in
 * place. COPYFILE_FICLONE shares the blocks on file systems that can (btrfs, XFS) and copies elsewhere.
 */
async function copyInto(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  await copyFile(from, to, constants.COPYFILE_FICLONE);
}

export async function writeBag(options: BagOptions): Promise<BagSummary> {
  const { sourceDir, bagDir } = options;
  const tmp = join(dirname(bagDir), `.${basename(bagDir)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  await rm(tmp, { recursive: true, force: true });
  try {
    const files = await listFiles(sourceDir, options.exclude ?? []);
    const lines: string[] = [];
    let bytes = 0;
    for (const rel of files) {
      const src = join(sourceDir, ...rel.split('/'));
      const dest = join(tmp, 'data', ...rel.split('/'));
      await copyInto(src, dest);
      // Hash the copy: the manifest vouches for the bytes in the bag.
      const [st, digest] = await Promise.all([stat(dest), hashFile(dest, 'sha512')]);
      bytes += st.size;
      lines.push(`${digest}  ${encodeManifestPath(`data/${rel}`)}`);
    }
    await mkdir(join(tmp, 'data'), { recursive: true });
    const info: Array<readonly [string, string]> = [...(options.info ?? []), ['Payload-Oxum', `${bytes}.${files.length}`]];
    const tagFiles: Array<[string, string]> = [
      ['bagit.txt', 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n'],
      ['bag-info.txt', info.map(([k, v]) => `${k}: ${oneLine(v)}\n`).join('')],
      ['manifest-sha512.txt', lines.map((l) => `${l}\n`).join('')],
    ];
    const tagLines: string[] = [];
    for (const [name, text] of tagFiles) {
      await writeFileAtomic(join(tmp, name), text);
      tagLines.push(`${await hashFile(join(tmp, name), 'sha512')}  ${name}`);
    }
    await writeFileAtomic(join(tmp, 'tagmanifest-sha512.txt'), tagLines.map((l) => `${l}\n`).join(''));
    await rm(bagDir, { recursive: true, force: true });
    await rename(tmp, bagDir);
    return { bagDir, payloadFiles: files.length, payloadBytes: bytes };
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
}
