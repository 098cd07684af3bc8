import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

// npm run icon: draws resources/icon.png, the app icon electron-builder turns into .ico, .icns and
// the Linux desktop icons: a white cross on a teal rounded square, antialiased, with no image library.

const size = 512;
const teal = [15, 118, 110];
const white = [255, 255, 255];

/** Which colour a point (in 0..1 units) has, or null outside the rounded square. */
function colourAt(x: number, y: number): number[] | null {
  const radius = 0.2;
  const dx = Math.max(radius - x, 0, x - (1 - radius));
  const dy = Math.max(radius - y, 0, y - (1 - radius));
  if (dx * dx + dy * dy > radius * radius) return null;
  const inBar = (a: number, b: number) => Math.abs(a - 0.5) < 0.1 && Math.abs(b - 0.5) < 0.3;
  return inBar(x, y) || inBar(y, x) ? white : teal;
}

function pixels(): Buffer {
  const samples = 4;
  // One filter byte (0: none) before each row of RGBA.
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const colour = colourAt((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (!colour) continue;
          for (let c = 0; c < 3; c++) sum[c]! += colour[c]!;
          sum[3]! += 255;
        }
      }
      const n = samples * samples;
      const covered = sum[3]! / 255;
      const at = py * (size * 4 + 1) + 1 + px * 4;
      for (let c = 0; c < 3; c++) raw[at + c] = covered ? Math.round(sum[c]! / covered) : 0;
      raw[at + 3] = Math.round(sum[3]! / n);
    }
  }
  return raw;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

function iconPng(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(pixels(), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const file = path.resolve(import.meta.dirname, '../resources/icon.png');
  fs.writeFileSync(file, iconPng());
  console.log(`Wrote ${file}`);
}
