import { type AddressInfo, connect, createServer, type Socket } from 'node:net';

/**
 * A TCP proxy on loopback in front of one upstream port (nginx), that cuts connections: after N bytes sent to the
 * client, or on demand. It knows nothing of HTTP: it counts the bytes of the answer stream, head included, so the
 * browser sees the server close the connection mid-body, as a dropped network or a restarted server would do.
 */

/** What to do with the next piece of the answer stream of one connection. */
export interface CutDecision {
  /** Bytes of the piece to pass on. */
  forward: number;
  /** Close the connection once they are passed on. */
  cut: boolean;
}

/**
 * The one armed cut, shared by every connection of a proxy: `arm(n)` cuts the first connection that passes on `n`
 * bytes counted from the moment of arming, right after those bytes, and then disarms (once, as the media server's
 * `cutMode: 'once'`). Connections idle at arming time (a kept-alive page load) count from zero too.
 */
export class CutSwitch {
  private armed: { bytes: number; generation: number } | undefined;
  private generation = 0;

  arm(bytes: number): void {
    if (!Number.isSafeInteger(bytes) || bytes < 0) throw new Error(`cut after ${bytes} bytes?`);
    this.generation++;
    this.armed = { bytes, generation: this.generation };
  }

  disarm(): void {
    this.armed = undefined;
  }

  get isArmed(): boolean {
    return this.armed !== undefined;
  }

  /** A counter for one connection. */
  meter(): CutMeter {
    let generation = 0;
    let sinceArmed = 0;
    const meter: CutMeter = {
      forwarded: 0,
      decide: (length) => {
        const armed = this.armed;
        let decision: CutDecision = { forward: length, cut: false };
        if (armed !== undefined) {
          if (generation !== armed.generation) {
            generation = armed.generation;
            sinceArmed = 0;
          }
          const room = armed.bytes - sinceArmed;
          if (length >= room) {
            decision = { forward: room, cut: true };
            this.armed = undefined;
          }
          sinceArmed += decision.forward;
        }
        meter.forwarded += decision.forward;
        return decision;
      },
    };
    return meter;
  }
}

export interface CutMeter {
  /** Bytes of the answer stream passed on to the client so far. */
  forwarded: number;
  decide(length: number): CutDecision;
}

export interface ProxiedConnection {
  /** Bytes of the answer stream passed on to the client. */
  readonly forwarded: number;
  /** The proxy cut it (armed or on demand). */
  readonly cut: boolean;
}

export interface CuttingProxy {
  /** `http://127.0.0.1:<port>`: a different origin from the upstream's. */
  readonly origin: string;
  /** Cut the first connection to pass on `bytes` more bytes, right after them (see `CutSwitch`). */
  cutAfter(bytes: number): void;
  /** Resolves once the armed cut has happened; with the connection it cut. */
  nextCut(): Promise<ProxiedConnection>;
  /** Cut every open connection now. */
  cutAll(): void;
  /** Every connection so far, oldest first. */
  readonly connections: readonly ProxiedConnection[];
  close(): Promise<void>;
}

export async function startCuttingProxy(upstreamPort: number): Promise<CuttingProxy> {
  const cuts = new CutSwitch();
  const open = new Set<() => void>();
  const connections: { forwarded: number; cut: boolean }[] = [];
  let waiters: Array<(connection: ProxiedConnection) => void> = [];

  const server = createServer((client) => {
    const upstream = connect(upstreamPort, '127.0.0.1');
    const meter = cuts.meter();
    const record = {
      get forwarded() {
        return meter.forwarded;
      },
      cut: false,
    };
    connections.push(record);
    const cutNow = () => {
      if (record.cut) return;
      record.cut = true;
      upstream.destroy();
      // A FIN after the bytes already passed on: the client reads them, then the connection ends early.
      client.end();
      for (const wake of waiters.splice(0)) wake(record);
    };
    const closeBoth = () => {
      open.delete(cutNow);
      client.destroy();
      upstream.destroy();
    };
    open.add(cutNow);
    upstream.on('data', (piece: Buffer) => {
      const { forward, cut } = meter.decide(piece.length);
      if (forward > 0 && !client.write(piece.subarray(0, forward))) upstream.pause();
      if (cut) cutNow();
    });
    client.on('drain', () => upstream.resume());
    client.pipe(upstream);
    upstream.on('end', () => client.end());
    for (const socket of [client, upstream] as Socket[]) {
      socket.on('error', closeBoth);
      socket.on('close', closeBoth);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    origin: `http://127.0.0.1:${port}`,
    cutAfter: (bytes) => cuts.arm(bytes),
    nextCut: () => new Promise((resolve) => waiters.push(resolve)),
    cutAll() {
      for (const cut of [...open]) cut();
    },
    connections,
    close() {
      cuts.disarm();
      waiters = [];
      for (const cut of [...open]) cut();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
