// Draws the extension's icon, resources/icon.png (128×128), from shapes: a dark rounded square, the bars of a
// timeline, and a lens over them. Ours, made here, so nothing is downloaded; the package test draws it again and
// compares. `node scripts/icon.mjs [out.png]`.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
/** Samples per pixel along each axis: edges are smoothed by averaging SAMPLES² points. */
const SAMPLES = 4;

const BACKGROUND = [0x1f, 0x2a, 0x37];
const BAR = [0xf2, 0xa9, 0x3b];
const LENS = [0xe6, 0xed, 0xf3];

const inRoundedSquare = (x, y, radius) => {
  const cx = Math.min(Math.max(x, radius), SIZE - radius);
  const cy = Math.min(Math.max(y, radius), SIZE - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
};

/** A segment of width `width` from (ax, ay) to (bx, by), round at its ends. */
const nearSegment = (x, y, [ax, ay, bx, by], width) => {
  const [dx, dy] = [bx - ax, by - ay];
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= (width / 2) ** 2;
};

/** Bars of a timeline: left edge, top, and a shared baseline. */
const BARS = [
  [20, 78],
  [36, 56],
  [52, 70],
  [68, 40],
];
const BASELINE = 104;
const BAR_WIDTH = 12;
const LENS_CENTER = [80, 52];
const LENS_RADIUS = 22;
const LENS_RING = 7;
const HANDLE = [96, 68, 112, 84];

/** The colour at a point, or undefined outside the icon. */
function colourAt(x, y) {
  if (!inRoundedSquare(x, y, 26)) return undefined;
  const d = Math.hypot(x - LENS_CENTER[0], y - LENS_CENTER[1]);
  if (Math.abs(d - LENS_RADIUS) <= LENS_RING / 2 || nearSegment(x, y, HANDLE, 10)) return LENS;
  if (BARS.some(([left, top]) => x >= left && x <= left + BAR_WIDTH && y >= top && y <= BASELINE)) return BAR;
  return BACKGROUND;
}

/** The icon's pixels, RGBA, each row after its PNG filter byte (0: none). */
function pixels() {
  const rows = Buffer.alloc(SIZE * (1 + SIZE * 4));
  for (let py = 0; py < SIZE; py++) {
    const row = py * (1 + SIZE * 4);
    for (let px = 0; px < SIZE; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < SAMPLES; sy++)
        for (let sx = 0; sx < SAMPLES; sx++) {
          const colour = colourAt(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES);
          if (!colour) continue;
          for (let c = 0; c < 3; c++) sum[c] += colour[c];
          sum[3] += 1;
        }
      const at = row + 1 + px * 4;
      // Colour averaged over the samples inside, alpha the share of samples inside.
      for (let c = 0; c < 3; c++) rows[at + c] = sum[3] ? Math.round(sum[c] / sum[3]) : 0;
      rows[at + 3] = Math.round((sum[3] / (SAMPLES * SAMPLES)) * 255);
    }
  }
  return rows;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** The icon as PNG bytes: 8-bit RGBA, not interlaced. */
export function iconPng() {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels(), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'icon.png');
  writeFileSync(out, iconPng());
}
