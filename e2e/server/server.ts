import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendBody } from './body';
import { decodePath, isResourcePath, type ResourceTarget, resolveResource } from './catalog';
import { applyControl, sendLog, sendSha256 } from './control';
import { allowCors, answerPreflight } from './cors';
import { receive } from './echo';
import { HttpError } from './http-error';
import { knobsFromQuery } from './knobs';
import { contentRange, isOpenEnded, requestedRange } from './range';
import { reply, replyJson } from './reply';
import { type RequestPlan, type ResponseTally, Scope } from './scope';
import { staticFiles } from './static';
import type { MediaServer, MediaServerOptions } from './types';
import { pause } from './waits';

export type * from './types';

/** Requests without a `/t/<scope>` prefix belong to this scope. */
export const DEFAULT_SCOPE = 'default';

const CONTROL_PATH = /^\/__(log|control)\/([^/]+)$/;
const SCOPED_PATH = /^\/t\/([^/]+)(\/.*)$/;
const SHA256_PREFIX = '/__sha256/';

/** Starts the media server (see types.ts for its URLs) on loopback. */
export async function startMediaServer(options: MediaServerOptions = {}): Promise<MediaServer> {
  const host = options.host ?? '127.0.0.1';
  const serveStatic = staticFiles(options.static ?? {});
  const scopes = new Map<string, Scope>();
  let origin = '';
  let offline = false;

  function scope(name: string): Scope {
    let found = scopes.get(name);
    if (!found) {
      found = new Scope(name, origin);
      scopes.set(name, found);
    }
    return found;
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Joined, not resolved against the origin: `//x` must stay a path, not become a host.
    const { pathname, searchParams: query } = new URL(`${origin}${req.url ?? '/'}`);
    const endpoint = CONTROL_PATH.exec(pathname);
    if (endpoint) {
      const target = scope(decodePath(endpoint[2]!));
      return endpoint[1] === 'log' ? sendLog(res, target, query) : applyControl(req, res, target);
    }
    const scoped = SCOPED_PATH.exec(pathname);
    const owner = scope(scoped ? decodePath(scoped[1]!) : DEFAULT_SCOPE);
    const rest = scoped ? scoped[2]! : pathname;
    if (offline) {
      // A scope's request is still logged (status 0, incomplete), so a test can tell it was tried.
      if (scoped || isResourcePath(rest) || rest.endsWith('/echo')) owner.track(req, res);
      res.statusCode = 0;
      res.destroy();
      return;
    }
    if (rest.startsWith(SHA256_PREFIX))
      return sendSha256(res, owner, rest.slice(SHA256_PREFIX.length), query);
    const isEcho = rest.endsWith('/echo');
    if (!scoped && !isEcho && !isResourcePath(rest)) {
      if (!(await serveStatic(req, res, pathname))) throw new HttpError(404, `nothing at ${pathname}`);
      return;
    }
    // From here on the request is the scope's: logged whatever happens, errors included.
    const tally = owner.track(req, res);
    const gone = new AbortController();
    res.once('close', () => gone.abort());
    try {
      if (isEcho) await echo(req, res, owner, rest.slice(1), query, tally, gone.signal);
      else await serveResource(req, res, owner, resolveResource(rest, query), query, tally, gone.signal);
    } catch (error) {
      fail(res, error, tally);
    }
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => fail(res, error));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  origin = `http://${host}:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    scope,
    setOffline(value) {
      offline = value;
      // Connections kept alive (and responses under way) would otherwise outlive the switch.
      if (offline) server.closeAllConnections();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive connections and stalled responses would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}

async function serveResource(
  req: IncomingMessage,
  res: ServerResponse,
  scope: Scope,
  target: ResourceTarget,
  query: URLSearchParams,
  tally: ResponseTally,
  gone: AbortSignal,
): Promise<void> {
  const queryKnobs = knobsFromQuery(query);
  if (req.method === 'OPTIONS') return answerPreflight(res, scope.knobs(target.key, queryKnobs).cors);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD, OPTIONS');
    throw new HttpError(405, `${req.method} is not served here`);
  }
  const plan = scope.plan(target.key, queryKnobs);
  if (!(await answeredBeforeBody(res, plan, tally, gone))) return;
  const resource = target.at(plan.version);
  const { ignoreRange, noValidators } = plan.knobs;
  res.setHeader('Content-Type', resource.contentType);
  // A server that ignores Range says so; the kit must cope with a 200 either way.
  res.setHeader('Accept-Ranges', ignoreRange ? 'none' : 'bytes');
  if (!noValidators) {
    res.setHeader('ETag', resource.etag);
    res.setHeader('Last-Modified', resource.lastModified.toUTCString());
  }
  // The browser's HTTP cache must not answer in the server's place: every fetch has to reach the log.
  res.setHeader('Cache-Control', 'no-store');
  const ifRange = req.headers['if-range'];
  const range = ignoreRange
    ? { kind: 'whole' as const }
    : requestedRange(
        req.headers.range,
        typeof ifRange === 'string' ? ifRange : undefined,
        resource.size,
        resource,
      );
  if (range.kind === 'unsatisfiable') {
    res.writeHead(416, { 'Content-Range': `bytes */${resource.size}`, 'Content-Length': 0 }).end();
    return;
  }
  const { rangeShift = 0, rangeCap, chunked } = plan.knobs;
  const [start, end] =
    range.kind === 'partial' ? [Math.max(0, range.start - rangeShift), range.end] : [0, resource.size - 1];
  const capped = range.kind === 'partial' && isOpenEnded(req.headers.range) && rangeCap !== undefined;
  const last = capped ? Math.min(end, start + rangeCap - 1) : end;
  if (range.kind === 'partial') res.setHeader('Content-Range', contentRange(start, last, resource.size));
  // Node sends a body without Content-Length with chunked transfer coding.
  const length = chunked && range.kind === 'whole' ? {} : { 'Content-Length': last - start + 1 };
  res.writeHead(range.kind === 'partial' ? 206 : 200, length);
  if (req.method === 'HEAD' || last < start) {
    res.end();
    return;
  }
  const { throttle, stallAt, stallMs } = plan.knobs;
  const { cutAfter, markCut, mayCut } = plan;
  const faults = { throttle, cutAfter, stallAt, stallMs, onCut: markCut, mayCut };
  await sendBody(res, resource.read(start, last), faults, tally, gone);
}

/** `…/echo`: takes an upload and says what arrived; subject to the `delayMs`, `status` and `cors` knobs. */
async function echo(
  req: IncomingMessage,
  res: ServerResponse,
  scope: Scope,
  key: string,
  query: URLSearchParams,
  tally: ResponseTally,
  gone: AbortSignal,
): Promise<void> {
  const queryKnobs = knobsFromQuery(query);
  if (req.method === 'OPTIONS') return answerPreflight(res, scope.knobs(key, queryKnobs).cors);
  // Read the whole upload first: an injected failure must reach a client that is still sending, not reset it.
  const received = await receive(req, tally);
  const plan = scope.plan(key, queryKnobs);
  if (await answeredBeforeBody(res, plan, tally, gone)) replyJson(res, 200, received, tally);
}

/**
 * The knobs that act before a body: `delayMs`, then `cors`, then an injected `status`. Says whether the request
 * still wants its real answer.
 */
async function answeredBeforeBody(
  res: ServerResponse,
  plan: RequestPlan,
  tally: ResponseTally,
  gone: AbortSignal,
): Promise<boolean> {
  const { delayMs, cors } = plan.knobs;
  if (delayMs) await pause(delayMs, gone);
  if (gone.aborted) return false;
  if (cors) allowCors(res);
  if (plan.failWith === undefined) return true;
  reply(res, plan.failWith, `injected status ${plan.failWith}\n`, undefined, tally);
  return false;
}

/** Turns an error into a response: its status for an `HttpError`, else 500; a body already begun is cut. */
function fail(res: ServerResponse, error: unknown, tally?: ResponseTally): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (error instanceof HttpError) {
    reply(res, error.status, `${error.message}\n`, undefined, tally);
    return;
  }
  console.error('media server:', error);
  reply(res, 500, `${error instanceof Error ? error.message : String(error)}\n`, undefined, tally);
}
