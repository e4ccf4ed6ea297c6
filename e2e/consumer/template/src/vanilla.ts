import { createBackgroundFetch } from '@bgfetch/core';

// The service worker keeps finished downloads in Cache Storage (src/sw.ts; built to /sw.js, see vite.config.ts).
navigator.serviceWorker.register(import.meta.env.DEV ? '/src/sw.ts' : '/sw.js', {
  type: 'module',
  scope: '/',
});

const bg = createBackgroundFetch({ serviceWorker: navigator.serviceWorker.ready });
const button = document.querySelector<HTMLButtonElement>('#download')!;
const status = document.querySelector<HTMLOutputElement>('#status')!;

/** Shows the episode's download as the store has it (every change of the store lands here). */
function render() {
  const episode = bg.store.getState().registrations['episode-42'];
  status.dataset.state = episode?.status ?? 'idle';
  if (episode === undefined) status.textContent = '';
  else if (episode.status === 'success') status.textContent = 'Downloaded';
  else
    status.textContent = `${episode.status}: ${episode.downloaded} of ${episode.downloadTotal || '?'} bytes`;
  button.hidden = episode !== undefined && episode.status !== 'failure' && episode.status !== 'aborted';
}

render();
bg.store.subscribe(render);
button.addEventListener('click', () => {
  bg.fetch('episode-42', '/media/episode-42.mp3', { title: 'Episode 42' }).catch((error: unknown) => {
    status.dataset.state = 'start-failed';
    status.textContent = `Could not start the download: ${error}`;
  });
});
