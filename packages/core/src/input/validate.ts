import { NETWORK_POLICIES, type NetworkPolicy } from '../client/network-policy.js';
import { DEFAULT_PRIORITY, FETCH_PRIORITIES, type FetchPriority } from '../client/priority.js';
import type { BackgroundFetchOptions, ImageResource } from '../spec/spec-types.js';
import { type AcceptedResponses, validateAccept } from './accept.js';
import { hasBadPort } from './bad-ports.js';

/**
 * Input checks for `fetch(id, requests, options)`, the same for every engine (conformance rules 2, 3 and 7).
 * Pure: the page's base URL is an argument, so the fallback worker and a page-side polyfill reuse them as is.
 * Each check throws the spec's `TypeError` with a message naming the problem and the offending value.
 * Not checked here: CSP `connect-src` (it needs the page: the fallback engine checks it, page-policy.ts, and the
 * browser checks its own Background Fetch) and a duplicate active id (that needs the store: see the client).
 */

/** What the kit accepts as one request: the spec's `RequestInfo`, plus `URL`. */
export type FetchRequestInput = string | URL | Request;

/** The spec's options of a fetch, and the kit's own: `accept` checks each answer (accept.ts). */
export interface FetchOptions extends BackgroundFetchOptions {
  accept?: AcceptedResponses;
  /** Where the fetch waits in the origin's queue (`'normal'` by default), for engines that have one. */
  priority?: FetchPriority;
  /**
   * Connections per large request, each fetching a byte range of it (`'auto'` by default: more while that helps),
   * for engines that can (`capabilities.connections`).
   */
  connections?: FetchConnections;
  /** `'unmetered'`: download only off cellular and save-data connections, where the engine can tell (`'any'` by default). */
  network?: NetworkPolicy;
  /** At most this many bytes a second for this fetch, where the engine can hold it (`capabilities.bandwidthCap`). */
  maxBytesPerSecond?: number;
}

/** `'auto'`, or a whole number of connections from 1 to `MAX_CONNECTIONS`. */
export type FetchConnections = 'auto' | number;

export const MAX_CONNECTIONS = 16;

/** A fetch that passed validation: what an engine's `start` gets. */
export interface ValidatedFetch {
  id: string;
  requests: Request[];
  options: NormalizedFetchOptions;
}

export interface NormalizedFetchOptions {
  title: string;
  icons: ImageResource[];
  downloadTotal: number;
  accept?: AcceptedResponses;
  priority: FetchPriority;
  connections: FetchConnections;
  /** Present only when it is not the default `'any'`. */
  network?: 'unmetered';
  maxBytesPerSecond?: number;
}

export function validateId(id: unknown): string {
  if (typeof id !== 'string' || id === '') {
    throw new TypeError(`bgfetch: the id must be a non-empty string, got ${describe(id)}`);
  }
  // A lone surrogate (a title cut mid-emoji) cannot be encoded into storage keys or URLs (URIError): refused here,
  // before anything is stored, rather than leave a job no code can settle.
  if (LONE_SURROGATE.test(id)) {
    throw new TypeError(
      `bgfetch: the id must be a well-formed string, got ${describe(id)} (a lone surrogate)`,
    );
  }
  return id;
}

/** With the `u` flag a surrogate pair is one code point: only an unpaired surrogate is of category Cs. */
const LONE_SURROGATE = /\p{Cs}/u;

export function validateFetch(
  id: unknown,
  requests: unknown,
  options: FetchOptions | undefined,
  baseUrl: string | undefined,
): ValidatedFetch {
  return {
    id: validateId(id),
    requests: validateRequests(requests, baseUrl),
    options: validateOptions(options),
  };
}

/**
 * Turns the input into `Request`s, rejecting any request the spec refuses. A `Request` given by the caller is
 * passed on as the same object: copying one with a body would consume the caller's body.
 */
export function validateRequests(requests: unknown, baseUrl: string | undefined): Request[] {
  const list = Array.isArray(requests) ? requests : [requests];
  if (list.length === 0) throw new TypeError('bgfetch: the request list is empty');
  return list.map((input, index) => {
    const where = list.length === 1 ? 'the request' : `request ${index + 1} of ${list.length}`;
    return validateRequest(input, where, baseUrl);
  });
}

