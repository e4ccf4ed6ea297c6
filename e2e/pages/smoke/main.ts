import { controlledBy } from '../shared/controlled';
import { type DownloadRequest, type DownloadResult, PING, type SmokeApi } from './api';

/** The page's service worker controls it; resolves with that worker's script URL. */
async function controlledByServiceWorker(): Promise<string> {
  await controlledBy();
  return navigator.serviceWorker.controller!.scriptURL;
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
