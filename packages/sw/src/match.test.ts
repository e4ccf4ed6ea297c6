import { describe, expect, it } from 'vitest';
import { requestMatches } from './match.js';

const get = (url: string) => ({ url, method: 'GET' });

describe('requestMatches', () => {
  it('compares URLs without the fragment', () => {
    expect(requestMatches(get('https://a.test/x.mp3#t=1'), get('https://a.test/x.mp3'))).toBe(true);
    expect(requestMatches(get('https://a.test/x.mp3'), get('https://a.test/y.mp3'))).toBe(false);
  });

  it('honours ignoreSearch', () => {
    const stored = get('https://a.test/x.mp3?v=2');
    expect(requestMatches(get('https://a.test/x.mp3?v=1'), stored)).toBe(false);
    expect(requestMatches(get('https://a.test/x.mp3?v=1'), stored, { ignoreSearch: true })).toBe(true);
  });

  it('matches a non-GET query only with ignoreMethod', () => {
    const post = { url: 'https://a.test/echo', method: 'POST' };
    expect(requestMatches(post, post)).toBe(false);
    expect(requestMatches(post, post, { ignoreMethod: true })).toBe(true);
    expect(requestMatches(get('https://a.test/echo'), post)).toBe(true);
  });
});
