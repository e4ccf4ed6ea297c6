/**
 * The `accept` option of a fetch: a cheap check that each answer is the kind of file the app asked for. Dev servers
 * and single-page apps answer a mistyped URL with their `index.html` (200, `text/html`), which would otherwise be
 * stored as the episode. It looks at the answer's `Content-Type` and size only; `integrity` is the strong form (it
 * proves the exact bytes), this one catches the common wrong answer without knowing the file in advance.
 */
export interface AcceptedResponses {
  /**
   * Media types an answer may have, `type/subtype` or `type/*` (e.g. `['audio/*', 'image/png']`); parameters
   * (`; charset=…`) are ignored. An answer without `Content-Type` is refused.
   */
  contentTypes?: readonly string[];
  /** The fewest body bytes an answer may have. */
  minBytes?: number;
}

const MEDIA_RANGE = /^(\*\/\*|[a-z0-9!#$&^_.+-]+\/(\*|[a-z0-9!#$&^_.+-]+))$/;

/** Checks and normalises `options.accept` (lowercase types); a `TypeError` names what is wrong. */
export function validateAccept(value: unknown): AcceptedResponses | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`bgfetch: options.accept must be an object, got ${String(value)}`);
  }
  const { contentTypes, minBytes, ...unknown } = value as Record<string, unknown>;
  const extra = Object.keys(unknown);
  if (extra.length > 0) {
    throw new TypeError(
      `bgfetch: options.accept takes contentTypes and minBytes, not ${extra.map((key) => JSON.stringify(key)).join(', ')}`,
    );
  }
  const accepted: AcceptedResponses = {};
  if (contentTypes !== undefined) {
    if (!Array.isArray(contentTypes) || contentTypes.length === 0) {
      throw new TypeError('bgfetch: options.accept.contentTypes must be a non-empty list of media types');
    }
    accepted.contentTypes = contentTypes.map((type: unknown) => {
      const normal = typeof type === 'string' ? type.trim().toLowerCase() : '';
      if (!MEDIA_RANGE.test(normal)) {
        throw new TypeError(
          `bgfetch: options.accept.contentTypes has ${JSON.stringify(type)}: not a media type like "audio/mpeg" or "audio/*"`,
        );
      }
      return normal;
    });
  }
  if (minBytes !== undefined) {
    if (typeof minBytes !== 'number' || !Number.isSafeInteger(minBytes) || minBytes < 0) {
      throw new TypeError(
        `bgfetch: options.accept.minBytes must be a non-negative whole number of bytes, got ${String(minBytes)}`,
      );
    }
    accepted.minBytes = minBytes;
  }
  return accepted;
}

/**
 * Why an answer's head is refused, or `undefined` when it may be stored: its `Content-Type`, and its length when
 * the head tells it (`length`: the whole body's, `null` when unknown; the body's end is checked by `unacceptedSize`).
 */
export function unacceptedHead(
  accept: AcceptedResponses | undefined,
  contentType: string | null,
  length: number | null,
): string | undefined {
  if (accept === undefined) return undefined;
  const { contentTypes } = accept;
  if (contentTypes !== undefined) {
    const type = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
    if (!contentTypes.some((range) => matches(range, type))) {
      const got = type === '' ? 'no Content-Type' : `Content-Type ${type}`;
      return `the answer has ${got}, not one of accept.contentTypes (${contentTypes.join(', ')})`;
    }
  }
  return length === null ? undefined : unacceptedSize(accept, length);
}

/** Why a body of `bytes` bytes is refused (fewer than `minBytes`), or `undefined`. */
export function unacceptedSize(accept: AcceptedResponses | undefined, bytes: number): string | undefined {
  const minBytes = accept?.minBytes;
  if (minBytes === undefined || bytes >= minBytes) return undefined;
  return `the answer has ${bytes} bytes, fewer than accept.minBytes (${minBytes})`;
}

function matches(range: string, type: string): boolean {
  if (type === '') return false;
  if (range === '*/*') return true;
  return range.endsWith('/*') ? type.startsWith(range.slice(0, -1)) : type === range;
}
