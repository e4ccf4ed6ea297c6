import { describe, expect, it } from 'vitest';
import { base64, integrityExpectation, normalizeBase64 } from './sri.js';
import { expectedLength } from './verify.js';

describe('integrityExpectation', () => {
  it('is undefined without metadata of a known algorithm', () => {
    expect(integrityExpectation(undefined)).toBeUndefined();
    expect(integrityExpectation('')).toBeUndefined();
    expect(integrityExpectation('md5-abc sha1-def not-metadata')).toBeUndefined();
  });

  it('collects every token of one algorithm, without options or padding, base64url made standard', () => {
    expect(integrityExpectation('sha256-ab+/cd== sha256-ef_-gh?ct=text/plain')).toEqual({
      algorithm: 'sha256',
      digests: ['ab+/cd', 'ef/+gh'],
    });
    expect(integrityExpectation('SHA256-abc=')).toEqual({ algorithm: 'sha256', digests: ['abc'] });
  });

  it('lets the strongest algorithm present decide, whatever the order of the tokens', () => {
    expect(integrityExpectation('sha512-z sha256-a sha384-b sha512-y')).toEqual({
      algorithm: 'sha512',
      digests: ['z', 'y'],
    });
    expect(integrityExpectation('sha256-a sha384-b')).toEqual({ algorithm: 'sha384', digests: ['b'] });
    expect(integrityExpectation('sha384-b md5-c')).toEqual({ algorithm: 'sha384', digests: ['b'] });
  });

  it('ignores tokens of unknown algorithms beside known ones', () => {
    expect(integrityExpectation('sha1-x sha256-a\tsha999-q')).toEqual({
      algorithm: 'sha256',
      digests: ['a'],
    });
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
