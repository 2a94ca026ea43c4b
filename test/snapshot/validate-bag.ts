import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * An independent BagIt validator (RFC 8493), written from the RFC and sharing no code with the writer:
 * it reads the manifests, decodes the §2.1.3 percent-encoding, recomputes every SHA-512 with node:crypto,
 * checks that every payload file is listed exactly once, and checks Payload-Oxum.
 */
export async function validateBag(bag: string): Promise<string[]> {
  const problems: string[] = [];
  const sha512 = async (p: string) => createHash('sha512').update(await readFile(p)).digest('hex');
  const bagit = await readFile(join(bag, 'bagit.txt'), 'utf8');
  if (bagit !== 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n') problems.push(`bagit.txt: ${JSON.stringify(bagit)}`);
  const walk = async (dir: string, rel: string): Promise<string[]> => {
    const out: string[] = [];
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const r = `${rel}/${e.name}`;
      if (e.isDirectory()) out.push(...await walk(join(dir, e.name), r));
      else out.push(r);
    }
    return out;
  };
  const payload = await walk(join(bag, 'data'), 'data');
  const decode = (p: string) => p.replace(/%0A/gi, '\n').replace(/%0D/gi, '\r').replace(/%25/g, '%');
  const parse = (text: string) => text.split('\n').filter((l) => l !== '').map((l) => {
    const m = /^([0-9a-f]{128})[ \t]+(.+)$/.exec(l);
    if (!m) throw new Error(`bad manifest line ${JSON.stringify(l)}`);
    return { digest: m[1]!, path: decode(m[2]!) };
  });
  const manifest = parse(await readFile(join(bag, 'manifest-sha512.txt'), 'utf8'));
  const listed = new Set(manifest.map((m) => m.path));
  if (listed.size !== manifest.length) problems.push('a payload path is listed twice');
  for (const p of payload) if (!listed.has(p)) problems.push(`not in manifest: ${p}`);
  for (const m of manifest) {
    const digest = await sha512(join(bag, ...m.path.split('/'))).catch(() => null);
    if (digest !== m.digest) problems.push(`checksum mismatch or missing: ${m.path}`);
  }
  let octets = 0;
  for (const p of payload) octets += (await readFile(join(bag, ...p.split('/')))).length;
  const info = await readFile(join(bag, 'bag-info.txt'), 'utf8');
  const oxum = /^Payload-Oxum: (\d+)\.(\d+)$/m.exec(info);
  if (!oxum || Number(oxum[1]) !== octets || Number(oxum[2]) !== payload.length) problems.push(`Payload-Oxum ${oxum?.[0]} but ${octets}.${payload.length}`);
  const tags = parse(await readFile(join(bag, 'tagmanifest-sha512.txt'), 'utf8'));
  const tagNames = tags.map((t) => t.path).sort();
  assert.deepEqual(tagNames, ['bag-info.txt', 'bagit.txt', 'manifest-sha512.txt']);
  for (const t of tags) if (await sha512(join(bag, t.path)) !== t.digest) problems.push(`tag checksum mismatch: ${t.path}`);
  return problems;
}

