/**
 * Tiny but real image files for the replica's uploads, made in code so the generator needs no image
 * tools: an 8x8 grey baseline JPEG (one flat DCT block) and a small PNG. Each file gets its own shade, so
 * every upload has distinct bytes and a crawler's digests tell them apart.
 */
import { deflateSync } from 'node:zlib';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A 16x16 RGB PNG: a flat background with a lighter square, colours from `shade` (0–255). */
export function makePng(shade: number): Buffer {
  const w = 16;
  const h = 16;
  const rows: Buffer[] = [];
  for (let y = 0; y < h; y++) {
    const row = Buffer.alloc(1 + w * 3);
    for (let x = 0; x < w; x++) {
      const inner = x >= 4 && x < 12 && y >= 4 && y < 12;
      row[1 + x * 3] = inner ? 250 : shade & 0xff;
      row[2 + x * 3] = inner ? 250 : (shade * 3) & 0xff;
      row[3 + x * 3] = inner ? 250 : (255 - shade) & 0xff;
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.concat(rows))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function segment(marker: number, data: number[]): number[] {
  const len = data.length + 2;
  return [0xff, marker, len >> 8, len & 0xff, ...data];
}

/**
 * An 8x8 greyscale baseline JPEG of one flat grey (`shade` 0–255). With all quantisers 1 a flat block is
 * only its DC coefficient (8 × (shade − 128)); the Huffman tables hold just that DC category and the AC
 * end-of-block, so the scan is a handful of bits.
 */
export function makeJpeg(shade: number): Buffer {
  const dc = 8 * ((shade & 0xff) - 128);
  const mag = Math.abs(dc);
  const cat = mag === 0 ? 0 : Math.floor(Math.log2(mag)) + 1;
  // DC value bits: positive as is, negative as one's complement in `cat` bits (JPEG F.1.2.1).
  const valueBits = dc >= 0 ? dc : dc + (1 << cat) - 1;
  const bits: number[] = [0]; // DC Huffman code "0" for our only category
  for (let i = cat - 1; i >= 0; i--) bits.push((valueBits >> i) & 1);
  bits.push(0); // AC Huffman code "0" = end of block
  while (bits.length % 8 !== 0) bits.push(1); // pad with 1-bits
  const scan: number[] = [];
  for (let i = 0; i < bits.length; i += 8) {
    let byte = 0;
    for (let j = 0; j < 8; j++) byte = (byte << 1) | bits[i + j]!;
    scan.push(byte);
    if (byte === 0xff) scan.push(0x00); // byte stuffing
  }
  const counts = (n: number): number[] => [n, ...new Array<number>(15).fill(0)];
  const bytes = [
    0xff, 0xd8,
    ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...segment(0xdb, [0x00, ...new Array<number>(64).fill(1)]),
    ...segment(0xc0, [8, 0, 8, 0, 8, 1, 1, 0x11, 0]),
    ...segment(0xc4, [0x00, ...counts(1), cat]),
    ...segment(0xc4, [0x10, ...counts(1), 0x00]),
    ...segment(0xda, [1, 1, 0x00, 0, 63, 0]),
    ...scan,
    0xff, 0xd9,
  ];
  return Buffer.from(bytes);
}

/** The bytes of an upload by its file name: `.png` gives a PNG, anything else a JPEG. */
export function makeImage(fileName: string, shade: number): Buffer {
  return fileName.toLowerCase().endsWith('.png') ? makePng(shade) : makeJpeg(shade);
}
