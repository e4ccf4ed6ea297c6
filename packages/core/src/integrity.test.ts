import { describe, expect, it } from 'vitest';
import { base64, expectedLength, normalizeBase64, sha256Expectations } from './integrity.js';

describe('sha256Expectations', () => {
  it('is undefined without sha256 metadata', () => {
    expect(sha256Expectations(undefined)).toBeUndefined();
    expect(sha256Expectations('')).toBeUndefined();
    expect(sha256Expectations('sha384-abc sha512-def')).toBeUndefined();
  });

  it('collects every sha256 token, without options or padding, base64url made standard', () => {
    expect(sha256Expectations('sha256-ab+/cd== sha384-x sha256-ef_-gh?ct=text/plain')).toEqual([
      'ab+/cd',
      'ef/+gh',
    ]);
    expect(sha256Expectations('SHA256-abc=')).toEqual(['abc']);
  });
});

describe('base64', () => {
  it('encodes unpadded standard base64', () => {
    expect(base64(new Uint8Array([0xfb, 0xff]))).toBe('+/8');
    expect(normalizeBase64('-_8=')).toBe('+/8');
  });
});

describe('expectedLength', () => {
  it('reads Content-Length', () => {
    expect(expectedLength(new Headers({ 'Content-Length': '1024' }))).toBe(1024);
    expect(expectedLength(new Headers())).toBeUndefined();
    expect(expectedLength(new Headers({ 'Content-Length': 'lots' }))).toBeUndefined();
  });

  it('does not check an encoded body, whose header counts the encoded bytes', () => {
    expect(
      expectedLength(new Headers({ 'Content-Length': '10', 'Content-Encoding': 'gzip' })),
    ).toBeUndefined();
    expect(expectedLength(new Headers({ 'Content-Length': '10', 'Content-Encoding': 'identity' }))).toBe(10);
  });
});
