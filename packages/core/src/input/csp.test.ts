import { describe, expect, it } from 'vitest';
import { connectAllowed } from './csp.js';

const self = new URL('http://localhost:5173/app/');
const allowed = (policy: string | string[], url: string) =>
  connectAllowed(Array.isArray(policy) ? policy : [policy], new URL(url), self);

describe('connectAllowed', () => {
  it('allows everything without a policy, or without connect-src and default-src', () => {
    expect(allowed([], 'https://cdn.test/a')).toBe(true);
    expect(allowed("script-src 'self'", 'https://cdn.test/a')).toBe(true);
  });

  it("reads connect-src, else default-src; 'none' and an empty list allow nothing", () => {
    expect(allowed("default-src 'self'", 'https://cdn.test/a')).toBe(false);
    expect(allowed("default-src 'self'; connect-src *", 'https://cdn.test/a')).toBe(true);
    expect(allowed("connect-src 'none'", 'http://localhost:5173/a')).toBe(false);
    expect(allowed('connect-src', 'http://localhost:5173/a')).toBe(false);
  });

  it("'self' is the page's origin, and its https: upgrade on the default port", () => {
    expect(allowed("connect-src 'self'", 'http://localhost:5173/media/x')).toBe(true);
    expect(allowed("connect-src 'self'", 'http://localhost:5174/media/x')).toBe(false);
    expect(allowed("connect-src 'self'", 'http://127.0.0.1:5173/media/x')).toBe(false);
    const plain = new URL('http://a.test/');
    expect(connectAllowed(["connect-src 'self'"], new URL('https://a.test/x'), plain)).toBe(true);
  });

  it('matches schemes with their secure upgrade', () => {
    expect(allowed('connect-src https:', 'https://cdn.test/a')).toBe(true);
    expect(allowed('connect-src http:', 'https://cdn.test/a')).toBe(true);
    expect(allowed('connect-src https:', 'http://localhost:5173/a')).toBe(false);
  });

  it('matches hosts, wildcard subdomains, ports and paths', () => {
    expect(allowed('connect-src cdn.test', 'http://cdn.test/a')).toBe(true);
    expect(allowed('connect-src cdn.test', 'http://cdn.test:8080/a')).toBe(false);
    expect(allowed('connect-src *.cdn.test', 'https://eu.cdn.test/a')).toBe(true);
    expect(allowed('connect-src *.cdn.test', 'https://cdn.test/a')).toBe(false);
    expect(allowed('connect-src localhost:*', 'http://localhost:9999/a')).toBe(true);
    expect(allowed('connect-src http://localhost:5173', 'http://localhost:5173/a')).toBe(true);
    expect(allowed('connect-src https://cdn.test/media/', 'https://cdn.test/media/ep1.mp3')).toBe(true);
    expect(allowed('connect-src https://cdn.test/media/', 'https://cdn.test/other/ep1.mp3')).toBe(false);
    expect(allowed('connect-src https://cdn.test/a.mp3', 'https://cdn.test/a.mp3')).toBe(true);
    expect(allowed('connect-src https://cdn.test/a.mp3', 'https://cdn.test/b.mp3')).toBe(false);
  });

  it('needs every policy to allow it', () => {
    expect(allowed(['connect-src *', "connect-src 'self'"], 'https://cdn.test/a')).toBe(false);
  });

  it("ignores keywords that name no URL ('unsafe-inline', nonces)", () => {
    expect(allowed("connect-src 'unsafe-inline' 'nonce-abc'", 'http://localhost:5173/a')).toBe(false);
  });
});
