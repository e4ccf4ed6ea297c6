import type { DownloadRequest, DownloadResult } from './api';

async function download({ url, size, chunk }: DownloadRequest): Promise<DownloadResult> {
  const body = new Uint8Array(size);
  const responses: DownloadResult['responses'] = [];
  for (let start = 0; start < size; start += chunk) {
    const end = Math.min(start + chunk, size) - 1;
    const response = await fetch(url, { headers: { Range: `bytes=${start}-${end}` } });
    const bytes = new Uint8Array(await response.arrayBuffer());
    responses.push({
      status: response.status,
      contentRange: response.headers.get('Content-Range'),
      bytes: bytes.length,
    });
    body.set(bytes.subarray(0, size - start), start);
  }
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', body));
  const sha256 = Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return { sha256, responses };
}

self.onmessage = async (event: MessageEvent<DownloadRequest>) => {
  try {
    self.postMessage(await download(event.data));
  } catch (error) {
    self.postMessage({ error: String(error) });
  }
};
