/**
 * Draws the Teams app icons (appPackage/color.png 192×192, appPackage/outline.png 32×32) with
 * node:zlib only: two interlocked rounded frames, the "passerelle" between two structures.
 *
 *   node --import tsx scripts/make-icons.ts      (rewrites both PNG files)
 *
 * The output is deterministic: test/app-package checks that the committed PNGs are what this
 * script draws, so edit the geometry here and re-run it rather than editing the images.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

/** "Bleu France" of the French State's design system: the colour icon's background. */
export const ACCENT_COLOR = '#000091';

interface RoundedRect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  radius: number;
}

/** A rounded frame: the outer rounded rectangle minus the same one shrunk by `stroke`. */
interface Frame {
  outer: RoundedRect;
  stroke: number;
}

interface Drawing {
  size: number;
  frames: Frame[];
}

/** Signed distance from (px, py) to a rounded rectangle: negative inside. */
function roundedRectDistance(r: RoundedRect, px: number, py: number): number {
  const cx = (r.x0 + r.x1) / 2;
  const cy = (r.y0 + r.y1) / 2;
  const qx = Math.abs(px - cx) - ((r.x1 - r.x0) / 2 - r.radius);
  const qy = Math.abs(py - cy) - ((r.y1 - r.y0) / 2 - r.radius);
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - r.radius;
}

function shrink(r: RoundedRect, by: number): RoundedRect {
  return {
    x0: r.x0 + by,
    y0: r.y0 + by,
    x1: r.x1 - by,
    y1: r.y1 - by,
    radius: Math.max(r.radius - by, 0),
  };
}

function covers(d: Drawing, px: number, py: number): boolean {
  return d.frames.some(
    (f) =>
      roundedRectDistance(f.outer, px, py) <= 0 &&
      roundedRectDistance(shrink(f.outer, f.stroke), px, py) > 0,
  );
}

const SAMPLES = 4;

/** Coverage of each pixel by the drawing, 0–255, by 4×4 supersampling (deterministic). */
function coverage(d: Drawing): Uint8Array {
  const out = new Uint8Array(d.size * d.size);
  for (let y = 0; y < d.size; y++) {
    for (let x = 0; x < d.size; x++) {
      let hits = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          if (covers(d, x + (sx + 0.5) / SAMPLES, y + (sy + 0.5) / SAMPLES)) hits++;
        }
      }
      out[y * d.size + x] = Math.round((hits * 255) / (SAMPLES * SAMPLES));
    }
  }
  return out;
}

/** The same design at any size: two interlocked rounded frames, offset like steps. */
function design(size: number): Drawing {
  const u = size / 32;
  const frame = (x0: number, y0: number): Frame => ({
    outer: { x0: x0 * u, y0: y0 * u, x1: (x0 + 14) * u, y1: (y0 + 14) * u, radius: 3.5 * u },
    stroke: 2 * u,
  });
  return { size, frames: [frame(5, 7), frame(13, 11)] };
}

function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Encodes 8-bit RGBA pixels as a PNG (colour type 6, no interlace, filter 0 on every row). */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0;
    raw.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The 192×192 colour icon: white frames on an opaque Bleu France square. */
export function renderColorIcon(): Buffer {
  const size = 192;
  const cov = coverage(design(size));
  const bg = hexToRgb(ACCENT_COLOR);
  const rgba = new Uint8Array(size * size * 4);
  for (let i = 0; i < size * size; i++) {
    const a = cov[i] / 255;
    for (let c = 0; c < 3; c++) rgba[i * 4 + c] = Math.round(bg[c] * (1 - a) + 255 * a);
    rgba[i * 4 + 3] = 255;
  }
  return encodePng(size, size, rgba);
}

/**
 * The 32×32 outline icon: white only, on a transparent background. Transparent pixels are
 * white too (alpha 0), so that no renderer can bleed a dark fringe into the edges.
 */
export function renderOutlineIcon(): Buffer {
  const size = 32;
  const cov = coverage(design(size));
  const rgba = new Uint8Array(size * size * 4);
  for (let i = 0; i < size * size; i++) {
    rgba.set([255, 255, 255, cov[i]], i * 4);
  }
  return encodePng(size, size, rgba);
}

/** Where the icons live, next to the manifest. */
export const APP_PACKAGE_DIR = join(__dirname, '..', 'appPackage');

if (require.main === module) {
  writeFileSync(join(APP_PACKAGE_DIR, 'color.png'), renderColorIcon());
  writeFileSync(join(APP_PACKAGE_DIR, 'outline.png'), renderOutlineIcon());
  console.log(`Icons written to ${APP_PACKAGE_DIR}: color.png (192×192), outline.png (32×32).`);
}
