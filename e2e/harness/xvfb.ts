import type { Readable } from 'node:stream';
import { startProcess, stopProcess, withTimeout } from './processes';

export interface VirtualDisplay {
  /** The value for `DISPLAY`, e.g. `:99`. */
  display: string;
  stop(): Promise<void>;
}

/**
 * Starts a private X server. WebKitGTK has no headless mode, and without a display WebDriver session creation
 * hangs rather than fails. `-displayfd` makes Xvfb pick a free display number itself and report it, so parallel
 * workers never race for one.
 */
export async function startXvfb(): Promise<VirtualDisplay> {
  const child = startProcess(
    'Xvfb',
    ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'],
    {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk;
  });
  const displayFd = child.stdio[3] as Readable;
  const reported = new Promise<string>((resolve, reject) => {
    let text = '';
    displayFd.on('data', (chunk: Buffer) => {
      text += chunk;
      if (text.includes('\n')) resolve(`:${text.trim()}`);
    });
    child.once('exit', (code) => reject(new Error(`Xvfb exited (${code}): ${stderr}`)));
  });
  try {
    const display = await withTimeout('Xvfb start', 10_000, reported);
    return { display, stop: () => stopProcess(child) };
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
}
