import { describe, expect, it } from 'vitest';
import { unacceptedHead, unacceptedSize, validateAccept } from './accept.js';

describe('validateAccept', () => {
  it('normalises media types and keeps minBytes', () => {
    expect(validateAccept(undefined)).toBeUndefined();
    expect(validateAccept({ contentTypes: [' Audio/* ', 'image/png'], minBytes: 0 })).toEqual({
      contentTypes: ['audio/*', 'image/png'],
      minBytes: 0,
    });
    expect(validateAccept({})).toEqual({});
  });

  it.each([
    ['not an object', 'audio/*'],
    ['a list', ['audio/*']],
    ['unknown keys', { contentType: ['audio/*'] }],
    ['an empty list', { contentTypes: [] }],
    ['a bare type', { contentTypes: ['audio'] }],
    ['a non-string type', { contentTypes: [1] }],
    ['a wildcard type with a subtype', { contentTypes: ['*/mpeg'] }],
    ['a negative minBytes', { minBytes: -1 }],
    ['a fractional minBytes', { minBytes: 1.5 }],
    ['a string minBytes', { minBytes: '10' }],
  ])('refuses %s with a TypeError', (_, value) => {
    expect(() => validateAccept(value)).toThrow(TypeError);
  });
});

describe('unacceptedHead', () => {
  const audio = { contentTypes: ['audio/*', 'image/png'], minBytes: 100 };

  it('accepts matching types, ignoring parameters and case', () => {
    expect(unacceptedHead(audio, 'audio/mpeg', 1000)).toBeUndefined();
    expect(unacceptedHead(audio, 'Image/PNG; charset=binary', null)).toBeUndefined();
    expect(unacceptedHead({ contentTypes: ['*/*'] }, 'text/html', null)).toBeUndefined();
    expect(unacceptedHead(undefined, 'text/html', 1)).toBeUndefined();
  });

  it('names what is wrong: another type, none, too few bytes', () => {
    expect(unacceptedHead(audio, 'text/html; charset=utf-8', 1000)).toBe(
      'the answer has Content-Type text/html, not one of accept.contentTypes (audio/*, image/png)',
    );
    expect(unacceptedHead(audio, null, 1000)).toMatch(/no Content-Type/);
    expect(unacceptedHead(audio, 'audio/mpeg', 99)).toBe(
      'the answer has 99 bytes, fewer than accept.minBytes (100)',
    );
    expect(unacceptedSize({ minBytes: 100 }, 100)).toBeUndefined();
  });
});
