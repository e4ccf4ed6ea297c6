import { createHash } from 'node:crypto';
import { type Resource, validators } from './resource';

/**
 * `/media/<name>.wav?seconds=N`: playable audio for the demo. 16-bit PCM mono; a name-seeded little tune, computed
 * per sample so any byte range can be produced without the bytes before it.
 */

export const SAMPLE_RATE = 22_050;
const BYTES_PER_SAMPLE = 2;
const HEADER_SIZE = 44;
/** A note's length; the tune cycles through `NOTES_PER_TUNE` of them. */
const NOTE_SECONDS = 0.25;
const NOTES_PER_TUNE = 16;
/** Fade each note in and out over this long, so note changes do not click. */
const FADE_SECONDS = 0.01;
/** Pentatonic steps (semitones above the name's root): any sequence of them sounds tolerable. */
const SCALE = [0, 2, 4, 7, 9, 12, 14, 16];
const SAMPLES_PER_PIECE = 64 * 1024;

function header(dataSize: number): Buffer {
  const h = Buffer.alloc(HEADER_SIZE);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(HEADER_SIZE - 8 + dataSize, 4);
  h.write('WAVE', 8, 'ascii');
  h.write('fmt ', 12, 'ascii');
  h.writeUInt32LE(16, 16); // fmt chunk size
  h.writeUInt16LE(1, 20); // PCM
  h.writeUInt16LE(1, 22); // mono
  h.writeUInt32LE(SAMPLE_RATE, 24);
  h.writeUInt32LE(SAMPLE_RATE * BYTES_PER_SAMPLE, 28); // byte rate
  h.writeUInt16LE(BYTES_PER_SAMPLE, 32); // block align
  h.writeUInt16LE(8 * BYTES_PER_SAMPLE, 34); // bits per sample
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(dataSize, 40);
  return h;
}

/** The tune's note frequencies (Hz), from the seed's digest. */
function tune(seed: string): number[] {
  const digest = createHash('sha256').update(seed).digest();
  const root = 220 * 2 ** ((digest[0]! % 12) / 12);
  return Array.from(
    { length: NOTES_PER_TUNE },
    (_, i) => root * 2 ** (SCALE[digest[i + 1]! % SCALE.length]! / 12),
  );
}

function sampleAt(notes: readonly number[], index: number): number {
  const t = index / SAMPLE_RATE;
  const note = Math.floor(t / NOTE_SECONDS);
  const intoNote = t - note * NOTE_SECONDS;
  const fade = Math.min(1, intoNote / FADE_SECONDS, (NOTE_SECONDS - intoNote) / FADE_SECONDS);
  const frequency = notes[note % notes.length]!;
  return Math.round(0.3 * 32_767 * fade * Math.sin(2 * Math.PI * frequency * t));
}

/** PCM bytes for samples `first..last` (inclusive). */
function* samples(notes: readonly number[], first: number, last: number): Generator<Buffer> {
  for (let from = first; from <= last; from += SAMPLES_PER_PIECE) {
    const to = Math.min(last, from + SAMPLES_PER_PIECE - 1);
    const piece = Buffer.alloc((to - from + 1) * BYTES_PER_SAMPLE);
    for (let i = from; i <= to; i++) piece.writeInt16LE(sampleAt(notes, i), (i - from) * BYTES_PER_SAMPLE);
    yield piece;
  }
}

export function wavAudio(name: string, seconds: number, version: number): Resource {
  const sampleCount = Math.round(seconds * SAMPLE_RATE);
  const head = header(sampleCount * BYTES_PER_SAMPLE);
  const notes = tune(`${name}:${version}`);
  return {
    size: HEADER_SIZE + sampleCount * BYTES_PER_SAMPLE,
    contentType: 'audio/wav',
    ...validators(`wav:${name}:${sampleCount}`, version),
    *read(start, endInclusive) {
      if (start < HEADER_SIZE) yield head.subarray(start, Math.min(endInclusive + 1, HEADER_SIZE));
      if (endInclusive < HEADER_SIZE) return;
      // A range may start or end inside a sample: produce whole samples, then trim the first and last piece.
      const dataStart = Math.max(start, HEADER_SIZE) - HEADER_SIZE;
      const dataEnd = endInclusive - HEADER_SIZE;
      const first = Math.floor(dataStart / BYTES_PER_SAMPLE);
      let skip = dataStart - first * BYTES_PER_SAMPLE;
      let remaining = dataEnd - dataStart + 1;
      for (const piece of samples(notes, first, Math.floor(dataEnd / BYTES_PER_SAMPLE))) {
        const bytes = piece.subarray(skip, skip + remaining);
        skip = 0;
        remaining -= bytes.length;
        yield bytes;
      }
    },
  };
}
