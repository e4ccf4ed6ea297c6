import { describe, expect, it } from 'vitest';
import { validateFetch, validateId, validateOptions, validateRequests } from './validate.js';

const page = 'https://app.example/episodes/';

describe('validateId', () => {
  it('accepts a non-empty string', () => {
    expect(validateId('episode-1')).toBe('episode-1');
  });

  it.each([[''], [undefined], [42], [null]])(
    'rejects %j with a TypeError (an empty id crashed Chromium)',
    (id) => {
      expect(() => validateId(id)).toThrow(TypeError);
    },
  );

  it.each([['ep\uD83D'], ['\uDC00ep'], ['a\uDE00\uD83Db']])('rejects %j: a lone surrogate', (id) => {
    expect(() => validateId(id)).toThrow(/a lone surrogate/);
  });

  it('accepts whole surrogate pairs and the names of Object.prototype members', () => {
    for (const id of ['ep\u{1F399}', '\uD83D\uDE00', 'constructor', '__proto__', 'toString']) {
      expect(validateId(id)).toBe(id);
    }
  });
});

describe('validateRequests: conformance rule 2 (refused)', () => {
  it('rejects an empty request list', () => {
    expect(() => validateRequests([], page)).toThrow(new TypeError('bgfetch: the request list is empty'));
  });

  it('rejects a no-cors request', () => {
    const request = new Request('https://cdn.example/a.mp3', { mode: 'no-cors' });
    expect(() => validateRequests([request], page)).toThrow(/mode "no-cors"/);
  });

  it.each([
    'https://user:pass@cdn.example/a.mp3',
    'https://user:@cdn.example/a.mp3',
    'https://:pass@cdn.example/a.mp3',
  ])('rejects credentials in %s, without repeating the password', (url) => {
    expect(() => validateRequests(url, page)).toThrow(TypeError);
    expect(() => validateRequests(url, page)).toThrow(/has credentials in its URL/);
    expect(() => validateRequests(url, page)).not.toThrow(/pass@/);
  });

  it('rejects a URL with a newline and "<" (dangling markup)', () => {
    expect(() => validateRequests('https://cdn.example/?\n<', page)).toThrow(/dangling markup/);
  });

  it('rejects non-loopback http: (mixed content) in any position of the list', () => {
    const list = ['https://cdn.example/a', 'https://cdn.example/b', 'http://cdn.example/c'];
    expect(() => validateRequests(list, page)).toThrow(
      new TypeError(
        'bgfetch: request 3 of 3 (http://cdn.example/c) uses http: on a non-loopback host (mixed content); use https:',
      ),
    );
  });

  it.each(['wss://cdn.example/a', 'file:///etc/passwd', 'data:text/plain,hi', 'unknown://cdn.example/a'])(
    'rejects the scheme of %s',
    (url) => {
      expect(() => validateRequests(url, page)).toThrow(/only https: is allowed/);
    },
  );

  it.each([587, 25, 6697, 10080])('rejects the blocked port %i', (port) => {
    expect(() => validateRequests(`https://cdn.example:${port}/a`, page)).toThrow(
      new RegExp(`targets the blocked port ${port}$`),
    );
  });

  it('rejects what is not a request, and a URL that does not parse', () => {
    expect(() => validateRequests([42], page)).toThrow(/must be a string, URL or Request, got 42/);
    expect(() => validateRequests('https://', page)).toThrow(/is not a valid URL/);
    expect(() => validateRequests('/a.mp3', undefined)).toThrow(/no page URL to resolve it against/);
  });
});

describe('validateRequests: conformance rule 3 (allowed)', () => {
  it.each([
    'https://cdn.example/a.mp3',
    'http://127.0.0.1:8080/a.mp3',
    'http://[::1]/a.mp3',
    'http://localhost/a.mp3',
    'https://cdn.example:80/a',
    'https://cdn.example:443/a',
    'https://cdn.example:8080/a',
  ])('accepts %s', (url) => {
    expect(validateRequests(url, page)[0]?.url).toBe(new URL(url).href);
  });

  it("resolves '' and relative URLs against the page", () => {
    expect(validateRequests(['', 'a.mp3'], page).map((request) => request.url)).toEqual([
      page,
      'https://app.example/episodes/a.mp3',
    ]);
  });

  it('accepts a URL object and keeps duplicate URLs as two requests', () => {
    const url = new URL('https://cdn.example/a.mp3');
    expect(validateRequests([url, url], page)).toHaveLength(2);
  });

  it('passes a Request with a body on as the same object, its body unread', () => {
    const upload = new Request('https://api.example/upload', { method: 'PUT', body: 'x'.repeat(10) });
    const [request] = validateRequests(upload, page);
    expect(request).toBe(upload);
    expect(request?.bodyUsed).toBe(false);
  });
});

