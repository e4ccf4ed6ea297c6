import { describe, expect, it } from 'vitest';
import { matchingRecords, requestMatches } from './request-matches.js';

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

  it('matches a non-GET query, or a non-GET record, only with ignoreMethod', () => {
    const post = { url: 'https://a.test/echo', method: 'POST' };
    expect(requestMatches(post, post)).toBe(false);
    expect(requestMatches(post, post, { ignoreMethod: true })).toBe(true);
    expect(requestMatches(get('https://a.test/echo'), post)).toBe(false);
    expect(requestMatches(get('https://a.test/echo'), post, { ignoreMethod: true })).toBe(true);
    expect(requestMatches(post, get('https://a.test/echo'))).toBe(false);
  });
});

describe('matchingRecords', () => {
  const records = [
    { request: get('https://a.test/x.mp3') },
    { request: { url: 'https://a.test/echo', method: 'POST' } },
    { request: { url: 'https://a.test/echo', method: 'POST' } },
    { request: get('https://a.test/x.mp3?v=2') },
  ];

  it('gives every position without a query, in request order', () => {
    expect(matchingRecords(records)).toEqual([0, 1, 2, 3]);
  });

  it('gives each matching position, so two POSTs to one URL are two records', () => {
    expect(matchingRecords(records, 'https://a.test/echo', { ignoreMethod: true })).toEqual([1, 2]);
    expect(matchingRecords(records, 'https://a.test/echo')).toEqual([]);
    expect(matchingRecords(records, new URL('https://a.test/x.mp3'), { ignoreSearch: true })).toEqual([0, 3]);
    expect(matchingRecords(records, new Request('https://a.test/x.mp3'))).toEqual([0]);
  });
});
