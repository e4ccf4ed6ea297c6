import type { IncomingMessage, ServerResponse } from 'node:http';
import { sha256Of } from './digest';
import { generatedFile } from './generated-file';
import { knobsToQuery } from './knobs';
import type { FileRef, Knobs, LogEntry, TestScope } from './types';

/**
 * A test's own corner of the server: its request log, the knobs and versions of its files, and the counters that
 * make knobs like `failTimes` and `cutMode: 'once'` stateful. Requests without `/t/<scope>` use the scope named
 * `default`.
 */

interface FileState {
  version: number;
  knobs: Knobs;
  /** Requests seen since the knobs were set: `changeEtag` bumps on every one after the first. */
  requests: number;
  /** Injected failures served, against `failTimes`. */
  failures: number;
  /** A response was cut: `cutMode: 'once'` cuts no more. */
  cut: boolean;
}

/** What the server does with one request for a file, given the file's knobs and history in this scope. */
export interface RequestPlan {
  knobs: Knobs;
  version: number;
  /** The injected status to answer with instead of the file, if any. */
  failWith: number | undefined;
  /** Cut after this many body bytes, if this response is one to cut. */
  cutAfter: number | undefined;
  /** Called when the response was cut, so `'once'` means once. */
  markCut(): void;
  /**
   * Whether the response may be cut now that it reached `cutAfter`: with `'once'`, not when another one begun at
   * the same time was cut first (connections of one download running at once).
   */
  mayCut(): boolean;
}

/** Counts a response's body bytes as the server writes them (and an upload's as it reads them), for the log. */
export interface ResponseTally {
  bytesSent: number;
  /** `LogEntry.sends`. */
  sends: [at: number, bytes: number][];
  bytesReceived: number;
  /** The server cut or abandoned the body on purpose. */
  incomplete: boolean;
}

export class Scope implements TestScope {
  readonly base: string;
  private readonly entries: LogEntry[] = [];
  private readonly files = new Map<string, FileState>();
  /** Bumped by `reset()`, so a response still in flight from before does not land in the fresh log. */
  private generation = 0;
  private inFlight = 0;
  private idleWaiters: Array<() => void> = [];

  constructor(
    readonly name: string,
    origin: string,
  ) {
    this.base = `${origin}/t/${encodeURIComponent(name)}`;
  }

  fileUrl(file: FileRef, knobs: Knobs = {}): string {
    const query = knobsToQuery(knobs);
    query.set('size', String(file.size));
    return `${this.base}/files/${encodeURIComponent(file.name)}?${query}`;
  }

  /** Replaces the file's knobs and restarts its counters (`failTimes`, `cutMode: 'once'`, `changeEtag`). */
  setKnobs(file: string, knobs: Knobs): void {
    Object.assign(this.state(file), { knobs: { ...knobs }, requests: 0, failures: 0, cut: false });
  }

  bumpVersion(file: string): void {
    this.state(file).version++;
  }

  version(file: string): number {
    return this.files.get(file)?.version ?? 1;
  }

  sha256(file: FileRef, version = this.version(file.name)): Promise<string> {
    return sha256Of(generatedFile(file.name, file.size, version));
  }

  log(): LogEntry[] {
    return this.entries.map((entry) => ({ ...entry }));
  }

  /** The log once no response of this scope is in flight (one stalled forever keeps it waiting). */
  settled(): Promise<LogEntry[]> {
    if (this.inFlight === 0) return Promise.resolve(this.log());
    return new Promise((resolve) => this.idleWaiters.push(() => resolve(this.log())));
  }

  reset(): void {
    this.entries.length = 0;
    this.files.clear();
    this.generation++;
  }

  /** Decides how to answer a request for `file`, with `queryKnobs` overriding the file's knobs key by key. */
  plan(file: string, queryKnobs: Knobs): RequestPlan {
    const state = this.state(file);
    const knobs = this.knobs(file, queryKnobs);
    state.requests++;
    if (knobs.changeEtag && state.requests > 1) state.version++;
    let failWith: number | undefined;
    if (knobs.status !== undefined && (knobs.failTimes === undefined || state.failures < knobs.failTimes)) {
      state.failures++;
      failWith = knobs.status;
    }
    const cutNow = knobs.cutMode === 'always' || !state.cut;
    return {
      knobs,
      version: state.version,
      failWith,
      cutAfter: cutNow ? knobs.cutAfter : undefined,
      markCut: () => {
        state.cut = true;
      },
      mayCut: () => knobs.cutMode === 'always' || !state.cut,
    };
  }

  /** The knobs in force for a request: the file's, overridden key by key by the request's query. */
  knobs(file: string, queryKnobs: Knobs): Knobs {
    return { ...this.files.get(file)?.knobs, ...queryKnobs };
  }

  /** Logs the response when it ends: completed, cut, or abandoned by the client. */
  track(req: IncomingMessage, res: ServerResponse): ResponseTally {
    const tally: ResponseTally = { bytesSent: 0, sends: [], bytesReceived: 0, incomplete: false };
    const generation = this.generation;
    const startedAt = Date.now();
    this.inFlight++;
    let over = false;
    const ended = () => {
      // Both may fire, in one emit of the connection's 'close' (which closes the response): the first counts.
      if (over) return;
      over = true;
      socket.off('close', ended);
      res.off('close', ended);
      if (generation === this.generation) {
        this.entries.push({
          method: req.method ?? 'GET',
          url: req.url ?? '',
          range: req.headers.range ?? null,
          ifRange: headerValue(req.headers['if-range']),
          status: res.statusCode,
          bytesSent: tally.bytesSent,
          sends: tally.sends,
          bytesReceived: tally.bytesReceived,
          incomplete: tally.incomplete || !res.writableFinished,
          startedAt,
          endedAt: Date.now(),
        });
      }
      this.inFlight--;
      if (this.inFlight === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    };
    // A response queued behind the one before it on a keep-alive connection (the browser sent the next request as
    // soon as it had every byte, before that one ended here) never gets its own 'close' when the connection closes
    // first: Node gives it no socket. The connection's 'close' ends it then (a reload left one in flight for ever).
    const { socket } = req;
    res.once('close', ended);
    socket.once('close', ended);
    return tally;
  }

  private state(file: string): FileState {
    let state = this.files.get(file);
    if (!state) {
      state = { version: 1, knobs: {}, requests: 0, failures: 0, cut: false };
      this.files.set(file, state);
    }
    return state;
  }
}

function headerValue(value: string | string[] | undefined): string | null {
  return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
}
