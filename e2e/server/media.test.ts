import { describe, expect, it } from 'vitest';
import { bytesOf, useMediaServer } from './test-server';
import { SAMPLE_RATE } from './wav';

const media = useMediaServer();

describe('audio', () => {
  it('is a valid 16-bit mono PCM WAV of the asked length', async () => {
    const response = await fetch(`${media.origin}/media/episode-1.wav?seconds=2`);
    const wav = await bytesOf(response);
    expect(response.headers.get('content-type')).toBe('audio/wav');
    const dataSize = 2 * SAMPLE_RATE * 2;
    expect(wav.length).toBe(44 + dataSize);
    expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
    expect(wav.readUInt32LE(4)).toBe(wav.length - 8);
    expect(wav.toString('ascii', 8, 16)).toBe('WAVEfmt ');
    expect([wav.readUInt16LE(20), wav.readUInt16LE(22), wav.readUInt32LE(24)]).toEqual([1, 1, SAMPLE_RATE]);
    expect([wav.readUInt32LE(28), wav.readUInt16LE(32), wav.readUInt16LE(34)]).toEqual([
      SAMPLE_RATE * 2,
      2,
      16,
    ]);
    expect(wav.toString('ascii', 36, 40)).toBe('data');
    expect(wav.readUInt32LE(40)).toBe(dataSize);
    // Audible: the samples are not silence.
    expect(
      Math.max(...Array.from({ length: 1000 }, (_, i) => Math.abs(wav.readInt16LE(44 + 2000 + 2 * i)))),
    ).toBeGreaterThan(1000);
  });

  it('gives ranged bytes equal to the slice of the whole, even mid-header and mid-sample', async () => {
    const url = `${media.origin}/media/episode-2.wav?seconds=7`;
    const whole = await bytesOf(await fetch(url));
    for (const [start, end] of [
      [0, 43],
      [10, 50],
      [45, 45],
      [131_117, 300_001],
      [whole.length - 3, whole.length - 1],
    ] as const) {
      const part = await fetch(url, { headers: { Range: `bytes=${start}-${end}` } });
      expect(part.status).toBe(206);
      expect((await bytesOf(part)).equals(whole.subarray(start, end + 1))).toBe(true);
    }
    expect((await bytesOf(await fetch(url))).equals(whole)).toBe(true);
    const other = await bytesOf(await fetch(`${media.origin}/media/episode-3.wav?seconds=7`));
    expect(other.equals(whole)).toBe(false);
  });

  it('refuses a length it cannot express', async () => {
    expect((await fetch(`${media.origin}/media/x.wav?seconds=0`)).status).toBe(400);
    expect((await fetch(`${media.origin}/media/x.mp4`)).status).toBe(404);
  });
});

describe('artwork', () => {
  it('is a deterministic SVG that names the episode', async () => {
    const url = `${media.origin}/media/${encodeURIComponent('Ep <1>')}.svg`;
    const response = await fetch(url);
    expect(response.headers.get('content-type')).toBe('image/svg+xml');
    const svg = await response.text();
    expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('Ep &#60;1&#62;');
    expect(await (await fetch(url)).text()).toBe(svg);
    expect(await (await fetch(`${media.origin}/media/Ep2.svg`)).text()).not.toBe(svg);
  });
});
