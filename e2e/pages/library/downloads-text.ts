import type { DownloadsLibrary } from '@bgfetch/core';

const megabytes = new Intl.NumberFormat('en', { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 });

/** One line per stored download, newest first, then the storage: what a "Downloads" view shows. */
export async function downloadsText(library: DownloadsLibrary): Promise<string[]> {
  const lines = (await library.list()).map(
    ({ title, bytes, state }) => `${title}: ${megabytes.format(bytes / 1e6)}, ${state}`,
  );
  const { persisted } = await library.storage();
  lines.push(
    `${megabytes.format((await library.bytesUsed()) / 1e6)} stored, ${persisted ? 'persisted' : 'may be evicted'}`,
  );
  return lines;
}
