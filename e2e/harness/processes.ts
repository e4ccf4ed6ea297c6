import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Child processes of the harness (Xvfb, WebKitWebDriver and the browser it starts). Each one leads its own
 * process group, so stopping it also ends everything it started, even when it dies first and orphans them.
 */
const groups = new Set<number>();

export function startProcess(command: string, args: string[], options: SpawnOptions = {}): ChildProcess {
  const child = spawn(command, args, { ...options, detached: true });
  if (child.pid !== undefined) groups.add(child.pid);
  return child;
}

/** SIGTERM to the group, SIGKILL to whatever is left after `graceMs`; resolves once no member is alive. */
export async function stopProcess(child: ChildProcess, graceMs = 3000): Promise<void> {
  const group = child.pid;
  if (group === undefined) return;
  signalGroup(group, 'SIGTERM');
  if (!(await groupGone(group, graceMs))) {
    signalGroup(group, 'SIGKILL');
    await groupGone(group, 5000);
  }
  groups.delete(group);
}

/**
 * Waits until only the leader is left of its group: its descendants have exited while it can still reap them.
 * Orphans go to PID 1, which in these containers reaps them only now and then: they would show up as zombies.
 */
export function descendantsGone(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  return child.pid === undefined ? Promise.resolve(true) : membersAtMost(child.pid, 1, timeoutMs);
}

function groupGone(group: number, timeoutMs: number): Promise<boolean> {
  return membersAtMost(group, 0, timeoutMs);
}

/** Zombies count as gone. */
async function membersAtMost(group: number, count: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (liveMembers(group) > count) {
    if (Date.now() > deadline) return false;
    await sleep(25);
  }
  return true;
}

function liveMembers(group: number): number {
  let count = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      // Fields after the command name (which may hold spaces): state is 3rd, pgrp 5th.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pgrp) === group && state !== 'Z') count++;
    } catch {
      // The process ended while we looked.
    }
  }
  return count;
}

function signalGroup(group: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-group, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

// A worker that exits without running fixture teardown must not leave browsers behind.
process.once('exit', () => {
  for (const group of groups) signalGroup(group, 'SIGKILL');
});

/** A TCP port that was free a moment ago (the kernel picks it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no TCP port');
  return address.port;
}

/** Rejects with `what` timed out after `ms` instead of hanging (WebKit session creation hangs without a display). */
export async function withTimeout<T>(what: string, ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  // After a timeout the abandoned promise may still reject (its process is stopped): not an unhandled rejection.
  promise.catch(() => undefined);
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