describe('validateOptions', () => {
  it('fills in the spec defaults', () => {
    expect(validateOptions(undefined)).toEqual({
      title: '',
      icons: [],
      downloadTotal: 0,
      priority: 'normal',
      connections: 'auto',
    });
    expect(validateOptions({ title: 'Episode 1', downloadTotal: 1024 })).toEqual({
      title: 'Episode 1',
      icons: [],
      downloadTotal: 1024,
      priority: 'normal',
      connections: 'auto',
    });
  });

  it('keeps a priority and rejects anything else with a TypeError', () => {
    expect(validateOptions({ priority: 'high' }).priority).toBe('high');
    for (const priority of ['urgent', 'HIGH', 1, null]) {
      expect(() => validateOptions({ priority } as never)).toThrow(TypeError);
    }
    expect(() => validateOptions({ priority: 'urgent' } as never)).toThrow(
      /options.priority must be 'high', 'normal' or 'low', got "urgent"/,
    );
  });

  it('keeps connections from 1 to 16 or auto, and rejects anything else with a TypeError', () => {
    expect(validateOptions({ connections: 4 }).connections).toBe(4);
    expect(validateOptions({ connections: 1 }).connections).toBe(1);
    expect(validateOptions({ connections: 16 }).connections).toBe(16);
    expect(validateOptions({ connections: 'auto' }).connections).toBe('auto');
    for (const connections of [0, 17, 2.5, -1, Number.NaN, '4', 'AUTO', null]) {
      expect(() => validateOptions({ connections } as never)).toThrow(TypeError);
    }
    expect(() => validateOptions({ connections: 0 })).toThrow(
      /options.connections must be 'auto' or a whole number from 1 to 16, got 0/,
    );
  });

  it.each([-1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 2, '10'])(
    'rejects the downloadTotal %s',
    (downloadTotal) => {
      expect(() => validateOptions({ downloadTotal } as never)).toThrow(
        /downloadTotal must be a non-negative/,
      );
    },
  );

  it('keeps an unmetered network policy, leaves out the default, and rejects anything else with a TypeError', () => {
    expect(validateOptions({ network: 'unmetered' }).network).toBe('unmetered');
    expect(validateOptions({ network: 'any' })).not.toHaveProperty('network');
    for (const network of ['wifi', 'UNMETERED', true, null]) {
      expect(() => validateOptions({ network } as never)).toThrow(TypeError);
    }
    expect(() => validateOptions({ network: 'wifi' } as never)).toThrow(
      /options.network must be 'any' or 'unmetered', got "wifi"/,
    );
  });

  it('keeps a bandwidth cap of whole bytes a second and rejects anything else with a TypeError', () => {
    expect(validateOptions({ maxBytesPerSecond: 65_536 }).maxBytesPerSecond).toBe(65_536);
    expect(validateOptions({})).not.toHaveProperty('maxBytesPerSecond');
    for (const maxBytesPerSecond of [0, -1, 1.5, Number.POSITIVE_INFINITY, Number.NaN, '1000', null]) {
      expect(() => validateOptions({ maxBytesPerSecond } as never)).toThrow(TypeError);
    }
    expect(() => validateOptions({ maxBytesPerSecond: 0 })).toThrow(
      /options.maxBytesPerSecond must be a positive whole number of bytes a second, got 0/,
    );
  });

  it('rejects a title that is not a string and icons without src', () => {
    expect(() => validateOptions({ title: 5 } as never)).toThrow(/options.title must be a string, got 5/);
    expect(() => validateOptions({ icons: [{ sizes: '1x1' }] } as never)).toThrow(/options.icons/);
  });
});

describe('validateFetch', () => {
  it('checks the id first, so nothing else runs for a bad id', () => {
    expect(() => validateFetch('', 'wss://bad', { downloadTotal: -1 }, page)).toThrow(/the id must be/);
  });

  it('returns the normalised fetch', () => {
    const job = validateFetch('e1', 'a.mp3', { title: 'E1' }, page);
    expect(job.id).toBe('e1');
    expect(job.requests.map((request) => request.url)).toEqual(['https://app.example/episodes/a.mp3']);
    expect(job.options).toEqual({
      title: 'E1',
      icons: [],
      downloadTotal: 0,
      priority: 'normal',
      connections: 'auto',
    });
  });
});
