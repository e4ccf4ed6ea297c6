import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration } from './format-bytes.js';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1, '1 B'],
    [999, '999 B'],
    [1000, '1 kB'],
    [1234, '1.2 kB'],
    [12_300_000, '12.3 MB'],
    [60_000_000, '60 MB'],
    [999_949, '999.9 kB'],
    [999_950, '1 MB'],
    [1_500_000_000, '1.5 GB'],
    [2 ** 53, '9 PB'],
    [5e18, '5000 PB'],
  ])('formats %d bytes as %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it('writes the number for a locale, the SI symbol unchanged', () => {
    expect(formatBytes(12_345_678, 'de')).toBe('12,3 MB');
    expect(formatBytes(999, 'fr')).toBe('999 B');
  });

  it('writes a time left in the largest whole unit that fits, for a locale', () => {
    expect(formatDuration(25)).toBe('25 sec');
    expect(formatDuration(600)).toBe('10 min');
    expect(formatDuration(7200)).toBe('2 hr');
    expect(formatDuration(25, 'fr')).toBe('25\u202Fs');
  });

  it('rounds fractional bytes below 1 kB', () => {
    expect(formatBytes(12.6)).toBe('13 B');
    expect(formatBytes(999.7)).toBe('1 kB');
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('rejects %d', (bytes) => {
    expect(() => formatBytes(bytes)).toThrow(RangeError);
  });
});
