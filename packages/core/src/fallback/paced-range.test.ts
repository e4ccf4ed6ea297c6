import { describe, expect, it } from 'vitest';
import { boundedRange, pacedSpan } from './paced-range.js';

describe('pacedSpan', () => {
  it('is a quarter of a second of the cap', () => {
    expect(pacedSpan(4 * 1024 * 1024)).toBe(1024 * 1024);
    expect(pacedSpan(100_000)).toBe(25_000);
  });

  it('is never below 16 KiB, however low the cap', () => {
    expect(pacedSpan(1000)).toBe(16 * 1024);
  });
});

describe('boundedRange', () => {
  it('names the span’s first and last byte (inclusive)', () => {
    expect(boundedRange(0, 10)).toBe('bytes=0-9');
    expect(boundedRange(1000, 24)).toBe('bytes=1000-1023');
  });
});
