import { type DownloadRequest, type DownloadResult, PING, type SmokeApi } from './api';

async function controlledByServiceWorker(): Promise<string> {
  const container = navigator.serviceWorker;
  // Listen before registering: clients.claim() may hand over control before register() resolves.
  const controlled = new Promise<void>((resolve) => {
    if (container.controller) resolve();
    else container.addEventListener('controllerchange', () => resolve(), { once: true });
  });
  await container.register('./sw.js');
  await controlled;
  const worker = container.controller!;
  // Firefox hands over control (and resolves `ready`) while the worker is still activating.
  if (worker.state !== 'activated') {
    await new Promise<void>((resolve) => {
      worker.addEventListener('statechange', () => worker.state === 'activated' && resolve());
    });
  }
  return worker.scriptURL;
}

async function pingServiceWorker(): Promise<string> {
  const channel = new MessageChannel();
  const reply = new Promise<string>((resolve) => {
    channel.port1.onmessage = (event) => resolve(event.data);
  });
  navigator.serviceWorker.controller!.postMessage(PING, [channel.port2]);
  return reply;
}

function download(request: DownloadRequest): Promise<DownloadResult> {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  return new Promise<DownloadResult>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<DownloadResult | { error: string }>) => {
      if ('error' in event.data) reject(new Error(event.data.error));
      else resolve(event.data);
    };
    worker.onerror = (event) => reject(new Error(`worker failed: ${event.message}`));
    worker.postMessage(request);
  }).finally(() => worker.terminate());
}

window.smoke = { controlledByServiceWorker, pingServiceWorker, download } satisfies SmokeApi;
