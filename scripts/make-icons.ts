// Draws the toolbar/store icons (public/icon/*.png) from geometry, so they can be regenerated at any
// size without an image editor: a highlighted word above a timeline with three events.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

type RGBA = [number, number, number, number];
const NAVY: RGBA = [31, 42, 68, 255];
const HIGHLIGHT: RGBA = [242, 193, 78, 255];
const INK: RGBA = [233, 231, 226, 255];

/** Shapes in a 0..1 square; later shapes paint over earlier ones. */
function colourAt(x: number, y: number): RGBA | undefined {
  const inRoundedRect = (x0: number, y0: number, x1: number, y1: number, r: number) => {
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r && x >= x0 && x <= x1 && y >= y0 && y <= y1;
  };
  const inCircle = (cx: number, cy: number, r: number) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  let colour: RGBA | undefined;
  if (inRoundedRect(0.02, 0.02, 0.98, 0.98, 0.2)) colour = NAVY;
  if (inRoundedRect(0.16, 0.2, 0.84, 0.45, 0.06)) colour = HIGHLIGHT;
  if (inRoundedRect(0.14, 0.665, 0.86, 0.715, 0.025)) colour = INK;
  for (const cx of [0.24, 0.5, 0.76]) if (inCircle(cx, 0.69, 0.085)) colour = cx === 0.5 ? HIGHLIGHT : INK;
  return colour;
}

function render(size: number): Buffer {
  const samples = 4;
  const rows: Buffer[] = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4); // leading 0: PNG filter "none"
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++)
        for (let sx = 0; sx < samples; sx++) {
          const c = colourAt((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (!c) continue;
          for (let i = 0; i < 3; i++) sum[i]! += c[i]! * c[3];
          sum[3]! += c[3];
        }
      const alpha = sum[3]! / (samples * samples);
      for (let i = 0; i < 3; i++) row[1 + px * 4 + i] = sum[3] ? Math.round(sum[i]! / sum[3]!) : 0;
      row[1 + px * 4 + 3] = Math.round(alpha);
    }
    rows.push(row);
  }
  return png(size, Buffer.concat(rows));
}

function png(size: number, raw: Buffer): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function crc32(data: Buffer): number {
  let crc = ~0;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return ~crc >>> 0;
}

for (const size of [16, 32, 48, 96, 128]) {
  writeFileSync(new URL(`../public/icon/${size}.png`, import.meta.url), render(size));
}
console.log('wrote public/icon/{16,32,48,96,128}.png');