function validateRequest(input: unknown, where: string, baseUrl: string | undefined): Request {
  if (!(typeof input === 'string' || input instanceof URL || input instanceof Request)) {
    throw new TypeError(`bgfetch: ${where} must be a string, URL or Request, got ${describe(input)}`);
  }
  if (typeof input === 'string' && /[\n\r\t]/.test(input) && input.includes('<')) {
    // The URL parser silently drops the newline, so this has to look at the raw string.
    throw new TypeError(
      `bgfetch: ${where} (${describe(input)}) looks like dangling markup (a newline and "<")`,
    );
  }
  const url = parseUrl(input, where, baseUrl);
  if (url.username !== '' || url.password !== '') {
    throw new TypeError(`bgfetch: ${where} (${redactCredentials(url)}) has credentials in its URL`);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new TypeError(
      `bgfetch: ${where} (${url.href}) uses http: on a non-loopback host (mixed content); use https:`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(
      `bgfetch: ${where} (${url.href}) has the scheme ${url.protocol}; only https: is allowed`,
    );
  }
  if (hasBadPort(url)) {
    throw new TypeError(`bgfetch: ${where} (${url.href}) targets the blocked port ${url.port}`);
  }
  if (input instanceof Request) {
    if (input.mode === 'no-cors') {
      throw new TypeError(
        `bgfetch: ${where} (${url.href}) has mode "no-cors", which background fetches refuse`,
      );
    }
    return input;
  }
  return new Request(url);
}

function parseUrl(input: string | URL | Request, where: string, baseUrl: string | undefined): URL {
  const href = input instanceof Request ? input.url : input;
  try {
    // `''` resolves to the page itself, as the spec's Request constructor does.
    return new URL(href, baseUrl);
  } catch {
    const base = baseUrl === undefined ? ' (there is no page URL to resolve it against)' : '';
    throw new TypeError(`bgfetch: ${where} (${describe(String(href))}) is not a valid URL${base}`);
  }
}

/** Loopback hosts are potentially trustworthy, so plain http: to them is allowed (conformance rule 3). */
function isLoopbackHost(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname.endsWith('.localhost') ||
    hostname === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
  );
}

/** Error messages end up in logs: never repeat a password. */
function redactCredentials(url: URL): string {
  const copy = new URL(url.href);
  if (copy.password !== '') copy.password = '***';
  return copy.href;
}

export function validateOptions(options: FetchOptions | undefined): NormalizedFetchOptions {
  if (options === undefined)
    return { title: '', icons: [], downloadTotal: 0, priority: DEFAULT_PRIORITY, connections: 'auto' };
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`bgfetch: options must be an object, got ${describe(options)}`);
  }
  const {
    title = '',
    icons = [],
    downloadTotal = 0,
    accept,
    priority = DEFAULT_PRIORITY,
    connections = 'auto',
    network = 'any',
    maxBytesPerSecond,
  } = options;
  if (typeof title !== 'string') {
    throw new TypeError(`bgfetch: options.title must be a string, got ${describe(title)}`);
  }
  if (!Array.isArray(icons) || !icons.every((icon) => typeof icon?.src === 'string')) {
    throw new TypeError(`bgfetch: options.icons must be a list of { src: string }, got ${describe(icons)}`);
  }
  if (!Number.isSafeInteger(downloadTotal) || downloadTotal < 0) {
    throw new TypeError(
      `bgfetch: options.downloadTotal must be a non-negative whole number of bytes, got ${describe(downloadTotal)}`,
    );
  }
  const accepted = validateAccept(accept);
  if (!(NETWORK_POLICIES as readonly unknown[]).includes(network)) {
    throw new TypeError(`bgfetch: options.network must be 'any' or 'unmetered', got ${describe(network)}`);
  }
  return {
    title,
    icons,
    downloadTotal,
    priority: validatePriority(priority, 'options.priority'),
    connections: validateConnections(connections),
    ...(accepted === undefined ? {} : { accept: accepted }),
    ...(network === 'unmetered' ? { network } : {}),
    ...(maxBytesPerSecond === undefined
      ? {}
      : { maxBytesPerSecond: validateBytesPerSecond(maxBytesPerSecond, 'options.maxBytesPerSecond') }),
  };
}

/** `value` as a bandwidth cap, or a `TypeError` naming `what`: a positive whole number of bytes a second. */
export function validateBytesPerSecond(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw new TypeError(
      `bgfetch: ${what} must be a positive whole number of bytes a second, got ${describe(value)}`,
    );
  }
  return value;
}

/** `value` as a priority, or a `TypeError` naming `what` (the option, or `setPriority`'s argument). */
export function validatePriority(value: unknown, what: string): FetchPriority {
  if (!(FETCH_PRIORITIES as readonly unknown[]).includes(value)) {
    throw new TypeError(`bgfetch: ${what} must be 'high', 'normal' or 'low', got ${describe(value)}`);
  }
  return value as FetchPriority;
}

function validateConnections(value: unknown): FetchConnections {
  if (value === 'auto') return value;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_CONNECTIONS)
    return value;
  throw new TypeError(
    `bgfetch: options.connections must be 'auto' or a whole number from 1 to ${MAX_CONNECTIONS}, got ${describe(value)}`,
  );
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (value === null || typeof value !== 'object') return String(value);
  return `an object (${value.constructor?.name ?? 'Object'})`;
}
