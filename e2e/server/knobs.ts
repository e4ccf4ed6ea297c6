import { HttpError } from './http-error';
import type { Knobs } from './types';

/** Fault knobs as they travel: in a query string (`?throttle=1000&cors=1`) or a `/__control` JSON body. */

type Parse = (text: string) => Knobs[keyof Knobs] | undefined;

const count: Parse = (text) => (/^\d+$/.test(text) ? Number(text) : undefined);
const positive: Parse = (text) => (/^[1-9]\d*$/.test(text) ? Number(text) : undefined);
const FLAGS: Record<string, boolean> = { '1': true, true: true, '0': false, false: false };
const flag: Parse = (text) => FLAGS[text];
const status: Parse = (text) => (/^[1-5]\d\d$/.test(text) ? Number(text) : undefined);
const cutMode: Parse = (text) => (text === 'once' || text === 'always' ? text : undefined);

const PARSERS: Record<keyof Knobs, Parse> = {
  throttle: positive,
  cutAfter: count,
  cutMode,
  ignoreRange: flag,
  rangeShift: positive,
  chunked: flag,
  rangeCap: positive,
  changeEtag: flag,
  noValidators: flag,
  status,
  failTimes: count,
  delayMs: count,
  stallAt: count,
  stallMs: count,
  cors: flag,
};

function isKnobName(name: string): name is keyof Knobs {
  return Object.hasOwn(PARSERS, name);
}

/**
 * The knobs among query parameters. Other parameters (`size`, `seconds`) are not knobs and are skipped; a knob
 * with a value it cannot take is a 400, so a typo fails the test that made it instead of passing silently.
 */
export function knobsFromQuery(params: URLSearchParams): Knobs {
  const knobs: Record<string, Knobs[keyof Knobs]> = {};
  for (const [name, text] of params) {
    if (!isKnobName(name)) continue;
    const value = PARSERS[name](text);
    if (value === undefined) throw new HttpError(400, `bad value for knob ${name}: ${JSON.stringify(text)}`);
    knobs[name] = value;
  }
  return knobs as Knobs;
}

/** The knobs of a `/__control` command: the same rules as the query string, and an unknown name is a 400. */
export function knobsFromJson(value: unknown): Knobs {
  if (typeof value !== 'object' || value === null) throw new HttpError(400, 'knobs must be an object');
  const params = new URLSearchParams();
  for (const [name, item] of Object.entries(value)) {
    if (!isKnobName(name)) throw new HttpError(400, `unknown knob ${name}`);
    params.set(name, String(item));
  }
  return knobsFromQuery(params);
}

/** The query-string form of `knobs`, for building URLs (booleans as `1`/`0`). */
export function knobsToQuery(knobs: Knobs): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(knobs)) {
    if (value !== undefined)
      params.set(name, typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
  }
  return params;
}
