import { describe, expect, it } from 'vitest';
import { ifRangeMatches, parseRange } from './range';

describe('parseRange', () => {
  it.each([
    ['bytes=0-99', 1000, { kind: 'partial', start: 0, end: 99 }],
    ['bytes=990-2000', 1000, { kind: 'partial', start: 990, end: 999 }],
    ['bytes=500-', 1000, { kind: 'partial', start: 500, end: 999 }],
    ['bytes=-100', 1000, { kind: 'partial', start: 900, end: 999 }],
    ['bytes=-5000', 1000, { kind: 'partial', start: 0, end: 999 }],
    ['BYTES = 1 - 2', 1000, { kind: 'partial', start: 1, end: 2 }],
    ['bytes=1000-', 1000, { kind: 'unsatisfiable' }],
    ['bytes=-0', 1000, { kind: 'unsatisfiable' }],
    ['bytes=0-', 0, { kind: 'unsatisfiable' }],
    ['bytes=5-1', 1000, { kind: 'whole' }],
    ['bytes=0-1,5-9', 1000, { kind: 'whole' }],
    ['items=0-1', 1000, { kind: 'whole' }],
    ['bytes=-', 1000, { kind: 'whole' }],
    [undefined, 1000, { kind: 'whole' }],
  ])('%s of %i bytes', (header, size, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });
});

describe('ifRangeMatches', () => {
  const lastModified = new Date('2024-01-01T01:00:00Z');
  it('matches the entity tag strongly only', () => {
    expect(ifRangeMatches('"abc"', '"abc"', lastModified)).toBe(true);
    expect(ifRangeMatches('"abd"', '"abc"', lastModified)).toBe(false);
    expect(ifRangeMatches('W/"abc"', '"abc"', lastModified)).toBe(false);
  });
  it('matches the date to the second', () => {
    expect(ifRangeMatches(lastModified.toUTCString(), '"abc"', lastModified)).toBe(true);
    expect(ifRangeMatches('Mon, 01 Jan 2024 00:00:00 GMT', '"abc"', lastModified)).toBe(false);
    expect(ifRangeMatches('not a date', '"abc"', lastModified)).toBe(false);
  });
});
