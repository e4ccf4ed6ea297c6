import type { ServerResponse } from 'node:http';

/** The `cors` knob: what a page on another origin needs to read a (ranged) response and to send an upload. */

const EXPOSED = 'Content-Range, Content-Length, ETag, Last-Modified, Accept-Ranges';
const METHODS = 'GET, HEAD, POST, PUT';
const REQUEST_HEADERS = 'Range, If-Range, Content-Type';

export function allowCors(res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Expose-Headers', EXPOSED);
}

/** Answers an OPTIONS request; without `cors` it says what methods exist and grants nothing, as a plain server. */
export function answerPreflight(res: ServerResponse, cors: boolean | undefined): void {
  if (cors) {
    allowCors(res);
    res.setHeader('Access-Control-Allow-Methods', METHODS);
    res.setHeader('Access-Control-Allow-Headers', REQUEST_HEADERS);
    // Not cached: a test that turns the knob off must see the next preflight fail.
    res.setHeader('Access-Control-Max-Age', '0');
  }
  res.setHeader('Allow', `OPTIONS, ${METHODS}`);
  res.writeHead(204).end();
}
