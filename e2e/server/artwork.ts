import { createHash } from 'node:crypto';
import { bufferResource, type Resource, validators } from './resource';

/** `/media/<name>.svg`: a deterministic cover for the demo: name-seeded colours and shapes, and the name itself. */

const SIZE = 512;

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function artwork(name: string, version: number): Resource {
  const digest = createHash('sha256').update(`${name}:${version}`).digest();
  const hue = (digest[0]! * 360) / 256;
  const accent = (hue + 120 + (digest[1]! % 120)) % 360;
  const circles = [2, 5, 8]
    .map((i) => {
      const cx = (digest[i]! * SIZE) / 256;
      const cy = (digest[i + 1]! * SIZE) / 256;
      const r = 40 + (digest[i + 2]! % 120);
      return `<circle cx="${cx}" cy="${cy}" r="${r}" fill="hsl(${accent} 70% 60%)" fill-opacity="0.5"/>`;
    })
    .join('');
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">` +
    `<rect width="${SIZE}" height="${SIZE}" fill="hsl(${hue} 60% 30%)"/>${circles}` +
    `<text x="50%" y="88%" text-anchor="middle" font-family="sans-serif" font-size="40" fill="#fff">` +
    `${escapeXml(name)}</text></svg>\n`;
  return bufferResource(Buffer.from(svg), 'image/svg+xml', validators(`svg:${name}`, version));
}
