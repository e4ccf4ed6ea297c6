/**
 * The raw-API page (raw.html): code written against the Background Fetch spec alone. One call makes it run in
 * every browser; everything after it is the platform's API, which the polyfill provides where the browser lacks it.
 */
import { type BackgroundFetchRegistration, installBackgroundFetchPolyfill } from '@bgfetch/core';
import { controlledByServiceWorker, createFallbackWorker } from './client';
import { artworkUrl, audioUrl, downloadTotal, type Episode, episodes } from './episodes';
import './styles.css';

const { installed } = installBackgroundFetchPolyfill({ fallback: { createWorker: createFallbackWorker } });
const api = document.getElementById('api')!;
api.dataset.installed = installed;
api.textContent = installed === 'polyfill' ? 'bgfetch-kit’s polyfill' : 'the browser’s own API';

const list = document.getElementById('episodes')!;
const registration = await controlledByServiceWorker();

for (const episode of episodes) list.append(await episodeItem(episode));
// Tests wait for this: every row shows what the browser knows of its episode.
document.documentElement.dataset.demo = 'ready';

async function episodeItem(episode: Episode): Promise<HTMLLIElement> {
  const item = document.createElement('li');
  item.className = 'raw-episode';
  item.dataset.episode = episode.slug;
  const title = document.createElement('span');
  title.textContent = episode.title;
  const progress = document.createElement('progress');
  progress.max = downloadTotal(episode);
  progress.value = 0;
  progress.setAttribute('aria-label', `${episode.title}: download progress`);
  const status = document.createElement('output');
  const button = document.createElement('button');
  button.type = 'button';
  item.append(title, progress, status, button);

  const idle = (text: string) => {
    status.textContent = text;
    item.dataset.state = text === 'saved' ? 'saved' : 'idle';
    button.textContent = 'Download';
    button.onclick = () => start().catch((error: unknown) => idle(`could not start: ${String(error)}`));
  };
  const follow = (fetch: BackgroundFetchRegistration) => {
    item.dataset.state = 'fetching';
    button.textContent = 'Cancel';
    button.onclick = () => void fetch.abort();
    const show = () => {
      progress.value = fetch.downloaded;
      status.textContent = `${Math.round(fetch.downloaded / 1024)} KiB`;
      if (fetch.result === 'success') idle('saved');
      else if (fetch.result === 'failure') idle(fetch.failureReason);
    };
    fetch.addEventListener('progress', show);
    show();
  };
  const start = async () => {
    follow(
      await registration.backgroundFetch.fetch(episode.id, [audioUrl(episode), artworkUrl(episode)], {
        title: episode.title,
        downloadTotal: downloadTotal(episode),
      }),
    );
  };

  // After a reload a running download is still there: follow it. A finished one is in the service worker's cache.
  const running = await registration.backgroundFetch.get(episode.id);
  if (running) follow(running);
  else idle((await caches.match(audioUrl(episode))) ? 'saved' : '');
  return item;
}
